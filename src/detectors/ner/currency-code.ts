/**
 * ISO 4217 codes of currencies often written beside an amount. A model can take such a capitalised token for an
 * organisation or a place ("USD 4,389.80" → ORGANIZATION "USD": phi-ner-small 0.4.2 does so in 49 of the bench
 * corpus's 1,284 look-alike distractors); beside a number it never names anyone.
 */
const CODES = new Set(
  ('USD EUR GBP JPY CHF CAD AUD NZD CNY HKD SGD INR SEK NOK DKK PLN CZK HUF RON BGN RUB UAH TRY ZAR BRL MXN ARS CLP COP ' +
    'PEN KRW TWD THB IDR MYR PHP VND PKR BDT ILS AED SAR QAR KWD EGP NGN KES GHS MAD').split(' '),
);

/** Whether `text.slice(start, end)` is a currency code (upper case) written right before or after a number. */
export function isCurrencyOfAmount(text: string, start: number, end: number): boolean {
  if (!CODES.has(text.slice(start, end))) return false;
  return /^ ?\d/.test(text.slice(end, end + 2)) || /\d ?$/.test(text.slice(Math.max(0, start - 2), start));
}

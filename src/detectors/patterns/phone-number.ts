import { findNumbers, type CountryCode } from 'libphonenumber-js/max';
import { contextBefore, hasAnyWord } from '../context';
import type { Detection, DetectOptions, Detector } from '../types';

const ID = 'pattern.phone-number';
const CONTEXT = [
  'phone', 'ph', 'tel', 'telephone', 'call', 'called', 'fax', 'cell', 'mobile', 'cellphone', 'contact', 'pager',
  'text', 'reach', 'dial', 'home', 'work', 'office', 'whatsapp', 'number',
];
/** Labels of other numbers that share the phone shape ("Order #6172531000"). */
const OTHER_NUMBER = [
  'order', 'invoice', 'isbn', 'tracking', 'ref', 'reference', 'confirmation', 'ticket', 'sku', 'serial',
  'account', 'acct', 'mrn', 'member', 'policy', 'npi', 'routing', 'transaction', 'case',
];
const CONTEXT_SCORE = 0.9;
/** Fewest digits of a number libphonenumber can accept: national US numbers have 10, "+" numbers as few as 7. */
const MIN_DIGITS_NATIONAL = 10;
const MIN_DIGITS_INTERNATIONAL = 7;

/**
 * Phone-shaped runs: optional "+" or "(", digits with separators, optional extension. libphonenumber-js parses each
 * run on its own, which bounds its work to short strings whatever the input.
 */
const CANDIDATE =
  /(?<![\w+.\/,$-])(?:\+|\(\+?)?\d[\d ().\-\u00a0]{5,22}\d(?:\s{0,2}(?:x|ext\.?|extension|#)\s{0,2}\d{1,6})?(?![\w\/]|[.,]\d)/gi;
const FORMATTING = /[\s().+-]/;

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Cheap pre-check so libphonenumber (tens of microseconds a call) only sees runs that can be a number. */
function enoughDigits(candidate: string): boolean {
  const international = candidate[0] === '+' || candidate[1] === '+';
  return countDigits(candidate) >= (international ? MIN_DIGITS_INTERNATIONAL : MIN_DIGITS_NATIONAL);
}
/**
 * Leniency POSSIBLE keeps well-formed numbers whose area code is unassigned (the fictional 555 range of test data)
 * and lets us score them lower instead of dropping them. The option exists at runtime but not in the typings.
 */
const FIND_OPTIONS = { defaultCountry: 'US', v2: true, leniency: 'POSSIBLE' } as { defaultCountry: CountryCode; v2: true };

/**
 * PHONE_NUMBER: US and international numbers (+44, +49, +33, …; default country US) with extensions ("x204",
 * "ext. 12"), found and checked by libphonenumber-js. Valid, formatted numbers score 0.75; bare digit runs and
 * merely possible numbers (e.g. the fictional 555 area) score lower; a phone word nearby raises to 0.9; an
 * order/invoice/account label nearby drops the match. Dates, prices, versions, times and SSNs are not phone numbers.
 */
export const phoneNumberDetector: Detector = {
  id: ID,
  kind: 'pattern',
  entities: ['PHONE_NUMBER'],
  description: 'Phone and fax numbers, US and international, with extensions (libphonenumber-js)',
  detect(text: string, options: DetectOptions): Detection[] {
    const out: Detection[] = [];
    if (!/\d{2}/.test(text)) return out;
    const extra = options.contextWords?.PHONE_NUMBER;
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text)) !== null) {
      if (!enoughDigits(m[0])) continue;
      const base = m.index;
      for (const found of findNumbers(m[0], FIND_OPTIONS)) {
        const start = base + found.startsAt;
        const raw = m[0].slice(found.startsAt, found.endsAt);
        const valid = found.number.isValid();
        const formatted = FORMATTING.test(raw);
        let score = valid ? (formatted ? 0.75 : 0.4) : formatted ? 0.55 : 0.3;
        const before = contextBefore(text, start);
        if (hasAnyWord(before, CONTEXT, extra)) score = CONTEXT_SCORE;
        else if (hasAnyWord(before, OTHER_NUMBER, undefined)) continue;
        out.push({ entity: 'PHONE_NUMBER', start, end: base + found.endsAt, score, detectorId: ID });
      }
    }
    return out;
  },
};

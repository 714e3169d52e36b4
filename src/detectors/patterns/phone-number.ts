import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { contextBefore, hasAnyWord } from '../context';
import type { Detection, DetectOptions, Detector } from '../types';

const ID = 'pattern.phone-number';
const CONTEXT = [
  'phone', 'ph', 'tel', 'telephone', 'call', 'called', 'callback', 'fax', 'cell', 'mobile', 'cellphone', 'contact', 'pager',
  'text', 'reach', 'dial', 'home', 'work', 'office', 'whatsapp',
];
/** Labels of other numbers that share the phone shape ("Order #6172531000"). */
const OTHER_NUMBER = [
  'order', 'invoice', 'isbn', 'tracking', 'ref', 'reference', 'confirmation', 'ticket', 'sku', 'serial',
  'account', 'acct', 'mrn', 'member', 'policy', 'npi', 'routing', 'transaction', 'case',
];
const CONTEXT_SCORE = 0.9;

/**
 * A phone-shaped run: optional "+" or "(", digits with separators (group 1), optional extension (group 2). Each run
 * is then parsed on its own by libphonenumber-js, which bounds its work to short strings whatever the input.
 */
const CANDIDATE =
  /(?<![\w+.\/,$-])((?:\+|\(\+?)?\d[\d ().\-\u00a0]{5,22}\d)((?:\s{0,2}(?:x|ext\.?|extension|#)\s{0,2}\d{1,6})?)(?![\w\/]|[.,]\d)/gi;
const FORMATTING = /[\s().+-]/;
const PARSE_OPTIONS: { defaultCountry: CountryCode; extract: false } = { defaultCountry: 'US', extract: false };

/**
 * Cheap shape checks before parsing (parsing costs tens of microseconds): balanced parentheses; "+" and "00" numbers
 * have 7–15 digits after the prefix (E.164); national numbers are NANP: 10 digits (11 with a leading 1) and an area code that does not
 * start with 0 or 1, which also keeps IP addresses and dotted version strings out.
 */
function phoneShaped(core: string): boolean {
  let digits = '';
  let open = 0;
  let close = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core[i];
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '(') open++;
    else if (c === ')') close++;
  }
  if (open !== close || open > 1) return false;
  if (core.includes('+') || core.startsWith('00')) return digits.length >= 7 && digits.length <= 17;
  if (digits.length === 11 && digits[0] === '1') digits = digits.slice(1);
  return digits.length === 10 && digits[0] >= '2';
}

/** "0044 20 …" dialled from Europe is "+44 20 …"; libphonenumber parses the "+" form with a US default country. */
function international(candidate: string): string {
  return candidate.startsWith('00') ? `+${candidate.slice(2)}` : candidate;
}

/**
 * PHONE_NUMBER: US and international numbers (+44, +49, +33, …; default country US) with extensions ("x204",
 * "ext. 12"), checked by libphonenumber-js. Valid, formatted numbers score 0.75; bare digit runs and numbers that
 * are only possible (e.g. the fictional 555 area) score lower; an order/invoice/account label nearby drops the
 * match, otherwise a phone word nearby raises it to 0.9. Dates, prices, versions, times, IP addresses, card numbers and
 * SSNs do not have a phone number's shape.
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
      const start = m.index;
      let length = m[0].length;
      let core = m[1];
      let phone = phoneShaped(core) ? parsePhoneNumberFromString(international(m[0]), PARSE_OPTIONS) : undefined;
      if (phone === undefined || !phone.isPossible()) {
        // Two numbers separated by a space ("617 253 1000 617 253 1001") form one run: take the longest valid
        // prefix that ends at a space, then read on after it.
        phone = undefined;
        for (let cut = core.lastIndexOf(' '); cut > 0 && phone === undefined; cut = core.lastIndexOf(' ', cut - 1)) {
          const prefix = core.slice(0, cut);
          const candidate = phoneShaped(prefix) ? parsePhoneNumberFromString(international(prefix), PARSE_OPTIONS) : undefined;
          if (candidate?.isValid()) {
            phone = candidate;
            core = prefix;
            length = cut;
          }
        }
        if (phone === undefined) continue;
        CANDIDATE.lastIndex = start + length;
      }
      const formatted = FORMATTING.test(core);
      let score = phone.isValid() ? (formatted ? 0.75 : 0.4) : formatted ? 0.55 : 0.3;
      const before = contextBefore(text, start);
      if (hasAnyWord(before, OTHER_NUMBER, undefined)) continue;
      if (hasAnyWord(before, CONTEXT, extra)) score = CONTEXT_SCORE;
      out.push({ entity: 'PHONE_NUMBER', start, end: start + length, score, detectorId: ID });
    }
    return out;
  },
};

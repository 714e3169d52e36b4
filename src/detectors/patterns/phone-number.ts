import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { contextBefore, hasAnyWord } from '../context';
import type { Detection, DetectOptions, Detector } from '../types';

const ID = 'pattern.phone-number';
const CONTEXT = [
  'phone', 'ph', 'tel', 'telephone', 'call', 'called', 'callback', 'fax', 'cell', 'mobile', 'cellphone', 'contact',
  'pager', 'text', 'reach', 'dial', 'home', 'work', 'office', 'whatsapp', 'number', 'ring',
  // the same word in the languages of the GDPR profile's likely tenants
  'telefon', 'tél', 'téléphone', 'teléfono', 'telefono', 'telefoon', 'handy', 'mobil', 'portable', 'móvil', 'cellulare',
];
/** Labels of other numbers that share the phone shape ("Order #6172531000"). */
const OTHER_NUMBER = [
  'order', 'invoice', 'isbn', 'tracking', 'ref', 'reference', 'confirmation', 'ticket', 'sku', 'serial',
  'account', 'acct', 'mrn', 'member', 'policy', 'npi', 'routing', 'transaction', 'case',
];
const CONTEXT_SCORE = 0.9;
/** What may stand between two numbers for the second to share the first one's phone word: "…, or", " / ", " and ". */
const JOINER = /^[\s,;\/&]*(?:(?:or|and)[\s,;\/&]*)?$/i;
/** A valid bare number alone on its line, as in an e-mail signature. */
const OWN_LINE_SCORE = 0.6;

/**
 * A phone-shaped run: optional "+" or "(", digits with separators (group 1), optional extension (group 2).
 */
const CANDIDATE =
  /(?<![\w+.\/,$-])((?:\+|\(\+?)?\d[\d ().\-\u00a0]{5,22}\d)((?:\s{0,2}(?:x|ext\.?|extension|#)\s{0,2}\d{1,6})?)(?![\w\/]|[.,]\d)/gi;
const FORMATTING = /[\s().+-]/;
const PARSE_OPTIONS: { defaultCountry: CountryCode; extract: false } = { defaultCountry: 'US', extract: false };
/** NANP: area code and exchange start with 2–9, neither is N11, and area codes with 9 in the middle are reserved. */
const NANP_VALID = /^[2-9][0-8]\d[2-9]\d{6}$/;
const N11 = /^\d11/;

/**
 * 'local': a 7-digit NANP subscriber number without area code ("555-0142"); 'national': a number in another country's
 * national format, trunk prefix 0 ("020 7946 0958"). Either is a phone number only with a phone word before it.
 */
type Verdict = 'valid' | 'possible' | 'local' | 'national' | undefined;

/** Exchange (2–9, not N11) and line number, with one separator: "555-0142", "482.1937". */
const NANP_LOCAL = /^[2-9](?!11)\d{2}[-. ]\d{4}$/;
/**
 * Regions whose national format ("0" + area code) is tried for a number after a phone word. Nearly every 0-led run of
 * 9–12 digits is valid in one of them, so without that word such a run is not read as a phone number.
 */
const NATIONAL_REGIONS: readonly CountryCode[] = [
  'GB', 'IE', 'DE', 'FR', 'NL', 'BE', 'ES', 'IT', 'AT', 'CH', 'SE', 'DK', 'NO', 'FI', 'PL', 'PT', 'AU', 'NZ', 'IN',
  'ZA',
];

function validNationally(candidate: string): boolean {
  for (const defaultCountry of NATIONAL_REGIONS) {
    const phone = parsePhoneNumberFromString(candidate, { defaultCountry, extract: false });
    if (phone !== undefined && phone.country === defaultCountry && phone.isValid()) return true;
  }
  return false;
}

const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Whether a phone-shaped run is a number: "+" and "00" numbers (7–15 digits after the prefix, E.164) are parsed and
 * validated by libphonenumber-js against its full metadata; national numbers are NANP (10 digits, or 11 with a
 * leading 1, area code not starting with 0 or 1 — which keeps IP addresses and dotted versions out) and are checked
 * by the NANP numbering rules directly, several times faster than a parse. Unbalanced parentheses are rejected.
 */
function classify(core: string, candidate: string): Verdict {
  let digits = '';
  let open = 0;
  let close = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core[i];
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '(') open++;
    else if (c === ')') close++;
  }
  if (open !== close || open > 1) return undefined;
  if (core.includes('+') || core.startsWith('00')) {
    if (digits.length < 7 || digits.length > 17) return undefined;
    // "0044 20 …" dialled from Europe is "+44 20 …".
    const phone = parsePhoneNumberFromString(
      candidate.startsWith('00') ? `+${candidate.slice(2)}` : candidate,
      PARSE_OPTIONS,
    );
    if (phone === undefined) return undefined;
    return phone.isValid() ? 'valid' : phone.isPossible() ? 'possible' : undefined;
  }
  // a dotted quad ("84.82.145.153") has ten digits too, but a NANP number's last group has four
  if (DOTTED_QUAD.test(core)) return undefined;
  if (digits.length === 7) return NANP_LOCAL.test(core) ? 'local' : undefined;
  if (digits[0] === '0') return digits.length >= 9 && digits.length <= 12 ? 'national' : undefined;
  if (digits.length === 11 && digits[0] === '1') digits = digits.slice(1);
  if (digits.length !== 10 || digits[0] < '2') return undefined;
  return NANP_VALID.test(digits) && !N11.test(digits) && !N11.test(digits.slice(3)) ? 'valid' : 'possible';
}

/**
 * Whether [start, end) is alone on a line that follows another line (a signature block). A whole text or field that is
 * just a number does not count: it may as well be an id.
 */
function aloneOnLine(text: string, start: number, end: number): boolean {
  let i = start - 1;
  for (; i >= 0 && text[i] !== '\n'; i--) if (text[i] !== ' ' && text[i] !== '\t') return false;
  if (i < 0) return false;
  for (let j = end; j < text.length && text[j] !== '\n'; j++) {
    if (text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\r') return false;
  }
  return true;
}

/**
 * PHONE_NUMBER: US and international numbers (+44, +49, +33, 0044 …) with extensions ("x204", "ext. 12"). Valid,
 * formatted numbers score 0.75; bare digit runs (unless alone on their line, as in a signature) and numbers that are
 * only possible (e.g. "(555) 123-4567", whose exchange cannot start with 1) score lower; an order/invoice/account label nearby drops the match, otherwise a
 * phone word nearby raises it to 0.9. After a phone word, 7-digit local numbers ("phone 555-0142") and numbers in
 * another country's national format ("home 020 7946 0958", valid in one of `NATIONAL_REGIONS`) count too, at 0.9;
 * without one they are left alone. A second number joined to the first by "or", "and", "/" or a comma shares its
 * phone word. Two numbers separated by a space are split. Dates, prices, versions, times, IP addresses, card numbers
 * and SSNs do not have a phone number's shape.
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
    let lastWithContext = -1;
    while ((m = CANDIDATE.exec(text)) !== null) {
      const start = m.index;
      let length = m[0].length;
      let core = m[1];
      let verdict = classify(core, m[0]);
      if (verdict === undefined) {
        // "617 253 1000 617 253 1001" is one run: take the longest valid prefix that ends at a space, read on after it.
        for (let cut = core.lastIndexOf(' '); cut > 0 && verdict === undefined; cut = core.lastIndexOf(' ', cut - 1)) {
          const prefix = core.slice(0, cut);
          if (classify(prefix, prefix) === 'valid') {
            verdict = 'valid';
            core = prefix;
            length = cut;
          }
        }
        if (verdict === undefined) continue;
        CANDIDATE.lastIndex = start + length;
      }
      const before = contextBefore(text, start);
      if (hasAnyWord(before, OTHER_NUMBER, undefined)) continue;
      // "call 555-0142 or 555-0199": the phone word before the first number counts for the second
      const withContext =
        hasAnyWord(before, CONTEXT, extra) || (lastWithContext >= 0 && JOINER.test(text.slice(lastWithContext, start)));
      if (verdict === 'local' || verdict === 'national') {
        if (!withContext || (verdict === 'national' && !validNationally(core))) continue;
      }
      const formatted = FORMATTING.test(core);
      let score = verdict === 'valid' ? (formatted ? 0.75 : 0.4) : formatted ? 0.55 : 0.3;
      if (verdict === 'valid' && !formatted && aloneOnLine(text, start, start + length)) score = OWN_LINE_SCORE;
      if (withContext) score = CONTEXT_SCORE;
      lastWithContext = withContext ? start + length : -1;
      out.push({ entity: 'PHONE_NUMBER', start, end: start + length, score, detectorId: ID });
    }
    return out;
  },
};

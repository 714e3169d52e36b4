import { patternDetector } from '../pattern-detector';
import { US_STATE_CODES } from '../data/us-states';

/** "Boston, MA 02139": a state code right before the ZIP. */
const STATE_BEFORE = /\b([A-Za-z]{2})\.?,?\s{1,3}$/;
/**
 * State codes that are also common lower-case words ("in 12345 cases", "or", "me", "hi"): in lower case they do not
 * make a ZIP. Upper case they do, as every state code does.
 */
const LOWER_CASE_WORDS = new Set(['in', 'or', 'me', 'hi', 'oh', 'ok']);

/**
 * US_ZIP_CODE: 5 digits or ZIP+4. A bare five-digit number is weak (< 0.4); a state code right before it (upper case,
 * or lower case where it is not also a word: "chicago il 60625") or a word such as "zip" raises it.
 */
export const usZipCodeDetector = patternDetector({
  id: 'pattern.us-zip-code',
  entity: 'US_ZIP_CODE',
  description: 'US ZIP codes (weak alone; strong after a state code or "zip")',
  context: ['zip', 'zipcode', 'zip code', 'postal', 'postal code', 'postcode', 'mailing address', 'address'],
  contextScore: 0.85,
  prefilter: (text) => /\d{5}/.test(text),
  patterns: [
    { name: 'zip5', regex: /(?<![\w.,$#-])\d{5}(?![\w-]|[.,]\d)/, score: 0.3 },
    { name: 'zip9', regex: /(?<![\w.,$#-])\d{5}-\d{4}(?![\w-]|[.,]\d)/, score: 0.45 },
  ],
  validate: (match, m) => {
    if (match.startsWith('00000')) return false;
    const state = STATE_BEFORE.exec(m.input.slice(Math.max(0, m.index - 6), m.index));
    if (state === null) return true;
    const code = state[1];
    // "chicago il 60625" as chat writes it: a lower-case code counts unless it is also a word
    const upper = code === code.toUpperCase();
    const lower = code === code.toLowerCase() && !LOWER_CASE_WORDS.has(code);
    return (upper || lower) && US_STATE_CODES.has(code.toUpperCase()) ? 0.9 : true;
  },
});

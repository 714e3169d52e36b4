import { patternDetector } from '../pattern-detector';
import { US_STATE_CODES } from '../data/us-states';

/** "Boston, MA 02139": a state code (upper-case) right before the ZIP. */
const STATE_BEFORE = /\b([A-Z]{2})\.?,?\s{1,3}$/;

/**
 * US_ZIP_CODE: 5 digits or ZIP+4. A bare five-digit number is weak (< 0.4); a state code right before it or a word
 * such as "zip" raises it.
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
    return state !== null && US_STATE_CODES.has(state[1]) ? 0.9 : true;
  },
});

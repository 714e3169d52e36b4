import isEmail from 'validator/lib/isEmail';
import type { Detection, Detector } from '../types';

const ID = 'pattern.email';
const SCORE = 0.95;
const MAX_LOCAL = 64;
/** The domain after an "@", read forward from it (sticky). */
const DOMAIN = /@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}(?![\w-])/y;

/** Characters of an unquoted local part: letters, digits, `_ . % + ' -`. */
function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 95 || c === 46 || c === 37 || c === 43 || c === 39 || c === 45
  );
}

/**
 * EMAIL_ADDRESS: anchored on each "@" (so text without one costs a single indexOf): the local part is read
 * backwards, at most 64 characters, the domain forwards; the candidate is confirmed by validator's isEmail.
 */
export const emailDetector: Detector = {
  id: ID,
  kind: 'pattern',
  entities: ['EMAIL_ADDRESS'],
  description: 'E-mail addresses (validated with validator.isEmail)',
  detect(text) {
    const out: Detection[] = [];
    let at = text.indexOf('@');
    while (at !== -1) {
      let start = at;
      while (start > 0 && at - start <= MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
      DOMAIN.lastIndex = at;
      const domain = start < at && at - start <= MAX_LOCAL ? DOMAIN.exec(text) : null;
      if (domain !== null) {
        const end = at + domain[0].length;
        if (isEmail(text.slice(start, end))) {
          out.push({ entity: 'EMAIL_ADDRESS', start, end, score: SCORE, detectorId: ID });
          at = text.indexOf('@', end);
          continue;
        }
      }
      at = text.indexOf('@', at + 1);
    }
    return out;
  },
};

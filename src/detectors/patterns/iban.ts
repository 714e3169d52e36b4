import isIBAN from 'validator/lib/isIBAN';
import type { Detection, Detector } from '../types';

const ID = 'pattern.iban';
const SCORE = 0.95;
/** Compact (DE89370400440532013000) or grouped by four (DE89 3704 0044 0532 0130 00). */
const CANDIDATE =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?:[ -][A-Z0-9]{4}){2,7}(?:[ -][A-Z0-9]{1,4})?)(?![A-Za-z0-9])/g;
const GROUP_BREAK = /[ -]/g;

/**
 * Length of the longest prefix of a grouped candidate that is a valid IBAN, cutting only at separators (text after
 * an IBAN may look like one more group); 0 when none is.
 */
function validLength(candidate: string): number {
  if (isIBAN(candidate.replace(GROUP_BREAK, ''))) return candidate.length;
  for (let cut = candidate.length - 1; cut > 8; cut--) {
    const ch = candidate[cut];
    if (ch !== ' ' && ch !== '-') continue;
    const prefix = candidate.slice(0, cut);
    if (isIBAN(prefix.replace(GROUP_BREAK, ''))) return cut;
  }
  return 0;
}

/** IBAN_CODE: country code + check digits + BBAN, verified with the ISO 13616 mod-97 checksum (validator.isIBAN). */
export const ibanDetector: Detector = {
  id: ID,
  kind: 'pattern',
  entities: ['IBAN_CODE'],
  description: 'International bank account numbers (country format + mod-97, validator.isIBAN)',
  detect(text) {
    const out: Detection[] = [];
    if (!/[A-Z]{2}\d{2}/.test(text)) return out;
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text)) !== null) {
      const length = validLength(m[0]);
      if (length > 0) out.push({ entity: 'IBAN_CODE', start: m.index, end: m.index + length, score: SCORE, detectorId: ID });
    }
    return out;
  },
};

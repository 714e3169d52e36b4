import { patternDetector } from '../pattern-detector';
import { luhnValid } from './luhn';

/** NPI check: Luhn over the number prefixed by 80840 (the ISO card-issuer prefix for US health). */
export function isValidNpi(digits: string): boolean {
  return /^[12]\d{9}$/.test(digits) && luhnValid(`80840${digits}`);
}

/** US_NPI: National Provider Identifier, 10 digits starting with 1 or 2, with the 80840-prefixed Luhn check. */
export const usNpiDetector = patternDetector({
  id: 'pattern.us-npi',
  entity: 'US_NPI',
  description: 'US National Provider Identifiers (Luhn with prefix 80840)',
  context: ['npi', 'national provider', 'provider id', 'provider number', 'prescriber'],
  contextScore: 0.9,
  prefilter: (text) => /\d{10}/.test(text),
  patterns: [{ name: 'npi', regex: /(?<![\w.,$-])[12]\d{9}(?![\w-]|[.,]\d)/, score: 0.4 }],
  validate: (match) => isValidNpi(match),
});

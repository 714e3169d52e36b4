import { patternDetector } from '../pattern-detector';

/**
 * DEA registration check: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit of the sum equals d7.
 */
export function isValidDea(value: string): boolean {
  const d = value.slice(2);
  const sum = +d[0] + +d[2] + +d[4] + 2 * (+d[1] + +d[3] + +d[5]);
  return sum % 10 === +d[6];
}

/**
 * US_DEA: DEA registration numbers, a registrant-type letter, the registrant's initial (or 9), seven digits with the
 * DEA check digit.
 */
export const usDeaDetector = patternDetector({
  id: 'pattern.us-dea',
  entity: 'US_DEA',
  description: 'US DEA registration numbers (check digit)',
  context: ['dea', 'dea#', 'dea #', 'dea no', 'registration', 'prescriber'],
  contextScore: 0.95,
  prefilter: (text) => /\d{7}/.test(text),
  patterns: [{ name: 'dea', regex: /(?<![\w-])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![\w-])/, score: 0.8 }],
  validate: (match) => isValidDea(match),
});

import { patternDetector } from '../pattern-detector';

/**
 * Rules of the SSA: area 000, 666 and 900–999, group 00 and serial 0000 are never issued; all-same digits are
 * placeholders.
 */
export function isPlausibleSsn(digits: string): boolean {
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return !/^(\d)\1{8}$/.test(digits);
}

const validate = (match: string): boolean => isPlausibleSsn(match.replace(/\D/g, ''));

/** US_SSN: 123-45-6789 (one delimiter used consistently); bare nine digits only with context. */
export const usSsnDetector = patternDetector({
  id: 'pattern.us-ssn',
  entity: 'US_SSN',
  description: 'US Social Security numbers (SSA area/group/serial rules)',
  context: ['ssn', 'ss#', 'ss #', 'social security', 'social sec', 'soc sec', 'taxpayer', 'tin'],
  contextScore: 0.9,
  prefilter: (text) => /\d{2}/.test(text),
  validate,
  patterns: [
    { name: 'ssn-dashed', regex: /(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-]|\.\d)/, score: 0.85 },
    { name: 'ssn-spaced', regex: /(?<![\w.-])\d{3}([ .])\d{2}\1\d{4}(?![\w-]|[ .]\d)/, score: 0.6 },
    { name: 'ssn-bare', regex: /(?<![\w.-])\d{9}(?![\w-]|\.\d)/, score: 0.3 },
  ],
});

import { patternDetector } from '../pattern-detector';

/** Ages over 89 are identifiers under HIPAA Safe Harbor; they score higher. Above 125 is not an age. */
function ageScore(match: string): number | false {
  const age = Number(match);
  if (age > 125) return false;
  return age > 89 ? 0.95 : 0.85;
}

/**
 * AGE: the number in "93-year-old", "93 years old", "93 yo", "93 y/o", "93 y.o.", "93 years of age", "aged 91",
 * "age: 95". The span is the number only, so "a 93-year-old" keeps its grammar when the number is replaced.
 */
export const ageDetector = patternDetector({
  id: 'pattern.age',
  entity: 'AGE',
  description: 'Ages stated with an age phrase (years old, y/o, aged, age:)',
  prefilter: (text) => /\d/.test(text),
  validate: (match) => ageScore(match),
  patterns: [
    {
      name: 'age-suffix',
      regex:
        /(?<![\w.,-])\d{1,3}(?=[- ]?(?:years?|yrs?)[- ](?:old|of age)\b|[- ]?(?:yo|y\/o|yr old)\b|[- ]?y\.o\.?|[- ]?(?:years?|yrs?)-?old\b)/i,
      score: 0.85,
    },
    { name: 'age-prefix', regex: /\b(?:age|aged|age of)\s{0,3}[:=]?\s{0,3}(\d{1,3})(?!\w|[.,]\d)/i, score: 0.85, group: 1 },
  ],
});

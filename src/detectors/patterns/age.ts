import { patternDetector } from '../pattern-detector';

/** Ages over 89 are identifiers under HIPAA Safe Harbor; they score higher. Above 125 is not an age. */
function ageScore(match: string): number | false {
  const age = Number(match);
  if (age > 125) return false;
  return age > 89 ? 0.95 : 0.85;
}

/** Units after "turned 90" that make it an angle, a share, a time or a dose, not an age. */
const NOT_YEARS =
  /^\s*(?:°|%|degrees?\b|deg\b|percent|minutes?\b|mins?\b|seconds?\b|secs?\b|hours?\b|hrs?\b|times\b|mg\b|mcg\b|ml\b|kg\b|lbs?\b|units?\b|bpm\b|mmhg\b)/i;

const UNITS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};

/** "ninety" 90, "ninety-four" 94, "one hundred" 100, "one hundred and three" 103 … "one hundred nineteen" 119. */
function wordAge(match: string): number {
  const words = match.toLowerCase().split(/[\s-]+/).filter((w) => w !== 'and');
  if (words[0] === 'ninety') return 90 + (UNITS[words[1]] ?? 0);
  const rest = words[2];
  return 100 + (rest === undefined ? 0 : (UNITS[rest] ?? TEENS[rest] ?? 0));
}

const UNIT_WORD = Object.keys(UNITS).join('|');
/** 90–119 in words: the ages over 89 that Safe Harbor removes, as people write them. */
const AGE_WORDS = `ninety(?:[- ](?:${UNIT_WORD}))?|(?:one|a) hundred(?:(?: and)? (?:${UNIT_WORD}|${Object.keys(TEENS).join('|')}))?`;

/**
 * AGE: the number in "93-year-old", "93 years old", "93 yo", "93 y/o", "93 y.o.", "93 years of age", "aged 91",
 * "age: 95", "turned 91" (not "turned 90 degrees"), and ages over 89 in words ("ninety-four years old", "turned
 * ninety-one"). The span is the number only, so "a 93-year-old" keeps its grammar when the number is replaced.
 */
export const ageDetector = patternDetector({
  id: 'pattern.age',
  entity: 'AGE',
  description: 'Ages stated with an age phrase (years old, y/o, aged, age:)',
  // a digit, or an age over 89 in words
  prefilter: (text) => /\d|ninety|hundred/i.test(text),
  validate: (match) => ageScore(match),
  patterns: [
    {
      name: 'age-suffix',
      regex:
        /(?<![\w.,-])\d{1,3}(?=[- ]?(?:years?|yrs?)[- ](?:old|of age)\b|[- ]?(?:yo|y\/o|yr old)\b|[- ]?y\.o\.?|[- ]?(?:years?|yrs?)-?old\b)/i,
      score: 0.85,
    },
    { name: 'age-prefix', regex: /\b(?:age|aged|age of)\s{0,3}[:=]?\s{0,3}(\d{1,3})(?!\w|[.,]\d)/i, score: 0.85, group: 1 },
    {
      name: 'age-turned',
      prefilter: (text) => /turn/i.test(text),
      regex: /\b(?:turned|turns|turning)\s{1,3}(\d{1,3})(?!\w|[.,]\d)/i,
      score: 0.85,
      group: 1,
      validate: (match, m) => !NOT_YEARS.test(m.input.slice(m.index + m[0].length, m.index + m[0].length + 12)) && ageScore(match),
    },
    {
      name: 'age-words',
      prefilter: (text) => /ninety|hundred/i.test(text),
      regex: new RegExp(
        `(?<=\\b(?:aged?|age of|turned|turns|turning)\\s{0,3}[:=]?\\s{1,3})(?:${AGE_WORDS})\\b(?![- ](?:percent|degrees))|\\b(?:${AGE_WORDS})(?=[- ](?:years?|yrs?)[- ](?:old|of age)\\b|[- ]?(?:years?|yrs?)-?old\\b)`,
        'i',
      ),
      score: 0.95,
      validate: (match) => ageScore(String(wordAge(match))),
    },
  ],
});

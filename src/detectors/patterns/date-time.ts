import { patternDetector } from '../pattern-detector';

/** Month names and abbreviations (an abbreviation may carry a period). Used with the `i` flag. */
const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?' +
  '|Sep(?:tember|t\\.?|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const ORDINAL = '(?:st|nd|rd|th)?';
/** Days written as ordinal words ("fourteenth", "twenty-first", "thirty first"). */
const ORDINAL_WORD =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth' +
  '|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth' +
  '|twenty[-\\s]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[-\\s]?first)';
const COMMON_ORDINAL = /^(?:first|second|third)$/i;
const HAS_DIGIT = (text: string) => /\d/.test(text);
/** Spelled dates need a month name somewhere in the text. */
const HAS_MONTH = (text: string) => /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(text);

/** Words right before a bare "3/14" that make it a date ("seen on 3/14", "DOB 3/14", "Fri 3/14"). */
const DATE_LEAD =
  /\b(?:on|since|from|until|till|by|of|dated|before|after|dob|born|admitted|discharged|seen|visit(?:ed)?|date|due|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)[\s:,.]{1,3}$/i;
/** Words near a fraction that make it a score, dose or ratio rather than a date ("pain 3/10", "rated 4/5"). */
const SCORE_WORDS = /\b(?:pain|score|scale|rated|rating|grade|strength|power|gcs|apgar|points?|tablets?|tabs?|dose|ratio)\b/i;

function inRange(n: number, lo: number, hi: number): boolean {
  return n >= lo && n <= hi;
}

/** Whether words around the match make it a score, dose or ratio. */
function nearScoreWords(m: RegExpExecArray): boolean {
  const end = m.index + m[0].length;
  return (
    SCORE_WORDS.test(m.input.slice(Math.max(0, m.index - 24), m.index)) || SCORE_WORDS.test(m.input.slice(end, end + 12))
  );
}

/** Month/day in either order (US m/d or European d/m). */
function validMonthDay(a: number, b: number): boolean {
  return (inRange(a, 1, 12) && inRange(b, 1, 31)) || (inRange(b, 1, 12) && inRange(a, 1, 31));
}

const MONTH_WORD = /[A-Za-z]{3}/;

/** A written date whose month is lower-case ("may 5", "march first") is more often a verb plus a count. */
function monthScore(month: string, withYear: boolean): number {
  if (withYear) return 0.9;
  const first = month.charCodeAt(0);
  return first >= 97 && first <= 122 ? 0.45 : 0.7;
}

/** `monthScore` for a match whose month is its first three-letter word ("3rd of March", "Mar 3"). */
function writtenScore(match: string, withYear: boolean): number {
  return monthScore(MONTH_WORD.exec(match)?.[0] ?? '', withYear);
}

/**
 * DATE_TIME: ISO dates (with optional time), numeric m/d/y and d.m.y, month/year ("03/2019"), written dates
 * ("March 3rd, 2024", "3 March 2024", "14-Mar-2024", "Mar. 3", "March 2024"), days spelled as ordinal words ("March
 * fourteenth", "the twenty-first of June") and bare "3/14", which scores below the threshold unless a date word
 * leads it. Prices, versions and scores ("3/10 pain") are rejected. A written month in lower case ("may 5", "march
 * first") scores below the threshold unless a year or a context word comes with it: more often a verb.
 */
export const dateTimeDetector = patternDetector({
  id: 'pattern.date-time',
  entity: 'DATE_TIME',
  description: 'Calendar dates (numeric, ISO and written forms)',
  context: [
    'dob', 'd.o.b', 'date of birth', 'birth', 'born', 'birthday', 'admitted', 'admission', 'discharged',
    'discharge', 'date', 'dated', 'seen', 'visit', 'deceased', 'died', 'death', 'surgery', 'appointment', 'appt',
    'dos',
  ],
  contextScore: 0.85,
  prefilter: (text) => HAS_DIGIT(text) || HAS_MONTH(text),
  patterns: [
    {
      name: 'iso-date',
      prefilter: HAS_DIGIT,
      regex:
        /(?<![\w.\/-])(\d{4})([-\/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w\/-]|\.\d)/,
      score: 0.9,
      // Dotted forms need two-digit month and day: 2024.03.14 is a date, 2024.8.7 a version.
      validate: (_s, m) =>
        inRange(+m[1], 1800, 2199) &&
        inRange(+m[3], 1, 12) &&
        inRange(+m[4], 1, 31) &&
        (m[2] !== '.' || (m[3].length === 2 && m[4].length === 2)),
    },
    {
      name: 'numeric-date',
      prefilter: HAS_DIGIT,
      regex: /(?<![\w.\/$-])(\d{1,2})([-\/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w\/-]|\.\d)/,
      score: 0.85,
      validate: (_s, m) => {
        if (!validMonthDay(+m[1], +m[3])) return false;
        const twoDigitYear = m[4].length === 2;
        if (m[2] === '.' && twoDigitYear) return false; // 1.2.34 is a version
        return twoDigitYear ? 0.6 : true;
      },
    },
    {
      name: 'month-day',
      prefilter: HAS_DIGIT,
      regex: /(?<![\w.\/$-])(\d{1,2})\/(\d{1,2})(?![\w\/%]|[.,]\d)/,
      score: 0.4,
      validate: (_s, m) => {
        if (!(inRange(+m[1], 1, 12) && inRange(+m[2], 1, 31))) return false;
        if (nearScoreWords(m)) return false;
        return DATE_LEAD.test(m.input.slice(Math.max(0, m.index - 24), m.index)) ? 0.8 : true;
      },
    },
    {
      name: 'month-year',
      prefilter: HAS_DIGIT,
      regex: /(?<![\w.\/$-])(?:0?[1-9]|1[0-2])[\/-](?:19|20)\d{2}(?![\w\/-]|[.,]\d)/,
      score: 0.6,
      validate: (_s, m) => !nearScoreWords(m),
    },
    {
      name: 'month-name-day',
      prefilter: HAS_DIGIT,
      regex: new RegExp(`\\b${MONTH}\\s{1,3}(\\d{1,2})${ORDINAL}(?:,?\\s{1,3}(\\d{4}))?(?![\\w])`, 'i'),
      score: 0.7,
      validate: (s, m) => inRange(+m[1], 1, 31) && writtenScore(s, m[2] !== undefined),
    },
    {
      name: 'day-month-name',
      prefilter: HAS_DIGIT,
      regex: new RegExp(
        `(?<![\\w.])(\\d{1,2})${ORDINAL}(?:\\s{1,3}of)?[\\s-]{1,3}${MONTH}(?:,?[\\s-]{1,3}(\\d{4}|\\d{2}))?(?![\\w])`,
        'i',
      ),
      score: 0.7,
      validate: (s, m) => inRange(+m[1], 1, 31) && writtenScore(s, m[2] !== undefined),
    },
    {
      name: 'month-name-year',
      prefilter: HAS_DIGIT,
      regex: new RegExp(`\\b${MONTH},?\\s{1,3}(?:1[89]|20|21)\\d{2}(?![\\w])`, 'i'),
      score: 0.7,
    },
    {
      name: 'month-name-ordinal-word',
      regex: new RegExp(`\\b(${MONTH})\\s{1,3}(${ORDINAL_WORD})(?:,?\\s{1,3}(\\d{4}))?(?![\\w-])`, 'i'),
      score: 0.7,
      // "By March first results were in": first/second/third after a month is often not its day
      validate: (_s, m) => (m[3] === undefined && COMMON_ORDINAL.test(m[2]) ? 0.45 : monthScore(m[1], m[3] !== undefined)),
    },
    {
      name: 'ordinal-word-of-month',
      regex: new RegExp(`\\b${ORDINAL_WORD}\\s{1,3}of\\s{1,3}(${MONTH})(?:,?\\s{1,3}(\\d{4}))?(?![\\w])`, 'i'),
      score: 0.7,
      validate: (_s, m) => monthScore(m[1], m[2] !== undefined),
    },
  ],
});

import { patternDetector } from '../pattern-detector';

/** Closing salutations of letters, e-mails and chat messages (any casing). */
const CLOSINGS = [
  'best',
  'best regards',
  'best wishes',
  'kind regards',
  'kindest regards',
  'warm regards',
  'warmest regards',
  'regards',
  'warmly',
  'sincerely',
  'sincerely yours',
  'yours sincerely',
  'yours truly',
  'yours faithfully',
  'respectfully',
  'thanks',
  'thanks again',
  'thank you',
  'many thanks',
  'with thanks',
  'cheers',
  'take care',
  'all the best',
];

/** `best regards` → `[bB][eE][sS][tT] +[rR]…`: case-insensitive words without the `i` flag (which would also make `\p{Lu}` match lower case). */
function anyCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => [...w].map((c) => `[${c}${c.toUpperCase()}]`).join(''))
    .join('[ \\t]+');
}

const CLOSING = `(?:${[...CLOSINGS].sort((a, b) => b.length - a.length).map(anyCase).join('|')})`;
const TITLE = `(?:(?:[Dd][Rr]|[Mm][Rr][Ss]?|[Mm][Ss]|[Pp][Rr][Oo][Ff])\\.?[ \\t]+)`;
/** One to four capitalised words ("Rahul Diallo", "Mary-Jane O'Neil", "J. Smith"). */
const NAME = `(\\p{Lu}[\\p{L}\\p{M}'’-]*\\.?(?:[ \\t]+\\p{Lu}[\\p{L}\\p{M}'’-]*\\.?){0,3})`;
/** The name ends its line, or is followed by a comma, a bracket, or a dash/bar before a role or phone number. */
const END = `(?=[ \\t]*(?:\\r?\\n|$|[,(]|[ \\t][-–—|]))`;

/** Words that make the signature line a team or an organisation rather than a person. */
const NOT_A_PERSON = new Set(
  'team support staff service services department dept office desk clinic hospital group inc llc ltd customer care center centre the your our'.split(' '),
);

/**
 * PERSON: the name that signs a letter or an e-mail — a line of one to four capitalised words right after a closing
 * salutation on its own line ("Best regards,⏎Rahul Diallo⏎+1 713 902 9471"), or after the salutation on the same
 * line ("Thanks, Ana"). A title before the name is left out of the span. Lines naming a team or an office ("The
 * ACME Support Team") are not persons. Patient e-mails end this way, and a sign-off has no sentence around it for
 * the model to go by.
 */
export const signatureNameDetector = patternDetector({
  id: 'pattern.signature-name',
  entity: 'PERSON',
  description: 'Names signing a letter or e-mail after a closing salutation (Best regards, Sincerely, Thanks, …)',
  prefilter: (text) => /regards|sincerely|thank|cheers|best|warmly|yours|respectfully|take care/i.test(text),
  validate: (match) => !match.split(/[ \t]+/).some((w) => NOT_A_PERSON.has(w.toLowerCase().replace(/\.$/, ''))),
  patterns: [
    {
      name: 'after-closing',
      regex: new RegExp(`(?:^|\\n)[ \\t]*${CLOSING}[ \\t]*(?:[,!.;:-][ \\t]*)?(?:\\r?\\n[ \\t]*){0,2}${TITLE}?${NAME}${END}`, 'u'),
      score: 0.85,
      group: 1,
    },
  ],
});

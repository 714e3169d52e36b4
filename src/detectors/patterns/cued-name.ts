import { FIRST_NAMES } from '../data/first-names';
import { patternDetector } from '../pattern-detector';

/** Census "first names" that are function words or days ("Your Sister In The Lord", "what we call Sunday"): never. */
const NEVER = new Set('in an my so ok ha na un else soon many see sunday lady season chance page numbers manual tiny'.split(' '));

/**
 * First names that are also everyday words ("my son will call", "my husband may come", "my doctor rose the dose"):
 * after a relation word they are a name only when capitalised ("my son Will"), not in lower case or ALL CAPS.
 */
const WORDS = new Set(
  ('will may don long man major guy love sun young son carry miss rich star spring summer winter grant royal liberty ' +
    'gay mercy king sterling wan tom ray hope art pat rose drew sue mark chase lance bill carol dawn hang').split(' '),
);

const RELATION =
  'mom|mum|mommy|mother|dad|daddy|father|husband|wife|son|daughter|brother|sister|friend|boyfriend|girlfriend|bf|gf|' +
  'partner|fianc[eé]e?|boss|manager|aunt|uncle|grandma|grandpa|grandmother|grandfather|granny|cousin|nephew|niece|' +
  'neighbou?r|roommate|coworker|co-worker|colleague|stepson|stepdaughter|stepmom|stepdad|baby|toddler|kid|child|' +
  'caregiver|landlord|tenant|therapist|nurse|doctor|dentist';

/**
 * PERSON: first names that the model misses because they are also common words or months ("my mom june", "please
 * tell Will that…"), found from two cues: a relation word after a possessive ("my mom june", "her son Will"), and,
 * capitalised, after a verb of addressing someone ("tell Will", "ask June", "call Grace"). Only names of the US Census
 * lists count. Lower case or ALL CAPS after a relation, a name that is also an everyday word ("my son will call",
 * "HIS SON WILL PICK HIM UP") does not;
 * after a verb the name must be capitalised and not followed by a number ("call May 5" is a date).
 */
export const cuedNameDetector = patternDetector({
  id: 'pattern.cued-name',
  entity: 'PERSON',
  description: 'First names after a relation word ("my mom june") or a verb of addressing ("tell Will"), US Census lists',
  // scores below mention propagation's 0.8: such a name is redacted where it is cued, not looked up elsewhere
  prefilter: (text) => /\b(?:my|our|his|her|their|your|tell|ask|call|text|e-?mail|remind|thank|cc)\b/i.test(text),
  patterns: [
    {
      name: 'after-relation',
      // the cue is matched and the name is its group: a lookbehind would be tried at every position (0.007 ms/KB, not 0.003)
      regex: new RegExp(String.raw`\b(?:my|our|his|her|their|your)\s{1,3}(?:${RELATION})\s{1,3}([A-Za-z][a-z'’]*)(?![\w'’-])`, 'i'),
      group: 1,
      score: 0.7,
      validate: (match) => {
        const lower = match.toLowerCase();
        if (!FIRST_NAMES.has(lower) || NEVER.has(lower)) return false;
        const capitalised = match !== lower && match !== match.toUpperCase();
        return capitalised || !WORDS.has(lower);
      },
    },
    {
      name: 'after-address-verb',
      regex: /\b(?:[Tt]ell|[Aa]sk|[Cc]all|[Tt]ext|[Ee]-?mail|[Rr]emind|[Tt]hank|cc|CC)\s{1,3}([A-Z][a-z'’]+)(?![\w'’-])(?!\s{0,2}\d)/,
      group: 1,
      score: 0.7,
      validate: (match) => FIRST_NAMES.has(match.toLowerCase()) && !NEVER.has(match.toLowerCase()),
    },
  ],
});

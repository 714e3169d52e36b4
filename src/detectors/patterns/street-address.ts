import { contextBefore, hasAnyWord } from '../context';
import { STREET_TYPE_WORDS, STREET_TYPES } from '../data/street-types';
import type { Detection, DetectOptions, Detector } from '../types';

const ID = 'pattern.street-address';
const SCORE = 0.8;
const CONTEXT_SCORE = 0.9;
const CONTEXT = ['address', 'addr', 'lives at', 'living at', 'resides', 'residing', 'residence', 'located at', 'home'];
const MAX_WORDS = 6;

/** A house number: "12", "1600", "221B", "12-14"; not part of a longer token or a decimal. */
const HOUSE_NUMBER = /(?<![\w.,\/#$:-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?(?=[ \t])/g;
/** The next word after up to three spaces/tabs; sticky, so it only ever reads forward. */
const NEXT_WORD = /[ \t]{1,3}([A-Za-z0-9][A-Za-z0-9']{0,24})(\.?)/y;
/** Optional unit after the street: ", Apt 4B", " Suite 200", " #12". */
const UNIT =
  /,?[ \t]{1,3}(?:apt|apartment|suite|ste|unit|rm|room|fl|floor|bldg|building|#)\.?[ \t]{0,3}#?[ \t]{0,2}[A-Za-z0-9-]{1,6}(?![\w-])/iy;
const DIRECTIONALS = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'north', 'south', 'east', 'west']);
/** Street-type forms that are mostly ordinary words in clinical prose ("2 Tablets By Mouth"). */
const AMBIGUOUS_TYPES = new Set(['by', 'al', 'bl', 'art', 'app', 'aut', 'bot', 'bps', 'bk', 'bg', 'arc']);
const ORDINAL = /^\d{1,4}(?:st|nd|rd|th)$/i;

function isNameWord(word: string): boolean {
  const c = word.charCodeAt(0);
  return (c >= 65 && c <= 90) || ORDINAL.test(word);
}

function isStreetType(word: string): boolean {
  const lower = word.toLowerCase();
  return STREET_TYPES.has(lower) && !AMBIGUOUS_TYPES.has(lower);
}

/**
 * End offset of the street that starts with the house number ending at `from`: capitalized name words (or
 * ordinals such as "5th") followed by a street type from libpostal's gazetteer ("Main St", "Elm Street",
 * "Pennsylvania Avenue NW"), then an optional unit. The last street type in the run of name words wins
 * ("Bay View Road"). Returns -1 when there is no street type after at least one name word.
 */
function streetEnd(text: string, from: number): number {
  let pos = from;
  let names = 0;
  let end = -1;
  for (let i = 0; i < MAX_WORDS; i++) {
    NEXT_WORD.lastIndex = pos;
    const m = NEXT_WORD.exec(text);
    if (m === null) break;
    const word = m[1];
    if (names > 0 && isStreetType(word)) {
      // An abbreviation keeps its period ("Maple Dr."); after a full word ("Elm Street.") it ends the sentence.
      end = pos + m[0].length - (STREET_TYPE_WORDS.has(word.toLowerCase()) ? m[2].length : 0);
      pos = end;
      names++;
      continue;
    }
    if (end !== -1 && DIRECTIONALS.has(word.toLowerCase()) && word === word.toUpperCase()) {
      end = pos + m[0].length - m[2].length;
      break;
    }
    // A dotted name word is an abbreviation ("Jr.", "St." for Saint) or the end of a sentence.
    if (!isNameWord(word) || (m[2].length > 0 && word.length > 3)) break;
    if (!(i === 0 && DIRECTIONALS.has(word.toLowerCase()))) names++;
    pos += m[0].length;
  }
  if (end === -1) return -1;
  UNIT.lastIndex = end;
  return UNIT.exec(text) !== null ? UNIT.lastIndex : end;
}

/**
 * STREET_ADDRESS: house number + street name + street type (+ directional, + unit), e.g. "1600 Pennsylvania
 * Avenue NW", "221B Baker Street, Apt 4", "12 W 5th St". City, state and ZIP are left to LOCATION and US_ZIP_CODE.
 */
export const streetAddressDetector: Detector = {
  id: ID,
  kind: 'pattern',
  entities: ['STREET_ADDRESS'],
  description: 'Street addresses (house number, name, street type from the libpostal gazetteer, unit)',
  detect(text: string, options: DetectOptions): Detection[] {
    const out: Detection[] = [];
    if (!/\d[A-Za-z]?[ \t]{1,3}[A-Z0-9]/.test(text)) return out;
    const extra = options.contextWords?.STREET_ADDRESS;
    HOUSE_NUMBER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HOUSE_NUMBER.exec(text)) !== null) {
      const end = streetEnd(text, m.index + m[0].length);
      if (end === -1) continue;
      const score = hasAnyWord(contextBefore(text, m.index), CONTEXT, extra) ? CONTEXT_SCORE : SCORE;
      out.push({ entity: 'STREET_ADDRESS', start: m.index, end, score, detectorId: ID });
      HOUSE_NUMBER.lastIndex = end;
    }
    return out;
  },
};

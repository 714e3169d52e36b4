/**
 * A person's name does not end or begin in the middle of a hyphenated word: when the model tags "ngozi okonkwo" in
 * "dr. ngozi okonkwo-bello", the finding grows to "ngozi okonkwo-bello", so that "-bello" does not leave the gateway.
 * A part joins only when it is cased like the name's edge word (both lower case, both ALL CAPS, or both capitalised),
 * so "Obama-era" stays "Obama"; in lower-case text "obama-era" grows, which over-redacts a word and leaks nothing.
 */

const LETTER = /\p{L}/u;
/** Hyphen-minus, hyphen, non-breaking hyphen. */
const HYPHENS = new Set(['-', '\u2010', '\u2011']);

type Casing = 'lower' | 'upper' | 'title' | 'other';

function casing(word: string): Casing {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (lower === upper) return 'other';
  if (word === lower) return 'lower';
  if (word === upper) return word.length > 1 ? 'upper' : 'title';
  return word[0] === word[0].toUpperCase() ? 'title' : 'other';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/** End of the letter run that starts at `i`. */
function letterRunEnd(text: string, i: number): number {
  while (i < text.length && isLetter(text[i])) i++;
  return i;
}

/** Start of the letter run that ends at `i`. */
function letterRunStart(text: string, i: number): number {
  while (i > 0 && isLetter(text[i - 1])) i--;
  return i;
}

/** `[start, end)` grown over hyphenated parts cased like the span's first and last words. */
export function completeHyphenatedName(text: string, start: number, end: number): { start: number; end: number } {
  for (;;) {
    if (!HYPHENS.has(text[end]) || !isLetter(text[end + 1]) || !isLetter(text[end - 1])) break;
    const partEnd = letterRunEnd(text, end + 1);
    const edge = text.slice(Math.max(start, letterRunStart(text, end)), end);
    const part = text.slice(end + 1, partEnd);
    if (casing(edge) === 'other' || casing(edge) !== casing(part)) break;
    end = partEnd;
  }
  for (;;) {
    if (!HYPHENS.has(text[start - 1]) || !isLetter(text[start - 2]) || !isLetter(text[start])) break;
    const partStart = letterRunStart(text, start - 1);
    const edge = text.slice(start, Math.min(end, letterRunEnd(text, start)));
    const part = text.slice(partStart, start - 1);
    if (casing(edge) === 'other' || casing(edge) !== casing(part)) break;
    start = partStart;
  }
  return { start, end };
}

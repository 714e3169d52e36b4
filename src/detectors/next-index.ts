/**
 * The index one code point after `index` in `text`: `index + 2` on the high half of a surrogate pair, else
 * `index + 1`. Every scan that moves a global regex's `lastIndex` by hand steps with this: with the `u` flag, a
 * `lastIndex` between the two halves of a pair is moved back to the pair's start, so `lastIndex = index + 1` there
 * finds the same match again, forever ("😀", "𠀋" and every other character outside the BMP is such a pair).
 */
export function nextIndex(text: string, index: number): number {
  const c = text.charCodeAt(index);
  if (c >= 0xd800 && c <= 0xdbff && index + 1 < text.length) {
    const d = text.charCodeAt(index + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return index + 2;
  }
  return index + 1;
}

/** The index one code point before `index` in `text`: `index - 2` right after a surrogate pair, else `index - 1`. */
export function previousIndex(text: string, index: number): number {
  if (index >= 2) {
    const d = text.charCodeAt(index - 1);
    const c = text.charCodeAt(index - 2);
    if (d >= 0xdc00 && d <= 0xdfff && c >= 0xd800 && c <= 0xdbff) return index - 2;
  }
  return index - 1;
}

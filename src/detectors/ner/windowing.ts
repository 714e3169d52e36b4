/**
 * Windowing: a long token list is split into overlapping windows the model can take, never truncated, and the
 * per-token predictions of the windows are merged back. Pure functions over token indices.
 */

/** A window over token indices `[start, end)`. */
export interface TokenWindow {
  start: number;
  end: number;
}

/** Which window's prediction a token takes, and the token's index inside that window. */
export interface TokenSource {
  window: number;
  offset: number;
}

/**
 * Plan windows of at most `maxTokens` tokens covering `[0, tokenCount)`, consecutive windows sharing `overlap`
 * tokens. The overlap is clamped to half a window so that the work stays at most about twice the text. The last
 * window is aligned to end at the last token (it then overlaps its neighbour more), so every window is full
 * whenever the text is longer than one window.
 */
export function planWindows(tokenCount: number, maxTokens: number, overlap: number): TokenWindow[] {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError('maxTokens must be a positive integer');
  if (!Number.isInteger(tokenCount) || tokenCount < 0) throw new RangeError('tokenCount must be a non-negative integer');
  if (tokenCount === 0) return [];
  const ov = Math.max(0, Math.min(Math.floor(overlap), Math.floor(maxTokens / 2)));
  const windows: TokenWindow[] = [];
  let start = 0;
  for (;;) {
    if (start + maxTokens >= tokenCount) {
      windows.push({ start: Math.max(0, tokenCount - maxTokens), end: tokenCount });
      return windows;
    }
    windows.push({ start, end: start + maxTokens });
    start = start + maxTokens - ov;
  }
}

/**
 * For each token, the window whose prediction it keeps: the one where the token is farthest from an edge
 * (the model saw the most context on both sides). An edge that is the start or end of the text is not an
 * artificial cut, so it does not count as an edge. Ties go to the earlier window.
 */
export function assignTokens(tokenCount: number, windows: readonly TokenWindow[]): TokenSource[] {
  const out: TokenSource[] = new Array(tokenCount);
  const best = new Array<number>(tokenCount).fill(-1);
  windows.forEach((w, wi) => {
    const len = w.end - w.start;
    for (let j = 0; j < len; j++) {
      const left = w.start === 0 ? Number.POSITIVE_INFINITY : j;
      const right = w.end === tokenCount ? Number.POSITIVE_INFINITY : len - 1 - j;
      const distance = Math.min(left, right);
      const i = w.start + j;
      if (distance > best[i]) {
        best[i] = distance;
        out[i] = { window: wi, offset: j };
      }
    }
  });
  for (let i = 0; i < tokenCount; i++) {
    if (out[i] === undefined) throw new RangeError('windows do not cover every token');
  }
  return out;
}

/** Merge per-window, per-token predictions into one prediction per token (see `assignTokens`). */
export function mergeWindowPredictions<T>(
  tokenCount: number,
  windows: readonly TokenWindow[],
  perWindow: readonly (readonly T[])[],
): T[] {
  return assignTokens(tokenCount, windows).map((s) => {
    const row = perWindow[s.window];
    if (row === undefined || s.offset >= row.length) throw new RangeError('window prediction is missing tokens');
    return row[s.offset];
  });
}

import { assignTokens, mergeWindowPredictions, planWindows } from '../../src/detectors/ner/windowing';

describe('planWindows', () => {
  it.each([
    // tokenCount, max, overlap, expected [start,end] pairs
    [0, 4, 1, []],
    [1, 4, 1, [[0, 1]]],
    [4, 4, 1, [[0, 4]]],
    [5, 4, 1, [[0, 4], [1, 5]]],
    [7, 4, 1, [[0, 4], [3, 7]]],
    [8, 4, 1, [[0, 4], [3, 7], [4, 8]]],
    [10, 4, 0, [[0, 4], [4, 8], [6, 10]]],
    [10, 4, 9, [[0, 4], [2, 6], [4, 8], [6, 10]]], // overlap clamped to half a window
    [12, 6, 2, [[0, 6], [4, 10], [6, 12]]],
    [3, 1, 5, [[0, 1], [1, 2], [2, 3]]],
  ])('%i tokens, max %i, overlap %i', (n, max, ov, expected) => {
    const w = planWindows(n, max, ov);
    expect(w.map((x) => [x.start, x.end])).toEqual(expected);
    for (const x of w) expect(x.end - x.start).toBeLessThanOrEqual(max);
  });

  it('covers every token of a long list, never truncating', () => {
    for (const n of [1, 13, 100, 513, 1000]) {
      const w = planWindows(n, 16, 5);
      expect(w[0].start).toBe(0);
      expect(w[w.length - 1].end).toBe(n);
      for (let i = 1; i < w.length; i++) expect(w[i].start).toBeLessThan(w[i - 1].end);
    }
  });

  it('rejects a non-positive window size', () => {
    expect(() => planWindows(3, 0, 0)).toThrow(RangeError);
  });
});

describe('assignTokens', () => {
  it('keeps each token from the window where it is farthest from an artificial edge', () => {
    // windows [0,4) and [3,7) over 7 tokens: token 3 is offset 3 of w0 (distance 0 from its cut end) and
    // offset 0 of w1 (distance 0 from its cut start): tie → earlier window.
    const a = assignTokens(7, planWindows(7, 4, 1));
    expect(a).toEqual([
      { window: 0, offset: 0 },
      { window: 0, offset: 1 },
      { window: 0, offset: 2 },
      { window: 0, offset: 3 },
      { window: 1, offset: 1 },
      { window: 1, offset: 2 },
      { window: 1, offset: 3 },
    ]);
  });

  it('prefers the middle of the next window over the cut edge of the previous one', () => {
    // windows [0,6) [4,10) [6,12): token 5 is offset 5 of w0 (distance 0) and offset 1 of w1 (distance 1)
    const a = assignTokens(12, planWindows(12, 6, 2));
    expect(a.map((s) => s.window)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(a[5]).toEqual({ window: 1, offset: 1 });
    expect(a[8]).toEqual({ window: 2, offset: 2 });
  });

  it('throws when windows leave a gap', () => {
    expect(() => assignTokens(5, [{ start: 0, end: 2 }, { start: 3, end: 5 }])).toThrow(RangeError);
  });
});

describe('mergeWindowPredictions', () => {
  it('picks per token from the assigned window', () => {
    const windows = planWindows(7, 4, 1);
    const merged = mergeWindowPredictions(7, windows, [
      ['a0', 'a1', 'a2', 'a3'],
      ['b3', 'b4', 'b5', 'b6'],
    ]);
    expect(merged).toEqual(['a0', 'a1', 'a2', 'a3', 'b4', 'b5', 'b6']);
  });
});

import {
  documentCounts,
  metricOf,
  pairedBootstrap,
  pairedBootstrapMean,
  seededPicker,
  unitCounts,
  type DocumentCounts,
} from '../../../src/eval/paired-bootstrap';
import { scoreSpans, type ScoredSpan } from '../../../src/eval/spans';

const span = (doc: number, type: string, start: number, end: number): ScoredSpan => ({ doc, type, start, end });

describe('documentCounts', () => {
  it('counts strict matches per document, only for the types asked for', () => {
    const gold = [span(0, 'PERSON', 0, 2), span(0, 'LOCATION', 3, 4), span(1, 'PERSON', 0, 1), span(1, 'MISC', 2, 3)];
    const pred = [
      span(0, 'PERSON', 0, 2), // tp
      span(0, 'LOCATION', 3, 5), // boundary error: fp, and the gold LOCATION is a fn
      span(1, 'PERSON', 0, 1), // tp
      span(1, 'PERSON', 0, 1), // the same span again: the gold one is used up, so fp
      span(1, 'MISC', 2, 3), // not counted
      span(0, 'PERSON', 0, 2), // a second copy in document 0: fp
    ];
    expect(documentCounts(gold, pred, ['PERSON', 'LOCATION'], 3)).toEqual([
      { tp: 1, fp: 2, fn: 1 },
      { tp: 1, fp: 1, fn: 0 },
      { tp: 0, fp: 0, fn: 0 },
    ]);
    expect(documentCounts(gold, pred, ['MISC'], 2)).toEqual([
      { tp: 0, fp: 0, fn: 0 },
      { tp: 1, fp: 0, fn: 0 },
    ]);
  });

  it('summed over all documents, gives the same micro F1 as scoreSpans', () => {
    const pick = seededPicker(7);
    const types = ['PERSON', 'LOCATION', 'ORGANIZATION'];
    const random = (n: number) =>
      Array.from({ length: n }, () => {
        const start = pick(20);
        return span(pick(10), types[pick(3)], start, start + 1 + pick(3));
      });
    for (let trial = 0; trial < 20; trial++) {
      const gold = random(40);
      const pred = [...gold.filter(() => pick(3) > 0), ...random(15)];
      const counts = documentCounts(gold, pred, ['PERSON', 'LOCATION'], 10);
      const expected = scoreSpans(gold, pred, { microTypes: ['PERSON', 'LOCATION'] }).micro;
      const ids = counts.map((_, i) => i);
      expect(metricOf(counts, ids, 'f1')).toBeCloseTo(expected.f1, 12);
      expect(metricOf(counts, ids, 'recall')).toBeCloseTo(expected.recall, 12);
    }
  });
});

describe('unitCounts', () => {
  it('counts each span in its unit, so a unit can gather parts of several documents', () => {
    // units: the first half (start < 5) of every document is unit 0, the second half unit 1
    const half = (s: ScoredSpan) => (s.start < 5 ? 0 : 1);
    const gold = [span(0, 'PERSON', 0, 2), span(0, 'PERSON', 6, 8), span(1, 'PERSON', 1, 2), span(1, 'PERSON', 7, 9)];
    const pred = [span(0, 'PERSON', 0, 2), span(1, 'PERSON', 1, 2), span(1, 'PERSON', 7, 8), span(0, 'PERSON', 4, 6)];
    expect(unitCounts(gold, pred, ['PERSON'], half, 2)).toEqual([
      { tp: 2, fp: 1, fn: 0 }, // both first-half persons found; the span at 4-6 starts in the first half: fp there
      { tp: 0, fp: 1, fn: 2 }, // the boundary error 7-8 is a fp and its gold 7-9 a fn, both in the second half
    ]);
    // with the document as the unit it is documentCounts
    expect(unitCounts(gold, pred, ['PERSON'], (s) => s.doc, 2)).toEqual(documentCounts(gold, pred, ['PERSON'], 2));
  });

  it('refuses a span whose unit is out of range', () => {
    expect(() => unitCounts([span(0, 'PERSON', 0, 1)], [], ['PERSON'], () => 2, 2)).toThrow(/unit 2/);
    expect(() => unitCounts([], [span(0, 'PERSON', 0, 1)], ['PERSON'], () => -1, 2)).toThrow(/unit -1/);
  });
});

describe('metricOf', () => {
  const counts: DocumentCounts[] = [
    { tp: 3, fp: 1, fn: 0 },
    { tp: 0, fp: 0, fn: 2 },
  ];
  it('sums the chosen documents, repeats included', () => {
    expect(metricOf(counts, [0], 'f1')).toBeCloseTo(6 / 7, 12);
    expect(metricOf(counts, [0, 1], 'recall')).toBeCloseTo(3 / 5, 12);
    expect(metricOf(counts, [1, 1], 'recall')).toBe(0);
    expect(metricOf(counts, [0, 0, 1], 'f1')).toBeCloseTo((2 * 6) / (2 * 6 + 2 + 2), 12);
  });
  it('is 0, not NaN, with nothing to score', () => {
    expect(metricOf([{ tp: 0, fp: 0, fn: 0 }], [0], 'f1')).toBe(0);
    expect(metricOf([{ tp: 0, fp: 0, fn: 0 }], [0], 'recall')).toBe(0);
  });
});

describe('seededPicker', () => {
  it('is reproducible for a seed and stays in [0, n)', () => {
    const a = seededPicker(1);
    const b = seededPicker(1);
    const xs = Array.from({ length: 1000 }, () => a(13));
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b(13)));
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(12);
    const c = seededPicker(2);
    expect(Array.from({ length: 1000 }, () => c(13))).not.toEqual(xs);
  });
});

describe('pairedBootstrap', () => {
  // 200 documents with 5 gold spans each; A finds 3 of them in every document
  const a: DocumentCounts[] = Array.from({ length: 200 }, () => ({ tp: 3, fp: 1, fn: 2 }));

  it('gives a zero-width interval at 0 for identical models', () => {
    const r = pairedBootstrap(a, a, { resamples: 500 });
    expect(r).toMatchObject({ diff: 0, low: 0, high: 0, resamples: 500 });
    expect(r.a).toBeCloseTo(6 / 9, 12);
  });

  it('puts a gain on every document above 0, and a gain on a few documents around 0', () => {
    const better = a.map(() => ({ tp: 4, fp: 1, fn: 1 }));
    const everywhere = pairedBootstrap(a, better, { metric: 'recall' });
    expect(everywhere.diff).toBeCloseTo(0.2, 12);
    // every document gains the same: resampling documents cannot move the difference of recalls
    expect(everywhere.low).toBeCloseTo(0.2, 12);
    expect(everywhere.high).toBeCloseTo(0.2, 12);

    // B finds one more span in 3 documents and one fewer in 2: a tiny net gain, well inside the noise
    const mixed = a.map((c, i) => (i < 3 ? { tp: 4, fp: 1, fn: 1 } : i < 5 ? { tp: 2, fp: 1, fn: 3 } : c));
    const r = pairedBootstrap(a, mixed, { metric: 'recall' });
    expect(r.diff).toBeCloseTo(1 / 1000, 12);
    expect(r.low).toBeLessThan(0);
    expect(r.high).toBeGreaterThan(0);
  });

  it('is deterministic for a seed, and a shared picker carries on across calls', () => {
    const noisy = a.map((c, i) => (i % 7 === 0 ? { tp: 5, fp: 0, fn: 0 } : i % 5 === 0 ? { tp: 1, fp: 3, fn: 4 } : c));
    expect(pairedBootstrap(a, noisy, { seed: 3 })).toEqual(pairedBootstrap(a, noisy, { seed: 3 }));
    const shared = seededPicker(3);
    const first = pairedBootstrap(a, noisy, {}, shared);
    expect(first).toEqual(pairedBootstrap(a, noisy, { seed: 3 }));
    expect(pairedBootstrap(a, noisy, {}, shared)).not.toEqual(first);
  });

  it('draws only from the documents given', () => {
    const b = a.map((c, i) => (i < 100 ? { tp: 5, fp: 0, fn: 0 } : c));
    const firstHalf = pairedBootstrap(a, b, { metric: 'recall', documents: [...Array(100).keys()] });
    expect(firstHalf).toMatchObject({ b: 1 });
    expect(firstHalf.low).toBeCloseTo(0.4, 12);
    const secondHalf = pairedBootstrap(a, b, { metric: 'recall', documents: [...Array(100).keys()].map((i) => i + 100) });
    expect(secondHalf).toMatchObject({ diff: 0, low: 0, high: 0 });
  });

  it('refuses models counted on different documents, no documents, or a bad confidence', () => {
    expect(() => pairedBootstrap(a, a.slice(1))).toThrow(/same documents/);
    expect(() => pairedBootstrap(a, a, { documents: [] })).toThrow(/no documents/);
    expect(() => pairedBootstrap(a, a, { confidence: 1 })).toThrow(RangeError);
  });
});

describe('pairedBootstrapMean', () => {
  const a: DocumentCounts[] = Array.from({ length: 200 }, () => ({ tp: 3, fp: 1, fn: 2 }));
  const noisy = a.map((c, i) => (i % 7 === 0 ? { tp: 5, fp: 0, fn: 0 } : i % 5 === 0 ? { tp: 1, fp: 3, fn: 4 } : c));

  it('with one run is pairedBootstrap, draw for draw, plus that run\'s score', () => {
    const one = pairedBootstrapMean(a, [noisy], { seed: 5, documents: [...Array(150).keys()] });
    const { runs, ...rest } = one;
    expect(rest).toEqual(pairedBootstrap(a, noisy, { seed: 5, documents: [...Array(150).keys()] }));
    expect(runs).toEqual([one.b]);
  });

  it('averages the runs: B is their mean, and a uniform gain of one run halves over two', () => {
    const gain = a.map(() => ({ tp: 4, fp: 1, fn: 1 })); // recall 0.6 -> 0.8 in every document
    const r = pairedBootstrapMean(a, [a, gain], { metric: 'recall', resamples: 300 });
    expect(r.runs).toHaveLength(2);
    expect(r.runs![0]).toBeCloseTo(0.6, 12);
    expect(r.runs![1]).toBeCloseTo(0.8, 12);
    expect(r.b).toBeCloseTo(0.7, 12);
    expect(r.diff).toBeCloseTo(0.1, 12);
    expect(r.low).toBeCloseTo(0.1, 12);
    expect(r.high).toBeCloseTo(0.1, 12);
  });

  it('lets the runs\' opposite document-level luck cancel: the mean\'s interval is narrower than either run\'s', () => {
    // run 1 gains on the first half of the documents and loses on the second; run 2 the other way round
    const up = { tp: 5, fp: 0, fn: 0 };
    const down = { tp: 1, fp: 2, fn: 4 };
    const run1 = a.map((c, i) => (i % 4 === 0 ? (i < 100 ? up : down) : c));
    const run2 = a.map((c, i) => (i % 4 === 0 ? (i < 100 ? down : up) : c));
    const r1 = pairedBootstrap(a, run1, { seed: 2 });
    const r2 = pairedBootstrap(a, run2, { seed: 2 });
    const mean = pairedBootstrapMean(a, [run1, run2], { seed: 2 });
    expect(mean.diff).toBeCloseTo((r1.diff + r2.diff) / 2, 12);
    expect(mean.high - mean.low).toBeLessThan(r1.high - r1.low);
    expect(mean.high - mean.low).toBeLessThan(r2.high - r2.low);
    expect(mean.low).toBeLessThanOrEqual(mean.diff);
    expect(mean.high).toBeGreaterThanOrEqual(mean.diff);
  });

  it('takes several baseline runs too: A is their mean in every resample', () => {
    const gain = a.map(() => ({ tp: 4, fp: 1, fn: 1 })); // recall 0.8 everywhere; a's is 0.6
    const r = pairedBootstrapMean([a, gain], [gain], { metric: 'recall', resamples: 300 });
    expect(r.baselineRuns).toHaveLength(2);
    expect(r.baselineRuns![0]).toBeCloseTo(0.6, 12);
    expect(r.a).toBeCloseTo(0.7, 12);
    expect(r.diff).toBeCloseTo(0.1, 12);
    expect(r.low).toBeCloseTo(0.1, 12);
    expect(r.high).toBeCloseTo(0.1, 12);
    // one baseline run given as a list is the plain comparison, draw for draw
    const { baselineRuns, ...rest } = pairedBootstrapMean([a], [noisy], { seed: 9 });
    expect(rest).toEqual(pairedBootstrapMean(a, [noisy], { seed: 9 }));
    expect(baselineRuns).toEqual([rest.a]);
    expect(pairedBootstrapMean(a, [noisy], { seed: 9 })).not.toHaveProperty('baselineRuns');
  });

  it('refuses no runs, or a run counted on other documents', () => {
    expect(() => pairedBootstrapMean(a, [])).toThrow(/no runs/);
    expect(() => pairedBootstrapMean([a, a.slice(1)], [a])).toThrow(/same documents/);
    expect(() => pairedBootstrapMean(a, [a, a.slice(1)])).toThrow(/same documents/);
  });
});

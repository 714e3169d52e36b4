import { scoreSpans, type ScoredSpan } from '../../../src/eval/spans';

const s = (doc: number, type: string, start: number, end: number): ScoredSpan => ({ doc, type, start, end });

describe('scoreSpans (strict)', () => {
  const gold = [s(0, 'PERSON', 0, 2), s(0, 'LOCATION', 5, 6), s(1, 'PERSON', 0, 1), s(1, 'MISC', 3, 4)];
  const pred = [
    s(0, 'PERSON', 0, 2), // tp
    s(0, 'LOCATION', 5, 7), // boundary wrong: fp + (gold fn)
    s(1, 'LOCATION', 0, 1), // type wrong: fp LOCATION, fn PERSON
    s(2, 'PERSON', 0, 2), // other doc: fp
  ];
  const r = scoreSpans(gold, pred, { microTypes: ['PERSON', 'LOCATION'] });

  it.each([
    ['PERSON', 1, 1, 1],
    ['LOCATION', 0, 2, 1],
    ['MISC', 0, 0, 1],
  ])('%s: tp %i fp %i fn %i', (type, tp, fp, fn) => {
    expect(r.perType.find((t) => t.type === type)).toMatchObject({ tp, fp, fn, support: tp + fn, predicted: tp + fp });
  });

  it('computes P/R/F1 per type', () => {
    const per = r.perType.find((t) => t.type === 'PERSON')!;
    expect(per.precision).toBeCloseTo(0.5);
    expect(per.recall).toBeCloseTo(0.5);
    expect(per.f1).toBeCloseTo(0.5);
    const loc = r.perType.find((t) => t.type === 'LOCATION')!;
    expect([loc.precision, loc.recall, loc.f1]).toEqual([0, 0, 0]);
  });

  it('micro-averages only the chosen types', () => {
    expect(r.microTypes).toEqual(['LOCATION', 'PERSON']);
    expect(r.micro).toMatchObject({ tp: 1, fp: 3, fn: 2 });
    expect(r.micro.precision).toBeCloseTo(0.25);
    expect(r.micro.recall).toBeCloseTo(1 / 3);
    expect(r.micro.f1).toBeCloseTo((2 * 0.25 * (1 / 3)) / (0.25 + 1 / 3));
  });

  it('micro covers every type by default; duplicates count once per gold span', () => {
    const r2 = scoreSpans([s(0, 'X', 0, 1)], [s(0, 'X', 0, 1), s(0, 'X', 0, 1)]);
    expect(r2.micro).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });

  it('is all zeros with nothing to score', () => {
    expect(scoreSpans([], []).micro).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
  });
});

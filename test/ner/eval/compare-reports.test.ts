import { compareReports, formatComparison } from '../../../src/eval/compare-reports';
import type { EvalReport } from '../../../src/eval/run-eval';
import type { ScoredSpan } from '../../../src/eval/spans';
import { scoreSpans } from '../../../src/eval/spans';

/** A report over `documents` texts, as runEval would make it with keepSpans. */
function report(name: string, gold: ScoredSpan[], pred: ScoredSpan[], microTypes: string[], documents = 40): EvalReport {
  return {
    model: { name, version: '1', featurizer: 'x' },
    dataset: { path: 'set.jsonl', format: 'jsonl', documents },
    scores: scoreSpans(gold, pred, { microTypes }),
    ignoredTypes: [],
    propagated: [],
    threshold: 0,
    durationMs: 1,
    spans: { gold, pred },
  };
}

// every text has one PERSON and one LOCATION; MISC in every 4th
const gold: ScoredSpan[] = [];
for (let doc = 0; doc < 40; doc++) {
  gold.push({ doc, type: 'PERSON', start: 0, end: 2 }, { doc, type: 'LOCATION', start: 5, end: 6 });
  if (doc % 4 === 0) gold.push({ doc, type: 'MISC', start: 8, end: 9 });
}
// the baseline misses the LOCATION of every other text; the model finds every LOCATION and also emits MISC
const basePred = gold.filter((g) => g.type === 'PERSON' || (g.type === 'LOCATION' && g.doc % 2 === 0));
const modelPred = [...gold];

describe('compareReports', () => {
  const base = report('base', gold, basePred, ['LOCATION', 'PERSON']);
  const model = report('model', gold, modelPred, ['LOCATION', 'MISC', 'PERSON']);

  it('compares the micro average over the types both average, and each of those types', () => {
    const rows = compareReports(base, model);
    expect(rows.map((r) => r.type)).toEqual(['micro', 'LOCATION', 'PERSON']);
    const [micro, loc, per] = rows;
    // micro over PERSON + LOCATION only: the model's MISC findings do not move it
    expect(micro.a).toBeCloseTo(base.scores.micro.f1, 12);
    expect(micro.b).toBe(1);
    expect(micro.low).toBeGreaterThan(0); // 20 texts gain, none lose
    expect(loc.diff).toBeCloseTo(1 - 2 / 3, 12);
    expect(per).toMatchObject({ a: 1, b: 1, diff: 0, low: 0, high: 0 });
  });

  it('passes its confidence level to the bootstrap: a 90 % interval lies inside the 95 % one of the same resamples', () => {
    const [, wide] = compareReports(base, model, { seed: 3 });
    const [, narrow] = compareReports(base, model, { seed: 3, confidence: 0.9 });
    expect(narrow.diff).toBe(wide.diff);
    expect(narrow.low).toBeGreaterThanOrEqual(wide.low);
    expect(narrow.high).toBeLessThanOrEqual(wide.high);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('prints baseline and model scores, the difference in points and marks intervals that exclude 0', () => {
    const text = formatComparison(base, model, compareReports(base, model, { resamples: 200 }));
    expect(text).toContain('baseline base (1)');
    expect(text).toContain('over the 40 texts (200 resamples)');
    expect(text).toMatch(/^LOCATION\s+0\.6667\s+1\.0000\s+\+33\.3\s+\[\+\d+\.\d, \+\d+\.\d\] \*$/m);
    expect(text).toMatch(/^PERSON\s+1\.0000\s+1\.0000\s+\+0\.0\s+\[\+0\.0, \+0\.0\]$/m);
  });

  it('compares the mean of several runs with the baseline, each run\'s F1 kept, over the types all of them average', () => {
    // a second run that finds no LOCATION in every 4th text and averages only PERSON + LOCATION
    const weaker = report('run2', gold, modelPred.filter((g) => !(g.type === 'LOCATION' && g.doc % 4 === 1)), ['LOCATION', 'PERSON']);
    const rows = compareReports(base, [model, weaker], { seed: 4 });
    expect(rows.map((r) => r.type)).toEqual(['micro', 'LOCATION', 'PERSON']);
    const loc = rows[1];
    const single = [compareReports(base, model)[1], compareReports(base, weaker)[1]];
    expect(loc.runs).toEqual([single[0].b, single[1].b]);
    expect(loc.b).toBeCloseTo((single[0].b + single[1].b) / 2, 12);
    expect(loc.diff).toBeCloseTo((single[0].diff + single[1].diff) / 2, 12);
    expect(compareReports(base, model)[0]).not.toHaveProperty('runs');
    // one run given as a list is the single comparison, plus its F1
    const { runs, ...rest } = compareReports(base, [model], { seed: 4 })[1];
    expect(rest).toEqual(compareReports(base, model, { seed: 4 })[1]);
    expect(runs).toEqual([rest.b]);
  });

  it('takes several baseline runs too: their mean F1 is A', () => {
    const weaker = report('run2', gold, modelPred.filter((g) => !(g.type === 'LOCATION' && g.doc % 4 === 1)), ['LOCATION', 'PERSON']);
    const [, loc] = compareReports([base, weaker], model, { seed: 4 });
    expect(loc.baselineRuns).toEqual([compareReports(base, model)[1].a, compareReports(weaker, model)[1].a]);
    expect(loc.a).toBeCloseTo((loc.baselineRuns![0] + loc.baselineRuns![1]) / 2, 12);
    expect(loc.diff).toBeCloseTo(1 - loc.a, 12);
    expect(() => compareReports([], model)).toThrow(/no model reports/);
  });

  it('resamples the units it is given instead of the texts: texts that move together widen the interval', () => {
    // the model's gain sits in the odd texts; as 40 independent texts the interval excludes 0 (test above). Put the
    // texts into 2 units, all gaining texts in one: a resample draws that unit 0, 1 or 2 times
    const units = { count: 2, of: (s: ScoredSpan) => s.doc % 2 };
    const [, byText] = compareReports(base, model, { seed: 5 });
    const [, byUnit] = compareReports(base, model, { seed: 5, units });
    expect(byUnit.diff).toBeCloseTo(byText.diff, 12); // the whole set scores the same
    expect(byText.low).toBeGreaterThan(0);
    expect(byUnit.low).toBeLessThan(byText.low);
    expect(byUnit.high).toBeGreaterThan(byText.high);
    // one unit holding everything: every resample is the whole set
    const [, one] = compareReports(base, model, { units: { count: 1, of: () => 0 } });
    expect(one).toMatchObject({ low: one.diff, high: one.diff });
  });

  it('refuses reports without spans or made on different data', () => {
    const { spans: _, ...bare } = base;
    expect(() => compareReports(bare, model)).toThrow(/keepSpans/);
    expect(() => compareReports(base, report('m', gold, modelPred, ['PERSON'], 41))).toThrow(/different data/);
    expect(() => compareReports(base, [model, report('m', gold, modelPred, ['PERSON'], 41)])).toThrow(/different data/);
    expect(() => compareReports(base, [])).toThrow(/no model reports/);
  });
});

/**
 * Paired bootstrap over documents: is model B's score on a dataset really different from model A's, or within the
 * noise of which documents happened to be in the set?
 *
 * Both models' strict span matches are counted per document (`documentCounts`). Each resample draws the set's
 * documents with replacement, the same draw for both models, and recomputes each model's micro F1 (or recall) from
 * the summed counts, so the interval is of the difference B − A on the same documents. Deterministic for a seed.
 *
 * A and B can also be several runs of one recipe each (tagging seeds): `pairedBootstrapMean` then scores every run on
 * the same resample and averages each side's runs, so the interval is of the recipes' mean difference. It still
 * measures only which documents were drawn; averaging the runs is what takes the seed's share of the noise down.
 */
import type { ScoredSpan } from './spans';

/** Strict span matches of one document, over the types counted. */
export interface DocumentCounts {
  tp: number;
  fp: number;
  fn: number;
}

export type BootstrapMetric = 'f1' | 'recall';

export interface PairedBootstrapOptions {
  metric?: BootstrapMetric;
  /** Resamples (default 2,000). */
  resamples?: number;
  /** Seed of the resampling generator (default 1). */
  seed?: number;
  /** Two-sided interval (default 0.95). */
  confidence?: number;
  /** The documents that make up the set (default: all). */
  documents?: readonly number[];
}

export interface PairedBootstrapResult {
  a: number;
  /** B's score on the whole set: with several runs, their mean. */
  b: number;
  /** With several runs (`pairedBootstrapMean`): each B run's score on the whole set, in the order given. */
  runs?: number[];
  /** With several A runs: each one's score on the whole set (`a` is their mean). */
  baselineRuns?: number[];
  /** b − a on the whole set. */
  diff: number;
  /** The interval of b − a. */
  low: number;
  high: number;
  resamples: number;
}

/**
 * Counts per document, for documents `0 .. documents - 1`: a prediction is a true positive if a gold span of the same
 * document, type, start and end is left to match (as in `scoreSpans`). Only spans whose type is in `types` count.
 */
export function documentCounts(
  gold: readonly ScoredSpan[],
  pred: readonly ScoredSpan[],
  types: readonly string[],
  documents: number,
): DocumentCounts[] {
  return unitCounts(gold, pred, types, (s) => s.doc, documents);
}

/**
 * Counts per resampling unit `0 .. units - 1`, each span counted in `unitOf(span)`'s unit; matching as in
 * `documentCounts`. A unit can be smaller or larger than a document: e.g. every rendered instance of one template of
 * a synthetic set, across all its documents, so that a bootstrap over units asks whether a difference holds over the
 * templates, the unit a held-out split of unseen templates generalises over. A match has one start, so a gold span and
 * the prediction that matches it always fall in one unit.
 */
export function unitCounts(
  gold: readonly ScoredSpan[],
  pred: readonly ScoredSpan[],
  types: readonly string[],
  unitOf: (span: ScoredSpan) => number,
  units: number,
): DocumentCounts[] {
  const counted = new Set(types);
  const out: DocumentCounts[] = Array.from({ length: units }, () => ({ tp: 0, fp: 0, fn: 0 }));
  const at = (s: ScoredSpan) => {
    const u = unitOf(s);
    if (!(Number.isInteger(u) && u >= 0 && u < units)) throw new RangeError(`unitCounts: unit ${u} of a span is not in 0..${units - 1}`);
    return out[u];
  };
  const key = (s: ScoredSpan) => `${s.doc}\u0000${s.type}\u0000${s.start}\u0000${s.end}`;
  const left = new Map<string, number>();
  for (const g of gold) {
    if (!counted.has(g.type)) continue;
    at(g).fn++;
    left.set(key(g), (left.get(key(g)) ?? 0) + 1);
  }
  for (const p of pred) {
    if (!counted.has(p.type)) continue;
    const n = left.get(key(p)) ?? 0;
    const c = at(p);
    if (n > 0) {
      left.set(key(p), n - 1);
      c.tp++;
      c.fn--;
    } else {
      c.fp++;
    }
  }
  return out;
}

/** The metric over the documents `ids` (repeats count again). */
export function metricOf(counts: readonly DocumentCounts[], ids: readonly number[], metric: BootstrapMetric): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const i of ids) {
    tp += counts[i].tp;
    fp += counts[i].fp;
    fn += counts[i].fn;
  }
  if (metric === 'recall') return tp + fn === 0 ? 0 : tp / (tp + fn);
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** mulberry32: a small seeded generator; `pick(n)` is an integer in [0, n). */
export function seededPicker(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * B − A with its percentile interval. Pass a `pick` to continue one generator across several comparisons (a
 * report's rows then depend on their order, as the model card's do); otherwise one is seeded from `seed`.
 */
export function pairedBootstrap(
  a: readonly DocumentCounts[],
  b: readonly DocumentCounts[],
  opts: PairedBootstrapOptions = {},
  pick: (n: number) => number = seededPicker(opts.seed ?? 1),
): PairedBootstrapResult {
  const { runs: _, ...result } = pairedBootstrapMean(a, [b], opts, pick);
  return result;
}

/**
 * The mean over `runs` of (run − A), with its percentile interval: every resample scores A and each run on the same
 * documents. With one run it is `pairedBootstrap`, draw for draw. `a` may also be several runs (a list of count
 * lists): A is then their mean in every resample, and `baselineRuns` holds each one's score.
 */
export function pairedBootstrapMean(
  a: readonly DocumentCounts[] | readonly (readonly DocumentCounts[])[],
  runs: readonly (readonly DocumentCounts[])[],
  opts: PairedBootstrapOptions = {},
  pick: (n: number) => number = seededPicker(opts.seed ?? 1),
): PairedBootstrapResult {
  const several = a.length > 0 && Array.isArray(a[0]);
  const baseline = (several ? a : [a]) as readonly (readonly DocumentCounts[])[];
  if (runs.length === 0 || baseline.length === 0) throw new RangeError('pairedBootstrap: no runs to compare');
  const n = baseline[0].length;
  if ([...baseline, ...runs].some((c) => c.length !== n)) throw new RangeError('pairedBootstrap: both models must be counted on the same documents');
  const metric = opts.metric ?? 'f1';
  const resamples = opts.resamples ?? 2000;
  const confidence = opts.confidence ?? 0.95;
  if (!(resamples >= 1) || !(confidence > 0 && confidence < 1)) throw new RangeError('pairedBootstrap: bad resamples or confidence');
  const ids = opts.documents ?? baseline[0].map((_, i) => i);
  if (ids.length === 0) throw new RangeError('pairedBootstrap: no documents');
  const mean = (side: readonly (readonly DocumentCounts[])[], sample: readonly number[]) =>
    side.reduce((sum, c) => sum + metricOf(c, sample, metric), 0) / side.length;
  const diffs: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = ids.map(() => ids[pick(ids.length)]);
    diffs.push(mean(runs, sample) - mean(baseline, sample));
  }
  diffs.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  const sa = mean(baseline, ids);
  const sb = mean(runs, ids);
  return {
    a: sa,
    b: sb,
    runs: runs.map((c) => metricOf(c, ids, metric)),
    ...(several ? { baselineRuns: baseline.map((c) => metricOf(c, ids, metric)) } : {}),
    diff: sb - sa,
    low: diffs[Math.floor(tail * resamples)],
    high: diffs[resamples - 1 - Math.floor(tail * resamples)],
    resamples,
  };
}

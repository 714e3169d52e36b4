/**
 * Strict span scoring: a prediction counts only if document, type, start and end all equal a gold span's.
 * Precision, recall and F1 per type and micro-averaged over a chosen set of types.
 */
export interface ScoredSpan {
  /** Document (or sentence) index. */
  doc: number;
  type: string;
  start: number;
  end: number;
}

export interface TypeScore {
  type: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Gold spans (tp + fn). */
  support: number;
  /** Predicted spans (tp + fp). */
  predicted: number;
}

export interface SpanScores {
  perType: TypeScore[];
  micro: TypeScore;
  /** Types the micro average covers. */
  microTypes: string[];
}

export function scoreSpans(
  gold: readonly ScoredSpan[],
  pred: readonly ScoredSpan[],
  opts: { microTypes?: readonly string[] } = {},
): SpanScores {
  const key = (s: ScoredSpan) => `${s.doc}\u0000${s.type}\u0000${s.start}\u0000${s.end}`;
  const goldCount = new Map<string, number>();
  for (const g of gold) goldCount.set(key(g), (goldCount.get(key(g)) ?? 0) + 1);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bucket = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const g of gold) bucket(g.type).fn++;
  for (const p of pred) {
    const k = key(p);
    const left = goldCount.get(k) ?? 0;
    if (left > 0) {
      goldCount.set(k, left - 1);
      bucket(p.type).tp++;
      bucket(p.type).fn--;
    } else {
      bucket(p.type).fp++;
    }
  }
  const types = [...counts.keys()].sort();
  const perType = types.map((t) => finish(t, counts.get(t)!));
  const microTypes = opts.microTypes ? types.filter((t) => opts.microTypes!.includes(t)) : types;
  const sum = { tp: 0, fp: 0, fn: 0 };
  for (const t of microTypes) {
    const c = counts.get(t)!;
    sum.tp += c.tp;
    sum.fp += c.fp;
    sum.fn += c.fn;
  }
  return { perType, micro: finish('micro', sum), microTypes };
}

function finish(type: string, c: { tp: number; fp: number; fn: number }): TypeScore {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { type, ...c, precision, recall, f1, support: c.tp + c.fn, predicted: c.tp + c.fp };
}

/**
 * `phi-gateway eval --baseline DIR`: two models scored on the same file, and for the micro average and each type the
 * F1 difference with a paired bootstrap interval over the file's texts (`paired-bootstrap.ts`). Answers "is the
 * model I exported better than the shipped one, or is the difference within the noise of this dataset?"
 */
import { pairedBootstrapMean, seededPicker, unitCounts, type PairedBootstrapResult } from './paired-bootstrap';
import type { ScoredSpan } from './spans';
import type { EvalReport } from './run-eval';

export interface ComparisonRow extends PairedBootstrapResult {
  /** `micro` or an entity type. */
  type: string;
}

export interface ComparisonOptions {
  resamples?: number;
  seed?: number;
  /** Two-sided interval (default 0.95). */
  confidence?: number;
  /**
   * Resample these units instead of the texts: `count` units, `of(span)` the unit of a gold or predicted span (e.g.
   * the template a synthetic text's span was rendered from). Default: each text is a unit.
   */
  units?: { count: number; of: (span: ScoredSpan) => number };
}

/**
 * F1 of `model` minus F1 of `baseline`, per row. The micro row covers the types both reports average over, so a
 * model that also emits MISC is not compared on a different footing. Both reports need `keepSpans` and the same file.
 * Either side may be several runs of one recipe (e.g. tagging seeds): each row is then the mean F1 of one side's runs
 * minus the other's (`pairedBootstrapMean`), over the types every report averages; `runs` (and `baselineRuns`) hold
 * each run's F1.
 */
export function compareReports(
  baseline: EvalReport | readonly EvalReport[],
  model: EvalReport | readonly EvalReport[],
  opts: ComparisonOptions = {},
): ComparisonRow[] {
  const baselines: readonly EvalReport[] = Array.isArray(baseline) ? baseline : [baseline as EvalReport];
  const models: readonly EvalReport[] = Array.isArray(model) ? model : [model as EvalReport];
  if (models.length === 0 || baselines.length === 0) throw new RangeError('compareReports: no model reports');
  const all = [...baselines, ...models];
  if (all.some((r) => !r.spans)) throw new TypeError('compareReports: both reports need keepSpans');
  const first = baselines[0];
  for (const r of all) {
    if (first.dataset.path !== r.dataset.path || first.dataset.documents !== r.dataset.documents
      || first.dataset.unit !== r.dataset.unit) {
      throw new RangeError('compareReports: the reports were made on different data');
    }
  }
  const n = first.dataset.documents;
  const shared = first.scores.microTypes.filter((t) => all.every((r) => r.scores.microTypes.includes(t)));
  const counts = (reports: readonly EvalReport[], types: readonly string[]) =>
    reports.map((r) => unitCounts(r.spans!.gold, r.spans!.pred, types, opts.units?.of ?? ((s) => s.doc), opts.units?.count ?? n));
  const rows: ComparisonRow[] = [];
  for (const [type, types] of [['micro', shared] as const, ...shared.map((t) => [t, [t]] as const)]) {
    const a = counts(baselines, types);
    const r = pairedBootstrapMean(Array.isArray(baseline) ? a : a[0], counts(models, types),
      { metric: 'f1', resamples: opts.resamples, confidence: opts.confidence }, seededPicker(opts.seed ?? 1));
    if (!Array.isArray(model)) delete r.runs;
    rows.push({ type, ...r });
  }
  return rows;
}

/** A plain-text table of the comparison. */
export function formatComparison(baseline: EvalReport, model: EvalReport, rows: readonly ComparisonRow[]): string {
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  const row = (...cols: string[]) => cols[0].padEnd(16) + cols.slice(1).map((c, i) => c.padStart(i === 3 ? 18 : 10)).join('');
  const lines = [
    `baseline ${baseline.model.name} (${baseline.model.version})`,
    `f1 difference, model − baseline, in points; 95 % paired bootstrap interval over the ${baseline.dataset.documents} texts (${rows[0]?.resamples ?? 0} resamples)`,
    '',
    row('type', 'baseline', 'model', 'diff', 'interval'),
  ];
  for (const r of rows) {
    const sure = r.low > 0 || r.high < 0 ? ' *' : '';
    lines.push(row(r.type, r.a.toFixed(4), r.b.toFixed(4), pts(r.diff), `[${pts(r.low)}, ${pts(r.high)}]${sure}`));
  }
  lines.push('', '* = the interval excludes 0');
  return lines.join('\n') + '\n';
}

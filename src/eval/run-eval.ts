/**
 * `phi-gateway eval`: run the NER detector over a labelled file and score strict span matches.
 *
 * CoNLL: each sentence's tokens are joined with single spaces into a text (token offsets remembered); predicted
 * spans are mapped back to the tokens they overlap and compared with the gold entities by token indices. With
 * `documents`, the sentences of each `-DOCSTART-` document are joined with newlines into one text instead, as the
 * gateway sees whole notes and letters rather than single sentences (the scores stay per entity). Gold
 * types go through the same label map as the model's (PER → PERSON, …, with the model folder's `phi_label_map`);
 * unmapped gold types (MISC) keep their name. JSONL: character offsets are compared directly.
 *
 * The micro average covers the types that both the dataset annotates and the detector can emit, so a CoNLL
 * MISC column counts only if the model predicts MISC, and a model's DATE_TIME is not penalised on a dataset that
 * never annotates dates. Per-type rows show every type.
 */
import { createLabelMapper, normalizeLabelType, type LabelMap } from '../detectors/ner/label-map';
import { loadNerModel } from '../detectors/ner/model-loader';
import { createNerDetector } from '../detectors/ner/ner-detector';
import type { Detection, Detector } from '../detectors/types';
import { withMentions } from '../analysis/mention-propagation';
import type { EntityType } from '../detectors/entities';
import { readConll, sentenceEntities, type TagScheme } from './conll';
import { readJsonl } from './jsonl';
import { scoreSpans, type ScoredSpan, type SpanScores } from './spans';

export interface RunEvalOptions {
  modelDir: string;
  conll?: string;
  jsonl?: string;
  /** CoNLL: one text per `-DOCSTART-` document instead of one per sentence. */
  documents?: boolean;
  /**
   * Spans scoring below this are not predicted, and are not propagated, as a policy's threshold drops them before
   * mention propagation in the gateway (the shipped policies: 0.5). Default 0: every span the model finds.
   */
  threshold?: number;
  labelMap?: LabelMap;
  /** Texts in flight at once (their windows share model runs). Default 8. */
  concurrency?: number;
  /** onnxruntime intra-op threads (alias: `threads`). Default 1. */
  intraOpNumThreads?: number;
  threads?: number;
  /**
   * Look each text's PERSON findings up again in the same text, and retype the model's LOCATION/ORGANIZATION findings
   * that spell those names, as the gateway does (`propagate_mentions`, see `withMentions`).
   */
  propagate?: boolean;
  /** Also return the gold and predicted spans (`EvalReport.spans`), e.g. for a paired bootstrap. */
  keepSpans?: boolean;
}

export interface EvalReport {
  model: { name: string; version: string; featurizer: string };
  /** `documents`: texts scored (sentences, or documents with `unit: 'document'`). */
  dataset: {
    path: string;
    format: 'conll' | 'jsonl';
    scheme?: TagScheme;
    unit?: 'sentence' | 'document';
    documents: number;
    tokens?: number;
  };
  scores: SpanScores;
  /** Gold types left out of the micro average (the detector cannot emit them). */
  ignoredTypes: string[];
  /** Entity types whose findings were propagated to their other mentions in the same text. */
  propagated: string[];
  /** Spans scoring below this were dropped (0: none). */
  threshold: number;
  durationMs: number;
  /** With `keepSpans`: what was scored (CoNLL spans are token indices, JSONL spans character offsets). */
  spans?: { gold: ScoredSpan[]; pred: ScoredSpan[] };
}

export interface RunEvalDeps {
  /** Use this detector instead of loading `modelDir` (tests). */
  detector?: Detector;
}

export async function runEval(opts: RunEvalOptions, deps: RunEvalDeps = {}): Promise<EvalReport> {
  if ((opts.conll === undefined) === (opts.jsonl === undefined)) {
    throw new TypeError('runEval needs exactly one of conll or jsonl');
  }
  let detector = deps.detector;
  let release: (() => Promise<void>) | undefined;
  let modelLabelMap: LabelMap | undefined;
  if (!detector) {
    const model = await loadNerModel(opts.modelDir, { intraOpNumThreads: opts.intraOpNumThreads ?? opts.threads });
    detector = createNerDetector(model, { labelMap: opts.labelMap });
    release = model.classifier.release?.bind(model.classifier);
    modelLabelMap = model.labelMap;
  }
  try {
    const info = detector.info?.() ?? {};
    const modelInfo = {
      name: String(info.name ?? detector.id),
      version: String(info.version ?? 'unknown'),
      featurizer: String(info.featurizer ?? 'unknown'),
    };
    // gold types read as the model's are (its phi_label_map, then --label-map), so that a test set in the model's own
    // label scheme is scored in the same entity types
    const mapType = createLabelMapper(modelLabelMap, opts.labelMap);
    const goldType = (t: string) => mapType(t) ?? normalizeLabelType(t);
    const started = Date.now();
    const propagated: EntityType[] = opts.propagate ? ['PERSON'] : [];
    const threshold = opts.threshold ?? 0;
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold: expected a number from 0 to 1');
    const gold: ScoredSpan[] = [];
    const pred: ScoredSpan[] = [];
    let dataset: EvalReport['dataset'];

    if (opts.conll !== undefined) {
      const data = readConll(opts.conll);
      let tokenTotal = 0;
      // groups of sentences scored as one text: each sentence alone, or each document's sentences together
      const groups: (typeof data.sentences)[] = [];
      for (const s of data.sentences) {
        const last = groups[groups.length - 1];
        if (opts.documents && last && last[0].doc === s.doc) last.push(s);
        else groups.push([s]);
      }
      const texts = groups.map((sentences, doc) => {
        const offsets: { start: number; end: number }[] = [];
        let text = '';
        for (const s of sentences) {
          if (text) text += '\n';
          const base = offsets.length;
          s.tokens.forEach((t, i) => {
            if (i > 0) text += ' ';
            offsets.push({ start: text.length, end: text.length + t.length });
            text += t;
          });
          tokenTotal += s.tokens.length;
          for (const e of sentenceEntities(s.tags)) gold.push({ doc, type: goldType(e.type), start: base + e.start, end: base + e.end });
        }
        return { text, offsets };
      });
      const found = await detectAll(detector, texts.map((t) => t.text), opts.concurrency ?? 8, propagated, threshold);
      found.forEach((dets, doc) => {
        for (const d of dets) {
          const span = toTokenSpan(texts[doc].offsets, d);
          if (span) pred.push({ doc, type: d.entity, ...span });
        }
      });
      const unit = opts.documents ? 'document' : 'sentence';
      dataset = { path: opts.conll, format: 'conll', scheme: data.scheme, unit, documents: texts.length, tokens: tokenTotal };
    } else {
      const path = opts.jsonl!;
      const examples = readJsonl(path);
      examples.forEach((ex, doc) => {
        for (const e of ex.entities) gold.push({ doc, type: goldType(e.type), start: e.start, end: e.end });
      });
      const found = await detectAll(detector, examples.map((e) => e.text), opts.concurrency ?? 8, propagated, threshold);
      found.forEach((dets, doc) => {
        for (const d of dets) pred.push({ doc, type: d.entity, start: d.start, end: d.end });
      });
      dataset = { path, format: 'jsonl', documents: examples.length };
    }

    const goldTypes = new Set(gold.map((g) => g.type));
    const emits = new Set<string>(detector.entities);
    const microTypes = [...goldTypes].filter((t) => emits.has(t));
    const ignoredTypes = [...goldTypes].filter((t) => !emits.has(t)).sort();
    const scores = scoreSpans(gold, pred, { microTypes });
    const report: EvalReport = {
      model: modelInfo,
      dataset,
      scores,
      ignoredTypes,
      propagated,
      threshold,
      durationMs: Date.now() - started,
    };
    if (opts.keepSpans) report.spans = { gold, pred };
    return report;
  } finally {
    await release?.();
  }
}

/** Tokens a character span overlaps: `[first token ending after start, last token starting before end]`. */
export function toTokenSpan(offsets: readonly { start: number; end: number }[], d: { start: number; end: number }) {
  let start = -1;
  let end = -1;
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i].end > d.start && offsets[i].start < d.end) {
      if (start < 0) start = i;
      end = i + 1;
    }
  }
  return start < 0 ? undefined : { start, end };
}

async function detectAll(
  detector: Detector,
  texts: readonly string[],
  concurrency: number,
  propagate: readonly EntityType[],
  threshold: number,
): Promise<Detection[][]> {
  const out: Detection[][] = new Array(texts.length);
  let next = 0;
  const kept = (d: Detection) => d.score >= threshold;
  const worker = async () => {
    while (next < texts.length) {
      const i = next++;
      const found = (await detector.detect(texts[i], {})).filter(kept);
      [out[i]] = withMentions([texts[i]], [found], propagate, kept);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, texts.length)) }, worker));
  return out;
}

/** A plain-text table of the report. */
export function formatReport(r: EvalReport): string {
  const secs = r.durationMs / 1000;
  const rate = secs > 0 ? ` (${(r.dataset.documents / secs).toFixed(1)} texts/s)` : '';
  const data = [
    `${r.dataset.format === 'conll' ? 'CoNLL' : 'JSONL'}${r.dataset.scheme ? `, ${r.dataset.scheme}` : ''}`,
    `${r.dataset.documents} ${r.dataset.format === 'conll' ? `${r.dataset.unit ?? 'sentence'}s` : 'texts'}`,
    ...(r.dataset.tokens !== undefined ? [`${r.dataset.tokens} tokens`] : []),
  ].join(', ');
  const lines = [
    `model    ${r.model.name} (${r.model.version}), featurizer ${r.model.featurizer}`,
    `data     ${r.dataset.path} (${data})`,
    `time     ${secs.toFixed(2)} s${rate}`,
    ...(r.propagated.length ? [`mentions ${r.propagated.join(', ')} findings propagated to their other mentions in the same text`] : []),
    ...(r.threshold > 0 ? [`dropped  spans scoring below ${r.threshold}`] : []),
    '',
    row('type', 'precision', 'recall', 'f1', 'support', 'predicted'),
  ];
  const num = (x: number) => x.toFixed(4);
  for (const t of r.scores.perType) {
    const mark = r.scores.microTypes.includes(t.type) ? '' : ' *';
    lines.push(row(t.type + mark, num(t.precision), num(t.recall), num(t.f1), String(t.support), String(t.predicted)));
  }
  const m = r.scores.micro;
  lines.push(row('micro', num(m.precision), num(m.recall), num(m.f1), String(m.support), String(m.predicted)));
  lines.push('');
  lines.push(`micro averages: ${r.scores.microTypes.join(', ') || '(none)'}; * = not in the micro average`);
  if (r.ignoredTypes.length) lines.push(`not emitted by the model (ignored in micro): ${r.ignoredTypes.join(', ')}`);
  return lines.join('\n') + '\n';
}

function row(type: string, ...cols: string[]): string {
  return type.padEnd(16) + cols.map((c) => c.padStart(10)).join('');
}

/**
 * The NER detector: tokenize → plan overlapping windows → run them through the micro-batcher → merge per-token
 * predictions → BIO spans → our entity types. Errors are thrown (the engine fails closed); an aborted signal
 * throws too.
 */
import type { EntityType } from '../entities';
import type { Detection, DetectOptions, Detector } from '../types';
import { aggregateBio, parseLabel, type TokenLabel } from './bio';
import { withoutClosing } from './closing';
import { isCurrencyOfAmount } from './currency-code';
import { completeHyphenatedName } from './hyphenated-name';
import { createLabelMapper, type LabelMap } from './label-map';
import { createMicroBatcher } from './micro-batcher';
import type { NerModel } from './model-loader';
import { crfMarginals } from './marginals';
import { viterbi } from './viterbi';
import { assignTokens, planWindows } from './windowing';

export interface NerDetectorOptions {
  /** Default `ner.<model name>`. */
  id?: string;
  /** Spans scoring below this are dropped here (the policy may apply a higher one). Default 0. */
  threshold?: number;
  /** Model entity type → ours (merged over the default map and the model's `phi_label_map`); `null` drops a type. */
  labelMap?: LabelMap;
  /** Most windows per model run. Default 8. */
  maxBatch?: number;
  /** How long the first queued window waits for company. Default 0: a run starts as soon as the model is free. */
  maxWaitMs?: number;
  /** Tokens shared by consecutive windows. Default 32 (clamped to half a window). */
  windowOverlap?: number;
  /**
   * A token's score with a sequence decoder: `softmax`, its logits' probability of the decoded label; `marginal`, the
   * decoder's posterior marginal of that label (`crfMarginals`). Default `softmax`.
   */
  scoring?: 'softmax' | 'marginal';
}

const ENTITY_ORDER: readonly EntityType[] = ['PERSON', 'LOCATION', 'ORGANIZATION', 'DATE_TIME'];

/** What may separate two parts of one finding: spaces or tabs on one line, or nothing. */
const PART_GAP = /^[ \t]*$/;

/** A NER detector; besides the `Detector` contract it says which of the model's types map to none of ours. */
export interface NerDetector extends Detector {
  /** The model's entity types that map to no entity type of ours: their spans are dropped. */
  readonly ignoredTypes: readonly string[];
}

export function createNerDetector(model: NerModel, opts: NerDetectorOptions = {}): NerDetector {
  const id = opts.id ?? `ner.${model.name}`;
  const threshold = opts.threshold ?? 0;
  const overlap = opts.windowOverlap ?? 32;
  const mapType = createLabelMapper(model.labelMap, opts.labelMap);
  const { featurizer, labels } = model;
  const batcher = createMicroBatcher(model.classifier, {
    maxBatch: opts.maxBatch ?? 8,
    maxWaitMs: opts.maxWaitMs ?? 0,
    numLabels: labels.length,
  });

  const mapped = new Set<EntityType>();
  const ignored = new Set<string>();
  for (const l of labels) {
    const p = parseLabel(l);
    if (p.tag === 'O') continue;
    const t = mapType(p.type);
    if (t) mapped.add(t);
    else ignored.add(p.type);
  }
  const ignoredTypes = [...ignored];
  const entities = [...ENTITY_ORDER.filter((e) => mapped.has(e)), ...[...mapped].filter((e) => !ENTITY_ORDER.includes(e))];

  const detect = async (text: string, options: DetectOptions = {}): Promise<Detection[]> => {
    const { signal } = options;
    throwIfAborted(signal);
    if (text.length === 0) return [];
    const tokens = await featurizer.tokenize(text);
    throwIfAborted(signal);
    if (tokens.length === 0) return [];
    const windows = planWindows(tokens.length, featurizer.maxTokensPerWindow, overlap);
    const rows = windows.map((w) => featurizer.encodeWindow(text, tokens.slice(w.start, w.end)));
    const logits = await Promise.all(rows.map((r) => batcher.run(r, signal)));
    throwIfAborted(signal);

    // each token's logits come from the window where it had the most context; then one decode over the text
    const n = labels.length;
    const emissions = new Float32Array(tokens.length * n);
    assignTokens(tokens.length, windows).forEach((s, i) => {
      const row = logits[s.window];
      if (row.labels !== n) throw new Error('model produced logits of the wrong width');
      emissions.set(row.data.subarray(s.offset * n, (s.offset + 1) * n), i * n);
    });
    const tokenLabels: TokenLabel[] = [];
    if (model.decoder) {
      const path = viterbi(emissions, tokens.length, model.decoder);
      if (opts.scoring === 'marginal') {
        const marginals = crfMarginals(emissions, tokens.length, model.decoder);
        for (let i = 0; i < tokens.length; i++) tokenLabels.push({ label: labels[path[i]], score: marginals[i * n + path[i]] });
      } else {
        for (let i = 0; i < tokens.length; i++) tokenLabels.push(softmaxOf(emissions, i * n, n, path[i], labels));
      }
    } else {
      for (let i = 0; i < tokens.length; i++) tokenLabels.push(argmaxSoftmax(emissions, i * n, n, labels));
    }
    const out: Detection[] = [];
    let prev: { type: string; tokens: number } | undefined;
    for (const span of aggregateBio(tokens, tokenLabels, text)) {
      const entity = mapType(span.type);
      if (!entity || span.score < threshold) continue;
      if (isCurrencyOfAmount(text, span.start, span.end)) continue; // "USD 4,389.80" names no one
      const nTokens = span.tokenEnd - span.tokenStart;
      const last = out[out.length - 1];
      if (last && prev && last.entity === entity && prev.type !== span.type && PART_GAP.test(text.slice(last.end, span.start))) {
        // Parts of one thing that the model types apart ("John"/FIRSTNAME "Smith"/LASTNAME, "221B"/BUILDINGNUM
        // "Baker Street"/STREET) are one finding: one pseudonym, one audit count.
        last.score = (last.score * prev.tokens + span.score * nTokens) / (prev.tokens + nTokens);
        last.end = span.end;
        prev = { type: span.type, tokens: prev.tokens + nTokens };
        continue;
      }
      out.push({ entity, start: span.start, end: span.end, score: span.score, detectorId: id });
      prev = { type: span.type, tokens: nTokens };
    }
    return completeNames(text, out);
  };

  return {
    id,
    kind: 'ner',
    entities,
    description: `transformer NER model ${model.name} (${model.version})`,
    ignoredTypes,
    detect,
    async warmup() {
      await detect('Warm-up sentence for John Smith in Boston.', {});
    },
    info() {
      return {
        name: model.name,
        version: model.version,
        featurizer: featurizer.kind,
        labels: [...labels],
        decoding: model.decoding,
        threads: { ...model.threads },
        ignoredTypes: [...ignoredTypes],
      };
    },
  };
}

/**
 * PERSON findings without a letter's closing words (`withoutClosing`), grown over the hyphenated parts of their edge
 * words (`completeHyphenatedName`); a grown finding that reaches the next PERSON finding ("okonkwo" and "bello" found
 * apart) absorbs it.
 */
function completeNames(text: string, found: Detection[]): Detection[] {
  const out: Detection[] = [];
  for (const d of found) {
    let g = d;
    if (d.entity === 'PERSON') {
      const trimmed = withoutClosing(text, d.start, d.end); // "Warmly, Ana Ruiz" → "Ana Ruiz"; "Warmly" → none
      if (!trimmed) continue;
      g = { ...d, ...completeHyphenatedName(text, trimmed.start, trimmed.end) };
    }
    const last = out[out.length - 1];
    if (last && last.entity === 'PERSON' && g.entity === 'PERSON' && g.start <= last.end) {
      last.start = Math.min(last.start, g.start);
      last.end = Math.max(last.end, g.end);
      last.score = Math.min(last.score, g.score);
      continue;
    }
    out.push(g);
  }
  return out;
}

/** The most probable label of one logit row and its softmax probability. */
export function argmaxSoftmax(data: Float32Array, offset: number, n: number, labels: readonly string[]): TokenLabel {
  let best = 0;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const v = data[offset + k];
    if (v > max) {
      max = v;
      best = k;
    }
  }
  return softmaxOf(data, offset, n, best, labels);
}

/** Label `k` of one logit row with its softmax probability. */
export function softmaxOf(data: Float32Array, offset: number, n: number, k: number, labels: readonly string[]): TokenLabel {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, data[offset + j]);
  if (!Number.isFinite(max)) throw new Error('model produced non-finite logits');
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(data[offset + j] - max);
  if (!Number.isFinite(sum)) throw new Error('model produced non-finite logits');
  return { label: labels[k], score: Math.exp(data[offset + k] - max) / sum };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  if (signal.reason instanceof Error) throw signal.reason;
  const e = new Error('aborted');
  e.name = 'AbortError';
  throw e;
}

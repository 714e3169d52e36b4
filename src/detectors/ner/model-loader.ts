/**
 * Load a model folder: `config.json` (Hugging Face's, with `id2label`; ours adds `phi_featurizer`), the ONNX
 * graph, and the featurizer it names (else `tokenizer.json` → `hf-tokenizer`). Errors name the file and field.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { ENTITY_TYPES } from '../entities';
import { FEATURIZER_FACTORIES, type FeaturizerFactory } from './featurizers';
import { HF_FEATURIZER_KIND } from './hf-featurizer';
import type { LabelMap } from './label-map';
import { buildFeeds } from './micro-batcher';
import { ModelError } from './model-error';
import type { Featurizer, NerModelConfig, TokenClassifier } from './types';
import { addScores, schemeConstraints, type TransitionScores } from './viterbi';

export interface NerModel {
  name: string;
  version: string;
  dir: string;
  featurizer: Featurizer;
  classifier: TokenClassifier;
  /** `labels[i]` is the label of logit `i` (from `id2label`). */
  labels: string[];
  /**
   * How per-token logits become labels: Viterbi with these scores (the scheme's constraints, plus a CRF's learned
   * transitions when `config.json` has `crf`), or `null` for an independent argmax per token
   * (`"decoding": "argmax"`, e.g. for IOB1-trained models whose entities may start with `I-`).
   */
  decoder: TransitionScores | null;
  /** `config.json` `phi_label_map`: the model's entity types → ours, merged over the default map (`label-map.ts`). */
  labelMap?: LabelMap;
  /** What `decoder` is, for `/readyz` and logs. */
  decoding: 'viterbi-crf' | 'viterbi' | 'argmax';
  threads: { intraOp: number; interOp: number };
}

export interface LoadNerModelOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  /** Graph file inside the folder; default `model.onnx`, then `onnx/model.onnx`. */
  modelFile?: string;
  /** Inject a classifier instead of loading the ONNX graph (tests). */
  classifier?: TokenClassifier;
  /** Extra or replacement featurizer factories. */
  featurizers?: Readonly<Record<string, FeaturizerFactory>>;
}

const configSchema = z
  .object({
    id2label: z.record(z.string().regex(/^\d+$/, 'keys must be label indices'), z.string().min(1)),
    phi_featurizer: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    max_length: z.number().int().min(2).optional(),
    decoding: z.enum(['viterbi', 'argmax']).optional(),
    phi_label_map: z.record(z.string().min(1), z.enum(ENTITY_TYPES).nullable()).optional(),
    // the settings of phi-word featurizers (word-featurizer.ts WordFeaturizerSettings); a misspelt key is an error
    phi_word: z
      .object({
        vocab_file: z.string().min(1).optional(),
        chars_file: z.string().min(1).optional(),
        gazetteers_file: z.string().min(1).optional(),
        max_chars: z.number().int().min(1).optional(),
        max_gazetteer_span: z.number().int().min(1).optional(),
        gazetteers: z.array(z.string().min(1)).optional(),
        document_flags: z.array(z.string().min(1)).optional(),
        fold_unknown: z.boolean().optional(),
      })
      .strict()
      .optional(),
    crf: z
      .object({
        transitions: z.array(z.array(z.number().finite())),
        start: z.array(z.number().finite()),
        end: z.array(z.number().finite()),
      })
      .strict()
      .optional(),
  })
  .passthrough();

export async function loadNerModel(dir: string, opts: LoadNerModelOptions = {}): Promise<NerModel> {
  const root = resolve(dir);
  const configPath = join(root, 'config.json');
  const config = readConfig(configPath);
  const labels = labelsOf(config, configPath);
  const decoder = decoderOf(config, labels, configPath);

  const factories = { ...FEATURIZER_FACTORIES, ...(opts.featurizers ?? {}) };
  const kind = config.phi_featurizer ?? (existsSync(join(root, 'tokenizer.json')) ? HF_FEATURIZER_KIND : undefined);
  if (kind === undefined) throw new ModelError(`${configPath}: phi_featurizer: missing, and the folder has no tokenizer.json`);
  const factory = factories[kind];
  if (!factory) {
    throw new ModelError(`${configPath}: phi_featurizer: unknown kind; known: ${Object.keys(factories).join(', ')}`);
  }

  const intraOp = opts.intraOpNumThreads ?? 1;
  const interOp = opts.interOpNumThreads ?? 1;
  let classifier = opts.classifier;
  let modelPath: string | undefined;
  if (!classifier) {
    modelPath = findModelFile(root, opts.modelFile);
    // Loaded lazily so that folders served by an injected classifier never touch onnxruntime.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createOnnxClassifier } = require('./onnx-session') as typeof import('./onnx-session');
    classifier = await createOnnxClassifier(modelPath, { intraOpNumThreads: intraOp, interOpNumThreads: interOp });
  }
  const featurizer = await factory({ dir: root, config, inputNames: classifier.inputNames });
  await checkInputs(featurizer, classifier, modelPath ?? root, kind, modelPath ? labels.length : undefined);
  const version = config.version ?? (modelPath ? `sha256:${(await sha256File(modelPath)).slice(0, 12)}` : 'unversioned');
  return {
    name: config.name ?? basename(root),
    version,
    dir: root,
    featurizer,
    classifier,
    labels,
    decoder,
    labelMap: config.phi_label_map,
    decoding: decoder === null ? 'argmax' : config.crf ? 'viterbi-crf' : 'viterbi',
    threads: { intraOp, interOp },
  };
}

/**
 * The decoder a model's config asks for: BIO constraints plus the CRF's scores when it has them, or null for argmax.
 * Also used by `training/onnx_tool.js`, so training scores a model exactly as the gateway decodes it.
 */
export function decoderOf(config: NerModelConfig, labels: readonly string[], path: string): TransitionScores | null {
  const crf = config.crf;
  if (config.decoding === 'argmax') {
    if (crf) throw new ModelError(`${path}: decoding: "argmax" cannot be combined with crf`);
    return null;
  }
  const scheme = schemeConstraints(labels);
  if (!crf) return scheme;
  const n = labels.length;
  if (crf.transitions.length !== n) throw new ModelError(`${path}: crf.transitions: must have ${n} rows (one per label)`);
  crf.transitions.forEach((row, i) => {
    if (row.length !== n) throw new ModelError(`${path}: crf.transitions.${i}: must have ${n} columns`);
  });
  for (const k of ['start', 'end'] as const) {
    if (crf[k].length !== n) throw new ModelError(`${path}: crf.${k}: must have ${n} values`);
  }
  return addScores(scheme, {
    n,
    transitions: Float32Array.from(crf.transitions.flat()),
    start: Float32Array.from(crf.start),
    end: Float32Array.from(crf.end),
  });
}

/**
 * Fail at load, not per request, when the featurizer does not feed every input the model declares, or (given
 * `numLabels`, for a graph loaded here) when one run's output is not `[1, sequence, labels of id2label]`.
 */
async function checkInputs(featurizer: Featurizer, classifier: TokenClassifier, where: string, kind: string, numLabels?: number): Promise<void> {
  const probe = 'Probe text.';
  const tokens = await featurizer.tokenize(probe);
  const row = featurizer.encodeWindow(probe, tokens.slice(0, featurizer.maxTokensPerWindow));
  const missing = classifier.inputNames.filter((n) => !(n in row.inputs));
  if (missing.length) throw new ModelError(`${where}: model inputs ${missing.join(', ')} are not produced by featurizer ${kind}`);
  for (const [name, shape] of Object.entries(classifier.inputShapes ?? {})) {
    // [batch, seq, ...per token]: a fixed per-token size must be what the featurizer gives (phi-word-v1: 8 flags, v2: 10)
    const inner = row.inputs[name]?.innerDims ?? [];
    const fixed = shape.slice(2);
    if (fixed.length !== inner.length || fixed.some((d, i) => typeof d === 'number' && d !== inner[i])) {
      throw new ModelError(
        `${where}: model input ${name} takes [${shape.join(', ')}], featurizer ${kind} gives [batch, seq${inner.map((d) => `, ${d}`).join('')}]`,
      );
    }
  }
  if (numLabels === undefined) return;
  let dims: readonly number[];
  try {
    dims = (await classifier.run(buildFeeds([row], classifier.inputNames).feeds)).dims;
  } catch (cause) {
    throw new ModelError(`${where}: a probe run through the model failed`, { cause });
  }
  if (dims[0] !== 1 || dims[1] < row.seqLen || dims[2] !== numLabels) {
    throw new ModelError(`${where}: model output is [${dims.join(', ')}], expected [1, ${row.seqLen}, ${numLabels}] (labels from config.json id2label)`);
  }
}

function readConfig(path: string): NerModelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    const what = existsSync(path) ? 'is not valid JSON' : 'is missing';
    throw new ModelError(`${path}: ${what}`, { cause });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    throw new ModelError(`${path}: ${field}: ${issue.message}`);
  }
  return parsed.data as NerModelConfig;
}

function labelsOf(config: NerModelConfig, path: string): string[] {
  const entries = Object.entries(config.id2label);
  if (entries.length === 0) throw new ModelError(`${path}: id2label: must not be empty`);
  const labels = new Array<string>(entries.length);
  for (const [k, v] of entries) {
    const i = Number(k);
    if (i >= entries.length || labels[i] !== undefined) {
      throw new ModelError(`${path}: id2label.${k}: indices must run 0..${entries.length - 1}`);
    }
    labels[i] = v;
  }
  return labels;
}

function findModelFile(root: string, modelFile: string | undefined): string {
  const candidates = modelFile ? [modelFile] : ['model.onnx', join('onnx', 'model.onnx')];
  for (const c of candidates) {
    const p = join(root, c);
    if (existsSync(p)) return p;
  }
  throw new ModelError(`${join(root, candidates[0])}: model file is missing`);
}

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', rej)
      .on('end', () => res(h.digest('hex')));
  });
}

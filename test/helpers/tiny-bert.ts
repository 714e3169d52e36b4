/**
 * A tiny BERT-style token classifier written by the test suite itself: a WordPiece `tokenizer.json`, a
 * `config.json` with `id2label`, and `model.onnx` built with `onnx-writer.ts`:
 *
 *   h      = (WordEmb[input_ids] + TypeEmb[token_type_ids]) * attention_mask
 *   logits = h @ W + b                                    → float [batch, sequence, labels]
 *
 * Weights are random with a fixed seed, plus a designed component so each vocabulary word has an intended label
 * by a wide margin. The logits of a token depend only on its id (no position embeddings), so a test can compute
 * the expected label of every token independently with `expectedLabelOf(id)`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from './onnx-writer';

export const TINY_LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'];
const HIDDEN = 8;

/** Vocabulary in id order, with the label index each entry is designed to get. */
const VOCAB: [string, number][] = [
  ['[PAD]', 0],
  ['[UNK]', 0],
  ['[CLS]', 0],
  ['[SEP]', 0],
  ['john', 1],
  ['smith', 2],
  ['paris', 3],
  ['new', 3],
  ['york', 4],
  ['jo', 1],
  ['##se', 2],
  ['zo', 1],
  ['##e', 2],
  ['北', 3],
  ['京', 4],
  ['acme', 5],
  ['corp', 6],
  ['met', 0],
  ['in', 0],
  ['and', 0],
  ['the', 0],
  ['visited', 0],
  ['word', 0],
  ['##s', 0],
  ['.', 0],
  [',', 0],
  ['!', 0],
];

export const TINY_VOCAB: Record<string, number> = Object.fromEntries(VOCAB.map(([w], i) => [w, i]));

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TinyWeights {
  wordEmb: number[]; // [V, H]
  typeEmb: number[]; // [2, H]
  w: number[]; // [H, L]
  b: number[]; // [L]
}

/**
 * Random weights with a fixed seed plus the designed component: `designed[id]` is the label index vocabulary
 * entry `id` is meant to get (BERT's VOCAB by default; the other tokenizer styles pass their own).
 */
export function tinyWeights(seed = 1234, designed: readonly number[] = VOCAB.map(([, l]) => l)): TinyWeights {
  const rnd = mulberry32(seed);
  const noise = (scale: number) => (rnd() * 2 - 1) * scale;
  const V = designed.length;
  const L = TINY_LABELS.length;
  const f32 = (x: number) => Math.fround(x);
  const wordEmb: number[] = [];
  for (let v = 0; v < V; v++) for (let h = 0; h < HIDDEN; h++) wordEmb.push(f32((h === designed[v] ? 3 : 0) + noise(0.3)));
  const typeEmb: number[] = [];
  for (let t = 0; t < 2; t++) for (let h = 0; h < HIDDEN; h++) typeEmb.push(f32(noise(0.1)));
  const w: number[] = [];
  for (let h = 0; h < HIDDEN; h++) for (let l = 0; l < L; l++) w.push(f32((h === l ? 1 : 0) + noise(0.2)));
  const b: number[] = [];
  for (let l = 0; l < L; l++) b.push(f32(noise(0.1)));
  return { wordEmb, typeEmb, w, b };
}

/** The label a token id gets, computed in plain TypeScript from the weights (token type 0, mask 1). */
export function expectedLabelOf(weights: TinyWeights, id: number): string {
  const L = TINY_LABELS.length;
  let best = 0;
  let bestV = -Infinity;
  for (let l = 0; l < L; l++) {
    let z = weights.b[l];
    for (let h = 0; h < HIDDEN; h++) z += (weights.wordEmb[id * HIDDEN + h] + weights.typeEmb[h]) * weights.w[h * L + l];
    if (z > bestV) {
      bestV = z;
      best = l;
    }
  }
  return TINY_LABELS[best];
}

export function designedLabelOf(id: number): string {
  return TINY_LABELS[VOCAB[id][1]];
}

export function tinyBertOnnx(weights: TinyWeights): Uint8Array {
  return tinyClassifierOnnx(weights, { name: 'tiny-bert', tokenTypes: true });
}

/**
 * The classifier graph for any vocabulary size. Without `tokenTypes` the graph takes no `token_type_ids` (as
 * RoBERTa exports do) and adds type embedding 0 to every token, so `expectedLabelOf` holds for both.
 */
export function tinyClassifierOnnx(weights: TinyWeights, opts: { name: string; tokenTypes: boolean }): Uint8Array {
  const V = weights.wordEmb.length / HIDDEN;
  const L = TINY_LABELS.length;
  const typeInput = opts.tokenTypes
    ? { inputs: [{ name: 'token_type_ids', type: 'int64' as const, shape: ['batch', 'sequence'] }], initializers: [], nodes: [] }
    : {
        inputs: [],
        // token_type_ids := input_ids * 0
        initializers: [{ name: 'zero_i64', type: 'int64' as const, dims: [], data: [0] }],
        nodes: [{ opType: 'Mul', inputs: ['input_ids', 'zero_i64'], outputs: ['token_type_ids'] }],
      };
  return encodeModel({
    name: opts.name,
    inputs: [
      { name: 'input_ids', type: 'int64', shape: ['batch', 'sequence'] },
      { name: 'attention_mask', type: 'int64', shape: ['batch', 'sequence'] },
      ...typeInput.inputs,
    ],
    outputs: [{ name: 'logits', type: 'float', shape: ['batch', 'sequence', L] }],
    initializers: [
      { name: 'word_embeddings', type: 'float', dims: [V, HIDDEN], data: weights.wordEmb },
      { name: 'token_type_embeddings', type: 'float', dims: [2, HIDDEN], data: weights.typeEmb },
      { name: 'classifier_weight', type: 'float', dims: [HIDDEN, L], data: weights.w },
      { name: 'classifier_bias', type: 'float', dims: [L], data: weights.b },
      { name: 'unsqueeze_axes', type: 'int64', dims: [1], data: [2] },
      ...typeInput.initializers,
    ],
    nodes: [
      ...typeInput.nodes,
      { opType: 'Gather', inputs: ['word_embeddings', 'input_ids'], outputs: ['word'], attributes: [{ name: 'axis', i: 0 }] },
      { opType: 'Gather', inputs: ['token_type_embeddings', 'token_type_ids'], outputs: ['type'], attributes: [{ name: 'axis', i: 0 }] },
      { opType: 'Add', inputs: ['word', 'type'], outputs: ['emb'] },
      { opType: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attributes: [{ name: 'to', i: 1 }] },
      { opType: 'Unsqueeze', inputs: ['mask_f', 'unsqueeze_axes'], outputs: ['mask_3d'] },
      { opType: 'Mul', inputs: ['emb', 'mask_3d'], outputs: ['hidden'] },
      { opType: 'MatMul', inputs: ['hidden', 'classifier_weight'], outputs: ['scores'] },
      { opType: 'Add', inputs: ['scores', 'classifier_bias'], outputs: ['logits'] },
    ],
  });
}

/** One `added_tokens` entry of a tokenizer.json: a special token. */
export function addedToken(content: string, id: number): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** BERT's post-processor: `[CLS] A [SEP]` (and `[CLS] A [SEP] B [SEP]` for pairs) with the given ids. */
export function clsSepTemplate(clsId: number, sepId: number): object {
  return {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } },
      { Sequence: { id: 'A', type_id: 0 } },
      { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } },
      { SpecialToken: { id: '[SEP]', type_id: 1 } },
    ],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [clsId], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [sepId], tokens: ['[SEP]'] },
    },
  };
}

export function tinyTokenizerJson(): object {
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((content, id) => addedToken(content, id));
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: 8, strategy: 'LongestFirst', stride: 0 }, // must be ignored
    padding: null,
    added_tokens: specials,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: clsSepTemplate(2, 3),
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: TINY_VOCAB },
  };
}

/** Rewrite a model folder's config.json: `edit` changes the object in place or returns a new one. */
export function editConfig(dir: string, edit: (config: Record<string, unknown>) => Record<string, unknown> | void): void {
  const path = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify(edit(config) ?? config));
}

/** Write the model folder; returns the weights so the test can compute expectations. */
export function writeTinyBert(dir: string, opts: { maxLength?: number; seed?: number } = {}): TinyWeights {
  const weights = tinyWeights(opts.seed);
  writeFileSync(join(dir, 'model.onnx'), tinyBertOnnx(weights));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      architectures: ['BertForTokenClassification'],
      model_type: 'bert',
      name: 'tiny-bert',
      version: 'test-1',
      max_length: opts.maxLength ?? 16,
      id2label: Object.fromEntries(TINY_LABELS.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(TINY_LABELS.map((l, i) => [l, i])),
    }),
  );
  return weights;
}

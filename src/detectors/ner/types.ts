/**
 * Contracts of the NER runtime. Tokenization, windowing and BIO aggregation are pure functions over these;
 * onnxruntime-node is imported only in `onnx-session.ts`, behind `TokenClassifier`.
 */
import type { EntityType } from '../entities';

/** A model token: UTF-16 offsets into the text. */
export interface TokenSpan {
  start: number;
  end: number;
}

export type FeedType = 'int64' | 'int32' | 'float32';

/**
 * One window's model inputs. For each named input, `data` holds `seqLen * prod(innerDims)` numbers, row-major
 * (sequence first). The runtime stacks rows of a batch, padding every input with 0 up to the longest row —
 * so padding positions must mean "nothing" for every input (attention mask 0, pad id 0).
 */
export interface RowInputs {
  seqLen: number;
  inputs: Record<string, { type: FeedType; data: number[]; innerDims: number[] }>;
  /** For each token of the window (in order), its index along the sequence axis of the output logits. */
  positions: number[];
}

export interface Featurizer {
  /** Kind, e.g. `hf-tokenizer` or `phi-word-v1`. */
  readonly kind: string;
  /** Most tokens of text one window may hold (special tokens excluded). */
  readonly maxTokensPerWindow: number;
  /**
   * Split the whole text into model tokens (no special tokens), with offsets. May be async: the Hugging Face
   * `tokenizers` binding only encodes asynchronously.
   */
  tokenize(text: string): TokenSpan[] | Promise<TokenSpan[]>;
  /** Encode one window: `tokens` is a contiguous slice of `tokenize(text)`. */
  encodeWindow(text: string, tokens: TokenSpan[]): RowInputs;
}

export interface Tensor {
  type: FeedType;
  data: BigInt64Array | Int32Array | Float32Array;
  dims: number[];
}

/** The narrow interface around onnxruntime: feeds in, logits `[batch, seq, labels]` out. */
export interface TokenClassifier {
  readonly inputNames: readonly string[];
  /** Each input's declared shape (numbers fixed, strings symbolic: `batch`, `seq`), where the graph says. */
  readonly inputShapes?: Readonly<Record<string, readonly (number | string)[]>>;
  run(feeds: Record<string, Tensor>): Promise<{ data: Float32Array; dims: [number, number, number] }>;
  release?(): Promise<void>;
}

/** `config.json` of a model folder (Hugging Face's fields plus ours). */
export interface NerModelConfig {
  /** Hugging Face: `{ "0": "O", "1": "B-PER", ... }`. */
  id2label: Record<string, string>;
  /** Ours: which featurizer to use; absent for Hugging Face exports (then `tokenizer.json` is used). */
  phi_featurizer?: string;
  name?: string;
  version?: string;
  max_length?: number;
  /** Ours: `viterbi` (default; BIO/BIOES constraints, plus `crf` when present) or `argmax` per token. */
  decoding?: 'viterbi' | 'argmax';
  /** Ours: the model's entity types → ours or `null` (dropped), over the default map, e.g. `{ "ID": "MEDICAL_RECORD_NUMBER" }`. */
  phi_label_map?: Record<string, EntityType | null>;
  /** Ours: a CRF's learned scores, `transitions[prev][cur]`, `start[label]`, `end[label]`. */
  crf?: { transitions: number[][]; start: number[]; end: number[] };
  [key: string]: unknown;
}

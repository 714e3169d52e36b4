/**
 * Featurizer for Hugging Face token-classification models: `tokenizer.json` through the `tokenizers` binding.
 * Each window gets the tokenizer's own special tokens (found by probing its post-processor: `[CLS] … [SEP]` for
 * BERT, `<s> … </s>` for RoBERTa), `input_ids`, `attention_mask`, and `token_type_ids` when the model takes it.
 * Offsets: the binding reports code points; they are converted to UTF-16 (see `offsets.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from 'tokenizers';
import { ModelError } from './model-error';
import { createOffsetConverter, inferOffsetUnit, OFFSET_PROBE, type OffsetUnit } from './offsets';
import type { Featurizer, NerModelConfig, RowInputs, TokenSpan } from './types';

export const HF_FEATURIZER_KIND = 'hf-tokenizer';

/** A token of an HF tokenizer: offsets plus the vocabulary id (kept so a window needs no re-encoding). */
export interface HfTokenSpan extends TokenSpan {
  id: number;
}

export interface HfFeaturizerOptions {
  /** Path of `tokenizer.json`. */
  tokenizerPath: string;
  /** Names of the model's inputs (`token_type_ids` is fed only when listed). */
  inputNames: readonly string[];
  /** Longest sequence the model takes, special tokens included. */
  maxLength: number;
}

interface Specials {
  prefix: number[];
  suffix: number[];
  typeId: number;
}

export async function createHfFeaturizer(opts: HfFeaturizerOptions): Promise<Featurizer> {
  let tokenizer: Tokenizer;
  try {
    tokenizer = Tokenizer.fromFile(opts.tokenizerPath);
  } catch (cause) {
    throw new ModelError(`${opts.tokenizerPath}: cannot be loaded as a tokenizers tokenizer.json`, { cause });
  }
  // Never truncate or pad: windowing decides what the model sees.
  tokenizer.disableTruncation();
  tokenizer.disablePadding();
  const specials = await probeSpecials(tokenizer);
  const unit = await probeOffsetUnit(tokenizer);
  const maxTokensPerWindow = opts.maxLength - specials.prefix.length - specials.suffix.length;
  if (maxTokensPerWindow < 1) throw new ModelError(`${opts.tokenizerPath}: max length leaves no room for text tokens`);
  const withTypes = opts.inputNames.includes('token_type_ids');

  return {
    kind: HF_FEATURIZER_KIND,
    maxTokensPerWindow,
    async tokenize(text: string): Promise<HfTokenSpan[]> {
      if (text.length === 0) return [];
      const enc = await tokenizer.encode(text, null, { addSpecialTokens: false });
      return toTokenSpans(text, enc.getIds(), enc.getOffsets(), unit, enc.getTokens());
    },
    encodeWindow(_text: string, tokens: TokenSpan[]): RowInputs {
      const ids: number[] = [...specials.prefix];
      for (const t of tokens) {
        const id = (t as Partial<HfTokenSpan>).id;
        if (typeof id !== 'number') throw new TypeError('hf featurizer: tokens must come from its own tokenize()');
        ids.push(id);
      }
      ids.push(...specials.suffix);
      const seqLen = ids.length;
      const inputs: RowInputs['inputs'] = {
        input_ids: { type: 'int64', data: ids, innerDims: [] },
        attention_mask: { type: 'int64', data: new Array<number>(seqLen).fill(1), innerDims: [] },
      };
      if (withTypes) inputs.token_type_ids = { type: 'int64', data: new Array<number>(seqLen).fill(specials.typeId), innerDims: [] };
      const positions = tokens.map((_, i) => specials.prefix.length + i);
      return { seqLen, inputs, positions };
    },
  };
}

/**
 * Convert the binding's ids and offsets to UTF-16 token spans, trimmed of whitespace. Exported for tests.
 *
 * Tokenizers that fold the space into the token report it in the offsets: SentencePiece's Metaspace
 * (DeBERTa-v3, XLM-R: `▁Smith` → " Smith", or "\nSmith" where a line break was folded in) and byte-level BPE
 * without `trim_offsets` (`ĠSmith` → " Smith"). Entity spans are built from token spans, and the gap between two
 * tokens is where a line break splits an entity (`bio.ts`), so each span is cut to its non-whitespace part. A
 * token that is only whitespace becomes zero-width where its whitespace ends; so does a bare `▁`, which Metaspace
 * also prepends to a text and reports with the offsets of the character after it (an emoji, say), not of a space.
 */
export function toTokenSpans(text: string, ids: number[], offsets: number[][], unit: OffsetUnit, tokens?: string[]): HfTokenSpan[] {
  const conv = createOffsetConverter(text, unit);
  const out: HfTokenSpan[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const [s, e] = offsets[i];
    let start = conv(s);
    let end = conv(e);
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (tokens !== undefined && METASPACE_ONLY.test(tokens[i])) end = start;
    out[i] = { id: ids[i], start, end };
  }
  return out;
}

const METASPACE_ONLY = /^\u2581+$/;
const WHITESPACE = /\s/;
function isSpace(code: number): boolean {
  return WHITESPACE.test(String.fromCharCode(code));
}

/** Which special tokens the post-processor puts before and after a single sequence. */
async function probeSpecials(tokenizer: Tokenizer): Promise<Specials> {
  for (const probe of ['a', 'hello', '0', 'x y']) {
    const enc = await tokenizer.encode(probe, null, { addSpecialTokens: true });
    const ids = enc.getIds();
    const mask = enc.getSpecialTokensMask();
    const first = mask.indexOf(0);
    if (first < 0) continue;
    const last = mask.lastIndexOf(0);
    const types = enc.getTypeIds();
    return { prefix: ids.slice(0, first), suffix: ids.slice(last + 1), typeId: types[first] ?? 0 };
  }
  return { prefix: [], suffix: [], typeId: 0 };
}

async function probeOffsetUnit(tokenizer: Tokenizer): Promise<OffsetUnit> {
  const enc = await tokenizer.encode(OFFSET_PROBE, null, { addSpecialTokens: false });
  const ends = enc.getOffsets().map((o) => o[1]);
  return inferOffsetUnit(ends.length ? Math.max(...ends) : undefined);
}

/**
 * The longest sequence an HF model folder takes: `config.max_length`, else `tokenizer_config.json`'s
 * `model_max_length` (when it is a real number, not HF's 1e30 sentinel), else 512 — and never more than the
 * position embeddings allow (`max_position_embeddings`, less the 2 offset positions RoBERTa-style models
 * declare beyond 512: 514 → 512).
 */
export function hfMaxLength(dir: string, config: NerModelConfig): number {
  const mpe = config.max_position_embeddings;
  const cap = typeof mpe === 'number' && Number.isInteger(mpe) && mpe > 2 ? (mpe > 512 ? mpe - 2 : mpe) : Number.POSITIVE_INFINITY;
  return Math.min(declaredMaxLength(dir, config) ?? 512, cap);
}

function declaredMaxLength(dir: string, config: NerModelConfig): number | undefined {
  if (typeof config.max_length === 'number') return config.max_length;
  const tc = join(dir, 'tokenizer_config.json');
  if (!existsSync(tc)) return undefined;
  try {
    const v = (JSON.parse(readFileSync(tc, 'utf8')) as { model_max_length?: unknown }).model_max_length;
    if (typeof v === 'number' && Number.isInteger(v) && v > 2 && v <= 1_000_000) return v;
  } catch {
    // tokenizer_config.json is optional; an unreadable one is ignored
  }
  return undefined;
}

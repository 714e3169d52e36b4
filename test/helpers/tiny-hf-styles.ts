/**
 * Tiny token classifiers behind the two other tokenizer families Hugging Face exports use, written by the suite:
 *
 * - `roberta`: byte-level BPE (`Ġ` marks a leading space), `RobertaProcessing` with `<s> … </s>`, and a graph
 *   without `token_type_ids` — as `RobertaForTokenClassification` exports.
 * - `deberta`: SentencePiece-style Unigram with the `Metaspace` pre-tokenizer (`▁` marks a leading space) and
 *   `[CLS] … [SEP]` — as DeBERTa-v3 (and, with `<s> … </s>`, XLM-R) export.
 *
 * Both fold the space into the token (`ĠSmith`, `▁Smith`), the case where the binding's offsets can include it.
 * The graph is tiny-bert's (`tinyClassifierOnnx`): a token's label depends only on its id, designed per vocabulary
 * entry, so `expectedLabelOf` predicts it. The whitespace-only tokens are designed to be tagged as a name's: a
 * lone space (`Ġ`, `▁`) `B-PER`, as SentencePiece models tag the `▁` they split off a rare name, and a lone line
 * break (`Ċ`, `\n`) `I-PER`; so a test sees whether they ever put whitespace at the edge of a finding, or join
 * two lines into one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedToken, clsSepTemplate, TINY_LABELS, tinyClassifierOnnx, tinyWeights, type TinyWeights } from './tiny-bert';

export type TinyStyle = 'roberta' | 'deberta';

export interface TinyStyleModel {
  weights: TinyWeights;
  /** Token string (as the tokenizer's vocabulary spells it) → id. */
  vocab: Record<string, number>;
  /** Label index each id is designed to get. */
  designed: number[];
}

const O = 0;
const B_PER = 1;
const I_PER = 2;
const B_LOC = 3;
const I_LOC = 4;
const B_ORG = 5;
const I_ORG = 6;

/** Words with their designed label; a leading space is the space the tokenizer folds in. */
const WORDS: [string, number][] = [
  [' John', B_PER],
  ['John', B_PER],
  [' Smith', I_PER],
  ['Smith', I_PER],
  [' Paris', B_LOC],
  ['Paris', B_LOC],
  [' New', B_LOC],
  [' York', I_LOC],
  [' Jos', B_PER],
  ['é', I_PER],
  [' Zo', B_PER],
  ['ë', I_PER],
  [' 北', B_LOC],
  ['京', I_LOC],
  [' Acme', B_ORG],
  ['Acme', B_ORG],
  [' Corp', I_ORG],
  [' met', O],
  [' in', O],
  [' and', O],
  [' the', O],
  [' visited', O],
  [' words', O],
  ['words', O],
];

// ---------------------------------------------------------------------------------------------- byte-level BPE

/** GPT-2's byte → printable character table. */
function byteToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const table: string[] = new Array(256);
  let n = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + n++);
  return table;
}

function robertaVocab(): { vocab: Record<string, number>; designed: number[]; merges: string[] } {
  const table = byteToUnicode();
  const vocab: Record<string, number> = {};
  const designed: number[] = [];
  const add = (tok: string, label: number) => {
    if (vocab[tok] === undefined) {
      vocab[tok] = designed.length;
      designed.push(label);
    } else if (label !== O) designed[vocab[tok]] = label;
  };
  for (const s of ['<s>', '<pad>', '</s>', '<unk>']) add(s, O);
  for (const ch of table) add(ch, O);
  add(table[0x20], B_PER); // Ġ, a lone space
  add(table[0x0a], I_PER); // Ċ, a lone line break
  // Each word is built by merging left to right; merges of space-led words come first so they win.
  const merges: string[] = [];
  const seen = new Set<string>();
  const ordered = [...WORDS.filter(([w]) => w.startsWith(' ')), ...WORDS.filter(([w]) => !w.startsWith(' '))];
  for (const [word, label] of ordered) {
    const pieces = [...Buffer.from(word, 'utf8')].map((b) => table[b]);
    let left = pieces[0];
    for (let i = 1; i < pieces.length; i++) {
      const merge = `${left} ${pieces[i]}`;
      left += pieces[i];
      if (!seen.has(merge)) {
        seen.add(merge);
        merges.push(merge);
      }
      add(left, i === pieces.length - 1 ? label : O);
    }
    if (pieces.length === 1) add(left, label);
  }
  return { vocab, designed, merges };
}

function robertaTokenizerJson(vocab: Record<string, number>, merges: string[], trimOffsets: boolean): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['<s>', '<pad>', '</s>', '<unk>'].map((t) => addedToken(t, vocab[t])),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: trimOffsets, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', vocab['</s>']], cls: ['<s>', vocab['<s>']], trim_offsets: trimOffsets, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges },
  };
}

// ------------------------------------------------------------------------------------- Metaspace + Unigram

function debertaVocab(): { pieces: [string, number][]; vocab: Record<string, number>; designed: number[] } {
  const pieces: [string, number][] = [];
  const vocab: Record<string, number> = {};
  const designed: number[] = [];
  const add = (piece: string, score: number, label: number) => {
    if (vocab[piece] !== undefined) return;
    vocab[piece] = pieces.length;
    pieces.push([piece, score]);
    designed.push(label);
  };
  for (const s of ['[PAD]', '[CLS]', '[SEP]', '[UNK]']) add(s, 0, O);
  add('▁', -8, B_PER);
  add('\n', -8, I_PER);
  for (const [word, label] of WORDS) add(word.replace(/^ /, '▁'), -1, label);
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?-';
  for (const ch of chars) add(ch, -10, O);
  return { pieces, vocab, designed };
}

function debertaTokenizerJson(pieces: [string, number][], vocab: Record<string, number>): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[CLS]', '[SEP]', '[UNK]'].map((t) => addedToken(t, vocab[t])),
    normalizer: null,
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: clsSepTemplate(vocab['[CLS]'], vocab['[SEP]']),
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: vocab['[UNK]'], vocab: pieces, byte_fallback: false },
  };
}

// ------------------------------------------------------------------------------------------------- folder

/** Write `model.onnx`, `tokenizer.json` and `config.json` of the given style into `dir`. */
export function writeTinyStyle(dir: string, style: TinyStyle, opts: { maxLength?: number; trimOffsets?: boolean } = {}): TinyStyleModel {
  let vocab: Record<string, number>;
  let designed: number[];
  let tokenizer: object;
  if (style === 'roberta') {
    const v = robertaVocab();
    ({ vocab, designed } = v);
    tokenizer = robertaTokenizerJson(v.vocab, v.merges, opts.trimOffsets ?? true);
  } else {
    const v = debertaVocab();
    ({ vocab, designed } = v);
    tokenizer = debertaTokenizerJson(v.pieces, v.vocab);
  }
  const weights = tinyWeights(99, designed);
  const name = `tiny-${style}`;
  writeFileSync(join(dir, 'model.onnx'), tinyClassifierOnnx(weights, { name, tokenTypes: style === 'deberta' }));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      architectures: [style === 'roberta' ? 'RobertaForTokenClassification' : 'DebertaV2ForTokenClassification'],
      model_type: style === 'roberta' ? 'roberta' : 'deberta-v2',
      name,
      version: 'test-1',
      max_length: opts.maxLength ?? 16,
      id2label: Object.fromEntries(TINY_LABELS.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(TINY_LABELS.map((l, i) => [l, i])),
    }),
  );
  return { weights, vocab, designed };
}

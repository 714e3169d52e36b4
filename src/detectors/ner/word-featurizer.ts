/**
 * `phi-word-v1`: the featurizer of phi-gateway's own NER model (`models/phi-ner-small`). It must produce exactly
 * what `training/phi_features.py` produced at training time; `test/ner/word-featurizer.test.ts` checks parity
 * against a fixture written by Python.
 *
 * Pre-tokenization: a run of letters/marks, a run of numbers, or one other non-space code point. Offsets are
 * UTF-16 (JavaScript string indices). Per token the model takes:
 *   word_ids       int64            vocab[normalize(token)]; 0 = padding, 1 = unknown
 *   shape_ids      int64            capitalization/shape class (see `shapeId`); 0 = padding
 *   char_ids       int64 [16]       first 16 code points of the raw token; 0 = padding, 1 = unknown
 *   gazetteers     float32 [8]      binary flags: token inside a gazetteer entry (up to 4 tokens long)
 *   attention_mask int64            1 for every real token
 * Padding (added by the runtime) is 0 everywhere, which the model reads as "nothing".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Featurizer, NerModelConfig, RowInputs, TokenSpan } from './types';

export const WORD_FEATURIZER_KIND = 'phi-word-v1';

/** Featurizer settings in `config.json` under `phi_word` (all optional; these are the defaults). */
export interface WordFeaturizerSettings {
  vocab_file: string;
  chars_file: string;
  gazetteers_file: string;
  max_chars: number;
  max_gazetteer_span: number;
  gazetteers: string[];
}

const DEFAULTS: WordFeaturizerSettings = {
  vocab_file: 'vocab.txt',
  chars_file: 'chars.json',
  gazetteers_file: 'gazetteers.json',
  max_chars: 16,
  max_gazetteer_span: 4,
  gazetteers: ['first_name', 'surname', 'city', 'region', 'title', 'company_type', 'street_type', 'org_word'],
};

/** Same classes as `phi_features.tokenize`: `\s` here is exactly JavaScript's whitespace set. */
const TOKEN_RE = /[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu;
const LETTER_RE = /^[\p{L}\p{M}]/u;
const NUMBER_RE = /^\p{N}/u;
const PUNCT_RE = /^\p{P}/u;
const UPPER_RE = /^[\p{Lu}\p{Lt}]$/u;
const LOWER_RE = /^\p{Ll}$/u;
const DIGIT_RE = /\p{Nd}/gu;

/** Split text into model tokens with UTF-16 offsets. */
export function wordTokenize(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index as number;
    out.push({ start, end: start + m[0].length });
  }
  return out;
}

/** Lower-case, then every decimal digit becomes `0`. */
export function normalizeWord(token: string): string {
  return token.toLowerCase().replace(DIGIT_RE, '0');
}

/**
 * Shape classes: 1 lower, 2 UPPER (2+ letters), 3 Title, 4 single upper letter, 5 mIxEd, 6 number, 7 punctuation,
 * 8 other symbol (emoji, math, …), 9 letters without case (CJK, Arabic, …).
 */
export function shapeId(token: string): number {
  const ascii = asciiLetterShape(token);
  if (ascii !== 0) return ascii;
  if (NUMBER_RE.test(token)) return 6;
  if (!LETTER_RE.test(token)) return PUNCT_RE.test(token) ? 7 : 8;
  let up = 0;
  let lo = 0;
  let len = 0;
  let firstUpper = false;
  for (const ch of token) {
    if (UPPER_RE.test(ch)) {
      up++;
      if (len === 0) firstUpper = true;
    } else if (LOWER_RE.test(ch)) lo++;
    len++;
  }
  if (up === 0 && lo === 0) return 9;
  if (up === 0) return 1;
  if (lo === 0) return len === 1 ? 4 : 2;
  if (firstUpper && up === 1) return 3;
  return 5;
}

/**
 * `shapeId` of a token of ASCII letters only, from its character codes (most tokens, and much cheaper than a Unicode
 * property test per character); 0 for any other token, which takes the general path.
 */
function asciiLetterShape(token: string): number {
  let up = 0;
  let lo = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 65 && c <= 90) up++;
    else if (c >= 97 && c <= 122) lo++;
    else return 0;
  }
  if (token.length === 0) return 0;
  if (up === 0) return 1;
  if (lo === 0) return token.length === 1 ? 4 : 2;
  const c0 = token.charCodeAt(0);
  return c0 <= 90 && up === 1 ? 3 : 5;
}

/** `phi-word-v1` tokenizes synchronously. */
export interface WordFeaturizer extends Featurizer {
  tokenize(text: string): TokenSpan[];
}

export interface WordFeaturizerResources {
  vocab: string[];
  chars: string[];
  gazetteers: Record<string, string[]>;
  settings?: Partial<WordFeaturizerSettings>;
  maxTokensPerWindow: number;
}

/** Build the featurizer from in-memory resources (tests) — `createWordFeaturizer` reads them from a folder. */
export function buildWordFeaturizer(res: WordFeaturizerResources): WordFeaturizer {
  const s: WordFeaturizerSettings = { ...DEFAULTS, ...(res.settings ?? {}) };
  const vocab = new Map<string, number>();
  res.vocab.forEach((w, i) => {
    if (!vocab.has(w)) vocab.set(w, i);
  });
  const chars = new Map<string, number>();
  res.chars.forEach((c, i) => {
    if (!chars.has(c)) chars.set(c, i);
  });
  const nGaz = s.gazetteers.length;
  if (nGaz > 30) throw new Error(`${WORD_FEATURIZER_KIND}: at most 30 gazetteers`);
  // entry -> bit g set when gazetteer g lists it: one lookup per candidate span instead of one per gazetteer
  const gazBits = new Map<string, number>();
  s.gazetteers.forEach((name, g) => {
    const list = res.gazetteers[name];
    if (!Array.isArray(list)) throw new Error(`${WORD_FEATURIZER_KIND}: gazetteer "${name}" is missing`);
    for (const entry of list) gazBits.set(entry, (gazBits.get(entry) ?? 0) | (1 << g));
  });
  const maxChars = s.max_chars;
  const maxSpan = s.max_gazetteer_span;

  return {
    kind: WORD_FEATURIZER_KIND,
    maxTokensPerWindow: res.maxTokensPerWindow,
    tokenize: wordTokenize,
    encodeWindow(text: string, tokens: TokenSpan[]): RowInputs {
      const n = tokens.length;
      const raw = tokens.map((t) => text.slice(t.start, t.end));
      const norms = raw.map(normalizeWord);
      const wordIds = new Array<number>(n);
      const shapeIds = new Array<number>(n);
      const charIds = new Array<number>(n * maxChars).fill(0);
      const gazFlags = new Array<number>(n * nGaz).fill(0);
      for (let i = 0; i < n; i++) {
        wordIds[i] = vocab.get(norms[i]) ?? 1;
        shapeIds[i] = shapeId(raw[i]);
        let c = 0;
        for (const ch of raw[i]) {
          if (c >= maxChars) break;
          charIds[i * maxChars + c] = chars.get(ch) ?? 1;
          c++;
        }
      }
      for (let i = 0; i < n; i++) {
        let key = '';
        for (let len = 1; len <= maxSpan && i + len <= n; len++) {
          key = len === 1 ? norms[i] : `${key} ${norms[i + len - 1]}`;
          const bits = gazBits.get(key);
          if (bits === undefined) continue;
          for (let g = 0; g < nGaz; g++) {
            if (bits & (1 << g)) for (let t = i; t < i + len; t++) gazFlags[t * nGaz + g] = 1;
          }
        }
      }
      return {
        seqLen: n,
        inputs: {
          word_ids: { type: 'int64', data: wordIds, innerDims: [] },
          shape_ids: { type: 'int64', data: shapeIds, innerDims: [] },
          char_ids: { type: 'int64', data: charIds, innerDims: [maxChars] },
          gazetteers: { type: 'float32', data: gazFlags, innerDims: [nGaz] },
          attention_mask: { type: 'int64', data: new Array<number>(n).fill(1), innerDims: [] },
        },
        positions: tokens.map((_, i) => i),
      };
    },
  };
}

/** Load `phi-word-v1` resources from a model folder (`vocab.txt`, `chars.json`, `gazetteers.json`). */
export function createWordFeaturizer(modelDir: string, config: NerModelConfig): WordFeaturizer {
  const settings = { ...DEFAULTS, ...((config.phi_word as Partial<WordFeaturizerSettings> | undefined) ?? {}) };
  const vocab = readFileSync(join(modelDir, settings.vocab_file), 'utf8').split('\n');
  const chars = JSON.parse(readFileSync(join(modelDir, settings.chars_file), 'utf8')) as string[];
  const gazetteers = JSON.parse(readFileSync(join(modelDir, settings.gazetteers_file), 'utf8')) as Record<string, string[]>;
  const maxTokensPerWindow = typeof config.max_length === 'number' && config.max_length > 0 ? config.max_length : 128;
  return buildWordFeaturizer({ vocab, chars, gazetteers, settings, maxTokensPerWindow });
}

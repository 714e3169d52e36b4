/**
 * `phi-word-v1` and `phi-word-v2`: the featurizers of phi-gateway's own NER model (`models/phi-ner-small`). They must
 * produce exactly what `training/phi_features.py` produced at training time; `test/ner/word-featurizer.test.ts`
 * checks parity against a fixture written by Python, and against the Python code itself.
 *
 * Pre-tokenization: a run of letters/marks, a run of numbers, or one other non-space code point. Offsets are
 * UTF-16 (JavaScript string indices). Per token the model takes:
 *   word_ids       int64            vocab[normalize(token)]; 0 = padding, 1 = unknown
 *   shape_ids      int64            capitalization/shape class (see `shapeId`); 0 = padding
 *   char_ids       int64 [16]       first 16 code points of the raw token; 0 = padding, 1 = unknown
 *   gazetteers     float32 [8]      binary flags: token inside a gazetteer entry (up to 4 tokens long);
 *                  float32 [8 + 2]  phi-word-v2: then the two document flags of `documentFlags`
 *   attention_mask int64            1 for every real token
 * Padding (added by the runtime) is 0 everywhere, which the model reads as "nothing".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Featurizer, NerModelConfig, RowInputs, TokenSpan } from './types';

export const WORD_FEATURIZER_KIND = 'phi-word-v1';
/** `phi-word-v1` plus document flags, computed over the whole text before it is cut into windows. */
export const WORD_FEATURIZER_V2_KIND = 'phi-word-v2';
/** The document flags of `phi-word-v2`, in input order (`phi_features.DOC_FLAGS`). */
export const DOCUMENT_FLAGS = ['doc_after_capitalised', 'doc_after_first_name'] as const;

/** Featurizer settings in `config.json` under `phi_word` (all optional; these are the defaults). */
export interface WordFeaturizerSettings {
  vocab_file: string;
  chars_file: string;
  gazetteers_file: string;
  max_chars: number;
  max_gazetteer_span: number;
  gazetteers: string[];
  /**
   * A word that the vocabulary lacks and that has a character the character list lacks is looked up (vocabulary,
   * gazetteers, first names of the document flags) by its diacritic-free form, and a character the character list
   * lacks by its base letter (`foldDiacritics`): "nguyễn" reads as "nguyen", "ễ" as "e". Words the vocabulary holds
   * ("josé"), and words whose every character the model was trained on ("cañada" stays "cañada", not "canada"), are
   * read as they are.
   */
  fold_unknown: boolean;
}

const DEFAULTS: WordFeaturizerSettings = {
  vocab_file: 'vocab.txt',
  chars_file: 'chars.json',
  gazetteers_file: 'gazetteers.json',
  max_chars: 16,
  max_gazetteer_span: 4,
  gazetteers: ['first_name', 'surname', 'city', 'region', 'title', 'company_type', 'street_type', 'org_word'],
  fold_unknown: false,
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

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = {
  đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ð: 'd', Ð: 'D',
};
const COMBINING_MARK = /\p{M}/gu;
const FOLDABLE = /[^\x00-\x7f]/;

/**
 * `text` without its diacritics: canonical decomposition, combining marks removed, recomposed; plus the letters of
 * `UNDECOMPOSED` ("Đặng" → "Dang", "Łódź" → "Lodz"). Other characters, and text without any, are returned as they are.
 */
export function foldDiacritics(text: string): string {
  if (!FOLDABLE.test(text)) return text;
  let out = '';
  for (const ch of text.normalize('NFD').replace(COMBINING_MARK, '')) out += UNDECOMPOSED[ch] ?? ch;
  return out.normalize('NFC');
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

const CAPITALISED_RE = /^[\p{Lu}\p{Lt}].*\p{Ll}/su;

/** An upper- or title-case letter first and a lower-case letter after it ("Smith", "McDonald"; not "NASA", "x"). */
export function capitalised(token: string): boolean {
  const c0 = token.charCodeAt(0);
  if (c0 >= 65 && c0 <= 90) {
    for (let i = 1; i < token.length; i++) {
      const c = token.charCodeAt(i);
      if (c >= 97 && c <= 122) return true;
      if (c > 127) return CAPITALISED_RE.test(token);
    }
    return false;
  }
  if (c0 < 128) return false;
  return CAPITALISED_RE.test(token);
}

/**
 * The document flags of each token (bit k = `DOCUMENT_FLAGS[k]`): does the same word (case-sensitive) stand
 * somewhere else in the text right after a capitalised token (bit 0), one that is a listed first name (bit 1)? As a
 * surname does after the full name: "Joseph Bernardin … Bernardin said". The token's own place does not count;
 * the model sees that context already. `isFirstName` gets the previous token's normalized form.
 */
export function documentFlags(raw: readonly string[], isFirstName: (norm: string) => boolean): number[] {
  const n = raw.length;
  const cap = raw.map(capitalised);
  const own = new Array<number>(n).fill(0);
  const seen = new Map<string, [number, number]>();
  for (let j = 1; j < n; j++) {
    if (!cap[j] || !cap[j - 1]) continue;
    const counts = seen.get(raw[j]) ?? [0, 0];
    counts[0]++;
    own[j] = 1;
    if (isFirstName(normalizeWord(raw[j - 1]))) {
      counts[1]++;
      own[j] |= 2;
    }
    seen.set(raw[j], counts);
  }
  return raw.map((w, i) => {
    const counts = cap[i] ? seen.get(w) : undefined;
    if (!counts) return 0;
    return (counts[0] > (own[i] & 1) ? 1 : 0) | (counts[1] > (own[i] & 2 ? 1 : 0) ? 2 : 0);
  });
}

/** A token of `phi-word-v2`'s `tokenize`: with its document flags (see `documentFlags`). */
export interface DocumentToken extends TokenSpan {
  doc: number;
}

/** `phi-word-v1` and `-v2` tokenize synchronously. */
export interface WordFeaturizer extends Featurizer {
  tokenize(text: string): TokenSpan[];
}

export interface WordFeaturizerResources {
  vocab: string[];
  chars: string[];
  gazetteers: Record<string, string[]>;
  settings?: Partial<WordFeaturizerSettings>;
  maxTokensPerWindow: number;
  /** `phi-word-v1` (default) or `phi-word-v2`. */
  kind?: string;
}

/** Build the featurizer from in-memory resources (tests) — `createWordFeaturizer` reads them from a folder. */
export function buildWordFeaturizer(res: WordFeaturizerResources): WordFeaturizer {
  const s: WordFeaturizerSettings = { ...DEFAULTS, ...(res.settings ?? {}) };
  const kind = res.kind ?? WORD_FEATURIZER_KIND;
  if (kind !== WORD_FEATURIZER_KIND && kind !== WORD_FEATURIZER_V2_KIND) throw new Error(`word featurizer: unknown kind ${kind}`);
  const withDocument = kind === WORD_FEATURIZER_V2_KIND;
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
  const firstNameBit = s.gazetteers.indexOf('first_name');
  if (withDocument && firstNameBit < 0) throw new Error(`${kind}: its document flags need the gazetteer "first_name"`);
  const fold = s.fold_unknown;
  const hasUnknownChar = (word: string) => {
    for (const ch of word) if (!chars.has(ch)) return true;
    return false;
  };
  /**
   * The form a normalized word is looked up by: itself, or without diacritics when `fold_unknown`, the vocabulary
   * lacks it and it has a character the character list lacks (a spelling the model never learnt to read).
   */
  const lookupForm = (norm: string) =>
    fold && !vocab.has(norm) && hasUnknownChar(norm) ? foldDiacritics(norm) : norm;
  const charId = (ch: string) => chars.get(ch) ?? (fold ? chars.get(foldDiacritics(ch)) : undefined) ?? 1;
  const isFirstName = (norm: string) => ((gazBits.get(lookupForm(norm)) ?? 0) & (1 << firstNameBit)) !== 0;
  const nFlags = nGaz + (withDocument ? DOCUMENT_FLAGS.length : 0);

  return {
    kind,
    maxTokensPerWindow: res.maxTokensPerWindow,
    tokenize: withDocument
      ? (text: string): DocumentToken[] => {
          const tokens = wordTokenize(text);
          const flags = documentFlags(tokens.map((t) => text.slice(t.start, t.end)), isFirstName);
          return tokens.map((t, i) => ({ start: t.start, end: t.end, doc: flags[i] }));
        }
      : wordTokenize,
    encodeWindow(text: string, tokens: TokenSpan[]): RowInputs {
      const n = tokens.length;
      const raw = tokens.map((t) => text.slice(t.start, t.end));
      const norms = raw.map((w) => lookupForm(normalizeWord(w)));
      const wordIds = new Array<number>(n);
      const shapeIds = new Array<number>(n);
      const charIds = new Array<number>(n * maxChars).fill(0);
      const gazFlags = new Array<number>(n * nFlags).fill(0);
      for (let i = 0; i < n; i++) {
        wordIds[i] = vocab.get(norms[i]) ?? 1;
        shapeIds[i] = shapeId(raw[i]);
        let c = 0;
        for (const ch of raw[i]) {
          if (c >= maxChars) break;
          charIds[i * maxChars + c] = charId(ch);
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
            if (bits & (1 << g)) for (let t = i; t < i + len; t++) gazFlags[t * nFlags + g] = 1;
          }
        }
      }
      if (withDocument) {
        // tokens from tokenize() carry flags computed over the whole text; others: the window is the document
        const doc = tokens.every((t) => typeof (t as DocumentToken).doc === 'number')
          ? tokens.map((t) => (t as DocumentToken).doc)
          : documentFlags(raw, isFirstName);
        for (let i = 0; i < n; i++) {
          for (let k = 0; k < DOCUMENT_FLAGS.length; k++) if (doc[i] & (1 << k)) gazFlags[i * nFlags + nGaz + k] = 1;
        }
      }
      return {
        seqLen: n,
        inputs: {
          word_ids: { type: 'int64', data: wordIds, innerDims: [] },
          shape_ids: { type: 'int64', data: shapeIds, innerDims: [] },
          char_ids: { type: 'int64', data: charIds, innerDims: [maxChars] },
          gazetteers: { type: 'float32', data: gazFlags, innerDims: [nFlags] },
          attention_mask: { type: 'int64', data: new Array<number>(n).fill(1), innerDims: [] },
        },
        positions: tokens.map((_, i) => i),
      };
    },
  };
}

/** Load `phi-word-v1`/`-v2` resources from a model folder (`vocab.txt`, `chars.json`, `gazetteers.json`). */
export function createWordFeaturizer(modelDir: string, config: NerModelConfig): WordFeaturizer {
  const settings = { ...DEFAULTS, ...((config.phi_word as Partial<WordFeaturizerSettings> | undefined) ?? {}) };
  const vocab = readFileSync(join(modelDir, settings.vocab_file), 'utf8').split('\n');
  const chars = JSON.parse(readFileSync(join(modelDir, settings.chars_file), 'utf8')) as string[];
  const gazetteers = JSON.parse(readFileSync(join(modelDir, settings.gazetteers_file), 'utf8')) as Record<string, string[]>;
  const maxTokensPerWindow = typeof config.max_length === 'number' && config.max_length > 0 ? config.max_length : 128;
  const kind = config.phi_featurizer ?? WORD_FEATURIZER_KIND;
  return buildWordFeaturizer({ vocab, chars, gazetteers, settings, maxTokensPerWindow, kind });
}

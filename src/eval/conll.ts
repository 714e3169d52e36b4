/**
 * CoNLL-style NER files: one token per line, the token in the first column and its tag in the last; blank or
 * whitespace-only lines end a sentence; `-DOCSTART-` lines are document boundaries. The tagging scheme (IOB1,
 * where entities start with `I-`, vs BIO, vs BIOES) is detected from the file itself.
 */
import { readFileSync } from 'node:fs';
import { aggregateBio, parseLabel } from '../detectors/ner/bio';
import { DatasetError } from './dataset-error';

export type TagScheme = 'IOB1' | 'BIO' | 'BIOES';

export interface ConllSentence {
  tokens: string[];
  tags: string[];
  /** Index of the `-DOCSTART-` document the sentence belongs to (0 when the file has no such lines). */
  doc: number;
}

export interface ConllDataset {
  sentences: ConllSentence[];
  scheme: TagScheme;
}

/** A gold entity over token indices `[start, end)` of one sentence. */
export interface TokenEntity {
  type: string;
  start: number;
  end: number;
}

export function readConll(path: string): ConllDataset {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DatasetError(`${path}: cannot be read`, { cause });
  }
  return parseConll(content, path);
}

export function parseConll(content: string, file = '<conll>'): ConllDataset {
  const sentences: ConllSentence[] = [];
  let doc = 0;
  let cur: ConllSentence = { tokens: [], tags: [], doc };
  const end = () => {
    if (cur.tokens.length) sentences.push(cur);
    cur = { tokens: [], tags: [], doc };
  };
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return end();
    // Tab-separated files keep an empty first column apart (BTC has tokens that are only an invisible character).
    const cols = line.includes('\t') ? line.split('\t').map((c) => c.trim()) : line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      end();
      // a new document, unless the current one has no sentence yet (a first or repeated DOCSTART line)
      if (sentences.at(-1)?.doc === doc) doc++;
      cur.doc = doc;
      return;
    }
    if (cols.length < 2 || cols[cols.length - 1] === '') throw new DatasetError(`${file}:${i + 1}: expected a token column and a tag column`);
    if (cols[0] === '') {
      // nothing to put into the text: fine outside entities, an error inside one
      if (cols[cols.length - 1] === 'O') return;
      throw new DatasetError(`${file}:${i + 1}: empty token inside an entity`);
    }
    cur.tokens.push(cols[0]);
    cur.tags.push(cols[cols.length - 1]);
  });
  end();
  return { sentences, scheme: detectScheme(sentences) };
}

/**
 * BIOES if any `E-`/`S-`/`L-`/`U-` tag occurs; IOB1 if entities more often start with `I-` (after `O`, another
 * type, or the sentence start) than with `B-`; else BIO.
 */
export function detectScheme(sentences: readonly { tags: readonly string[] }[]): TagScheme {
  let iStarts = 0;
  let bStarts = 0;
  for (const s of sentences) {
    let prevType = '';
    for (const tag of s.tags) {
      const p = parseLabel(tag);
      if (p.tag === 'E' || p.tag === 'S') return 'BIOES';
      if (p.tag === 'B') bStarts++;
      else if (p.tag === 'I' && p.type !== prevType) iStarts++;
      prevType = p.tag === 'O' ? '' : p.type;
    }
  }
  return iStarts > 0 && iStarts >= bStarts ? 'IOB1' : 'BIO';
}

/**
 * Gold entities of one sentence. The same rules read every scheme: `B-` always starts an entity, `I-`
 * continues one of its type or starts one (IOB1), `E-`/`S-` end one.
 */
export function sentenceEntities(tags: readonly string[]): TokenEntity[] {
  const tokens = tags.map((_, i) => ({ start: i, end: i + 1 }));
  return aggregateBio(tokens, tags.map((label) => ({ label, score: 1 }))).map((s) => ({ type: s.type, start: s.start, end: s.end }));
}

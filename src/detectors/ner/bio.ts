/**
 * BIO aggregation: per-token labels → entity spans. Handles BIO (IOB2), IOB1 (entities that start with `I-`),
 * BIOES / BILOU (`E-`/`L-` end an entity, `S-`/`U-` are single-token entities) and prefix-less IO labels.
 * Pure; offsets come from the tokens, so they are whatever unit the tokens use (UTF-16 in the runtime).
 */
import type { TokenSpan } from './types';

export interface TokenLabel {
  /** The model's label, e.g. `B-PER`, `I-LOC`, `O`. */
  label: string;
  /** Probability of that label for this token, in [0, 1]. */
  score: number;
}

/** An entity span with the model's raw type (`PER`, `LOC`, …), before mapping to our entity types. */
export interface LabelSpan {
  type: string;
  start: number;
  end: number;
  /** Mean probability of the span's tokens. */
  score: number;
  /** Token indices `[firstToken, lastToken + 1)`. */
  tokenStart: number;
  tokenEnd: number;
}

export type LabelTag = 'O' | 'B' | 'I' | 'E' | 'S';

export interface ParsedLabel {
  tag: LabelTag;
  type: string;
}

const PREFIX = /^([BIESLU])[-_](.+)$/i;

/** `B-PER` → {B, PER}; `L-X` → E; `U-X` → S; `O` → O; a label with no prefix (`PER`) → {I, PER}. */
export function parseLabel(label: string): ParsedLabel {
  const trimmed = label.trim();
  if (trimmed === '' || trimmed.toUpperCase() === 'O') return { tag: 'O', type: '' };
  const m = PREFIX.exec(trimmed);
  if (!m) return { tag: 'I', type: trimmed };
  const p = m[1].toUpperCase();
  const tag: LabelTag = p === 'L' ? 'E' : p === 'U' ? 'S' : (p as LabelTag);
  return { tag, type: m[2] };
}

/**
 * Group token labels into spans. `tokens[i]` and `labels[i]` describe the same token. A span runs from its first
 * token's start to its last token's end, zero-width tokens at either edge not counted; spans that would be empty
 * (only zero-width tokens) are dropped. With `text` (the string the tokens index), a span never runs across a line
 * break: the token after one opens a new span (models whose tokenizers drop whitespace cannot see that a name ended
 * with its line, e.g. "Tom⏎Admitted").
 * Also with `text`: a `B-` of the open span's type on a token that starts where the span's last token ends — inside the same
 * whitespace-free word — continues the span: an entity does not begin in the middle of a word, so "Jean-Michel Monin"
 * tagged `B I B I` (`Jean`, `-`, `Michel`, `Monin`) or "John##son" tagged `B B` is one finding, not two (one
 * pseudonym, one audit count), as word-level aggregation of Hugging Face pipelines would have it.
 */
export function aggregateBio(tokens: readonly TokenSpan[], labels: readonly TokenLabel[], text?: string): LabelSpan[] {
  if (tokens.length !== labels.length) throw new RangeError('tokens and labels differ in length');
  const spans: LabelSpan[] = [];
  let cur: { type: string; first: number; last: number; sum: number } | null = null;
  const close = () => {
    if (cur) {
      // Zero-width tokens (whitespace-only tokens of SentencePiece / byte-level tokenizers) do not place an edge.
      let first = cur.first;
      let last = cur.last;
      while (first < last && tokens[first].start === tokens[first].end) first++;
      while (last > first && tokens[last].start === tokens[last].end) last--;
      const start = tokens[first].start;
      const end = tokens[last].end;
      if (end > start) {
        spans.push({
          type: cur.type,
          start,
          end,
          score: cur.sum / (cur.last - cur.first + 1),
          tokenStart: cur.first,
          tokenEnd: cur.last + 1,
        });
      }
    }
    cur = null;
  };
  for (let i = 0; i < labels.length; i++) {
    const { tag, type } = parseLabel(labels[i].label);
    const score = labels[i].score;
    if (tag === 'O') {
      close();
      continue;
    }
    const lineBreak = text !== undefined && cur !== null && text.slice(tokens[i - 1].end, tokens[i].start).includes('\n');
    const open = cur as { type: string; last: number } | null;
    const sameOpen = open !== null && open.type === type && !lineBreak;
    const glued =
      text !== undefined && tag === 'B' && sameOpen && open.last === i - 1 && tokens[i - 1].end === tokens[i].start;
    const continues = ((tag === 'I' || tag === 'E') && sameOpen) || glued;
    if (continues && cur) {
      cur.last = i;
      cur.sum += score;
    } else {
      close();
      cur = { type, first: i, last: i, sum: score };
    }
    if (tag === 'E' || tag === 'S') close();
  }
  close();
  return spans;
}

import { aggregateBio, parseLabel, type TokenLabel } from '../../src/detectors/ner/bio';
import type { TokenSpan } from '../../src/detectors/ner/types';

/** Tokens of `w0 w1 w2 …`: each 2 characters wide, separated by one space. */
const toks = (n: number): TokenSpan[] => Array.from({ length: n }, (_, i) => ({ start: i * 3, end: i * 3 + 2 }));
const lab = (labels: string[], score = 1): TokenLabel[] => labels.map((label) => ({ label, score }));
const simple = (labels: string[]) =>
  aggregateBio(toks(labels.length), lab(labels)).map((s) => [s.type, s.tokenStart, s.tokenEnd]);

describe('parseLabel', () => {
  it.each([
    ['O', 'O', ''],
    ['B-PER', 'B', 'PER'],
    ['I-LOC', 'I', 'LOC'],
    ['E-ORG', 'E', 'ORG'],
    ['S-ORG', 'S', 'ORG'],
    ['L-PER', 'E', 'PER'],
    ['U-PER', 'S', 'PER'],
    ['b-person', 'B', 'person'],
    ['B_DATE', 'B', 'DATE'],
    ['PER', 'I', 'PER'],
    ['creative-work', 'I', 'creative-work'],
  ])('%s', (label, tag, type) => {
    expect(parseLabel(label)).toEqual({ tag, type });
  });
});

describe('aggregateBio', () => {
  it.each<[string, string[], (string | number)[][]]>([
    ['all O', ['O', 'O'], []],
    ['BIO single', ['B-PER', 'I-PER', 'O'], [['PER', 0, 2]]],
    ['two adjacent B', ['B-PER', 'B-PER'], [['PER', 0, 1], ['PER', 1, 2]]],
    ['type change inside', ['B-PER', 'I-LOC'], [['PER', 0, 1], ['LOC', 1, 2]]],
    ['IOB1 start with I-', ['I-ORG', 'I-ORG', 'O', 'I-LOC'], [['ORG', 0, 2], ['LOC', 3, 4]]],
    ['IOB1 B- separates same type', ['I-PER', 'B-PER', 'I-PER'], [['PER', 0, 1], ['PER', 1, 3]]],
    ['BIOES', ['B-LOC', 'I-LOC', 'E-LOC', 'S-PER', 'O'], [['LOC', 0, 3], ['PER', 3, 4]]],
    ['E- then I- starts anew', ['B-LOC', 'E-LOC', 'I-LOC'], [['LOC', 0, 2], ['LOC', 2, 3]]],
    ['BILOU', ['U-ORG', 'B-PER', 'L-PER'], [['ORG', 0, 1], ['PER', 1, 3]]],
    ['IO labels without prefix', ['PER', 'PER', 'O', 'LOC'], [['PER', 0, 2], ['LOC', 3, 4]]],
    ['entity at the end', ['O', 'B-DATE', 'I-DATE'], [['DATE', 1, 3]]],
  ])('%s', (_name, labels, expected) => {
    expect(simple(labels)).toEqual(expected);
  });

  it('span offsets run from the first token start to the last token end; score is the mean', () => {
    const tokens: TokenSpan[] = [
      { start: 0, end: 2 },
      { start: 2, end: 5 }, // a subword continuing the word
      { start: 6, end: 9 },
    ];
    const spans = aggregateBio(tokens, [
      { label: 'B-PER', score: 0.9 },
      { label: 'I-PER', score: 0.7 },
      { label: 'O', score: 0.99 },
    ]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ type: 'PER', start: 0, end: 5, tokenStart: 0, tokenEnd: 2 });
    expect(spans[0].score).toBeCloseTo(0.8, 10);
  });

  it('with the text, never runs a span across a line break (the next token opens a new span)', () => {
    const text = 'Tom\n\nAdmitted  Ann Lee\r\nLee';
    const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const labels = lab(['B-PER', 'I-PER', 'B-PER', 'I-PER', 'I-PER']);
    const cut = aggregateBio(tokens, labels, text).map((s) => text.slice(s.start, s.end));
    expect(cut).toEqual(['Tom', 'Admitted', 'Ann Lee', 'Lee']);
    expect(aggregateBio(tokens, labels).map((s) => text.slice(s.start, s.end))).toEqual(['Tom\n\nAdmitted', 'Ann Lee\r\nLee']);
  });

  it('a B- of the same type inside the word the span ends in continues it (an entity does not start mid-word)', () => {
    const text = 'Jean-Michel Monin met Li John##son, Ann Lee-Smith and Tom Paris-based';
    const tokens = [...text.matchAll(/[A-Za-z]+|#+|[^\sA-Za-z#]/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const words = tokens.map((t) => text.slice(t.start, t.end));
    const tags: Record<string, string> = {
      Jean: 'B-PER', Michel: 'B-PER', Monin: 'I-PER', Li: 'B-PER', John: 'B-PER', son: 'B-PER',
      Ann: 'B-PER', Lee: 'I-PER', Smith: 'B-LOC', Tom: 'B-PER', Paris: 'B-LOC',
    };
    // the hyphen after Jean is inside the name (I-PER); the ## pieces are tagged like their word; "-" before "based" is O
    const labels = words.map((w, i) => (w === '-' && words[i - 1] === 'Jean' ? 'I-PER' : w === '##' ? 'I-PER' : (tags[w] ?? 'O')));
    const found = aggregateBio(tokens, lab(labels), text).map((s) => [s.type, text.slice(s.start, s.end)]);
    expect(found).toEqual([
      ['PER', 'Jean-Michel Monin'],
      ['PER', 'Li'], // "Li" and "John" are separate words: two findings
      ['PER', 'John##son'],
      ['PER', 'Ann Lee'], // the hyphen after Lee is O: the span ends there
      ['LOC', 'Smith'],
      ['PER', 'Tom'],
      ['LOC', 'Paris'],
    ]);
    // without the text (gold tags read by token index, as the CoNLL reader does) every B- opens a span
    expect(aggregateBio(tokens, lab(labels)).map((s) => text.slice(s.start, s.end)).slice(0, 2)).toEqual(['Jean-', 'Michel Monin']);
  });

  it('drops zero-width spans', () => {
    expect(aggregateBio([{ start: 3, end: 3 }], lab(['B-PER']))).toEqual([]);
  });

  it('zero-width tokens (whitespace-only subwords) at a span edge do not place the edge; inside, they are kept', () => {
    const text = 'x  Ann  Lee  y';
    // "▁"[3,3] "▁Ann"[3,6] "▁"[8,8] "▁Lee"[8,11] "▁"[13,13] as trimmed from a Metaspace tokenizer's offsets
    const tokens: TokenSpan[] = [{ start: 0, end: 1 }, { start: 3, end: 3 }, { start: 3, end: 6 }, { start: 8, end: 8 }, { start: 8, end: 11 }, { start: 13, end: 13 }, { start: 13, end: 14 }];
    const spans = aggregateBio(tokens, lab(['O', 'B-PER', 'I-PER', 'I-PER', 'I-PER', 'I-PER', 'O']), text);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.tokenStart, s.tokenEnd])).toEqual([['Ann  Lee', 1, 6]]);
    expect(aggregateBio(tokens.slice(0, 2), lab(['O', 'B-PER']), text)).toEqual([]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => aggregateBio(toks(2), lab(['O']))).toThrow(RangeError);
  });
});

import { detectScheme, parseConll, sentenceEntities } from '../../../src/eval/conll';

const IOB1 = `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
   \t
BRUSSELS NNP I-NP I-LOC
1996-08-22 CD I-NP O
`;

const BIO = 'John\tB-PER\nSmith\tI-PER\nin\tO\nNew\tB-LOC\nYork\tI-LOC\n\nAcme B-ORG\nhired O\nJane B-PER\nDoe I-PER\n';

describe('CoNLL reader', () => {
  it('reads token (first column) and tag (last column); DOCSTART and blank/whitespace lines split sentences', () => {
    const d = parseConll(IOB1);
    expect(d.sentences.map((s) => s.tokens)).toEqual([
      ['EU', 'rejects', 'German', 'call', '.'],
      ['Peter', 'Blackburn'],
      ['BRUSSELS', '1996-08-22'],
    ]);
    expect(d.sentences[0].tags).toEqual(['I-ORG', 'O', 'I-MISC', 'O', 'O']);
  });

  it('numbers -DOCSTART- documents (consecutive DOCSTART lines and a missing first one are fine)', () => {
    const d = parseConll('a O\n\nb O\n-DOCSTART- O\n\n-DOCSTART- O\nc O\n\nd O\n-DOCSTART- O\ne O\n');
    expect(d.sentences.map((s) => [s.tokens[0], s.doc])).toEqual([['a', 0], ['b', 0], ['c', 1], ['d', 1], ['e', 2]]);
  });

  it('detects IOB1', () => {
    expect(parseConll(IOB1).scheme).toBe('IOB1');
  });

  it('detects BIO', () => {
    expect(parseConll(BIO).scheme).toBe('BIO');
  });

  it.each([
    [[['B-PER', 'E-PER', 'O']], 'BIOES'],
    [[['U-LOC']], 'BIOES'],
    [[['O', 'O']], 'BIO'],
    [[['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC']], 'IOB1'],
    [[['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']], 'BIO'],
  ])('detectScheme %j → %s', (tags, scheme) => {
    expect(detectScheme(tags.map((t) => ({ tokens: t.map(() => 'x'), tags: t })))).toBe(scheme);
  });

  it('reads gold entities of either scheme by token index', () => {
    expect(sentenceEntities(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'LOC', start: 4, end: 5 },
    ]);
    expect(sentenceEntities(['B-ORG', 'O', 'B-PER', 'I-PER'])).toEqual([
      { type: 'ORG', start: 0, end: 1 },
      { type: 'PER', start: 2, end: 4 },
    ]);
  });

  it('names the file and line of a malformed row', () => {
    expect(() => parseConll('John B-PER\nlonely\n', 'data.conll')).toThrow('data.conll:2: expected a token column and a tag column');
    expect(() => parseConll('John\t\n', 'data.conll')).toThrow('data.conll:1: expected a token column and a tag column');
    expect(() => parseConll('John\tB-PER\n\tI-PER\n', 'data.conll')).toThrow('data.conll:2: empty token inside an entity');
  });

  it('reads tab-separated rows column by column, skipping an empty token outside entities (BTC has some)', () => {
    const d = parseConll('RT\tO\n\tO\n@\tB-ORG\nSports Center\tI-ORG\n\nBut\tO\n');
    expect(d.sentences.map((s) => s.tokens)).toEqual([['RT', '@', 'Sports Center'], ['But']]);
    expect(d.sentences[0].tags).toEqual(['O', 'B-ORG', 'I-ORG']);
  });

  it('handles CRLF and no trailing newline', () => {
    expect(parseConll('a O\r\nb B-PER\r\n\r\nc O').sentences.map((s) => s.tokens)).toEqual([['a', 'b'], ['c']]);
  });
});

import { spawnSync } from 'node:child_process';
import { rng } from '../helpers/rng';
import { PYTHON, TRAINING_DIR } from '../helpers/training-python';
import {
  buildWordFeaturizer,
  capitalised,
  DOCUMENT_FLAGS,
  type DocumentToken,
  documentFlags,
  normalizeWord,
  wordTokenize,
} from '../../src/detectors/ner/word-featurizer';

const GAZ_NAMES = ['first_name', 'surname', 'city', 'region', 'title', 'company_type', 'street_type', 'org_word'];
const FIRST_NAMES = ['joseph', 'mary', 'émile', 'li'];

function v2(maxTokensPerWindow = 64) {
  return buildWordFeaturizer({
    vocab: ['<pad>', '<unk>'],
    chars: ['<pad>', '<unk>'],
    gazetteers: { ...Object.fromEntries(GAZ_NAMES.map((g) => [g, []])), first_name: FIRST_NAMES },
    maxTokensPerWindow,
    kind: 'phi-word-v2',
  });
}

const firstName = (norm: string) => FIRST_NAMES.includes(norm);
const flagsOf = (text: string) => {
  const raw = wordTokenize(text).map((t) => text.slice(t.start, t.end));
  return Object.fromEntries(raw.map((w, i) => [`${i}:${w}`, documentFlags(raw, firstName)[i]]));
};

describe('phi-word-v2 document flags', () => {
  it.each([
    ['Smith', true],
    ['McDonald', true],
    ['Émile', true],
    ['ǅemo', true], // title-case letter first
    ['SMITH', false],
    ['smith', false],
    ['S', false],
    ['ÉMILE', false],
    ['北京', false],
    ['12', false],
  ])('capitalised(%s) is %s', (tok, expected) => {
    expect(capitalised(tok)).toBe(expected);
  });

  it('flag a surname standing alone when the same word follows a capitalised word (a first name) elsewhere', () => {
    const f = flagsOf('Cardinal Joseph Bernardin spoke. Bernardin left with Mary Smith; smith, SMITH and Smith stayed.');
    expect(f['2:Bernardin']).toBe(0); // its own place (after "Joseph") does not count; the other one follows a full stop
    expect(f['5:Bernardin']).toBe(3); // elsewhere after "Joseph", a listed first name
    expect(f['9:Smith']).toBe(0); // the only other "Smith" follows "and"; lower and upper case are other words
    expect(f['11:smith']).toBe(0);
    expect(f['13:SMITH']).toBe(0);
    expect(f['15:Smith']).toBe(3);
  });

  it('a word repeated only in the same capitalised context still counts the other occurrence', () => {
    const f = flagsOf('The Hague. The Hague.');
    expect(f['1:Hague']).toBe(1);
    expect(f['4:Hague']).toBe(1);
    expect(flagsOf('The Hague.')['1:Hague']).toBe(0);
  });

  it('come from the whole text: a window far from the full name still gets them', () => {
    const f = v2(8);
    const text = `Joseph Bernardin arrived. ${'The meeting went on for hours . '.repeat(4)}Later Bernardin spoke.`;
    const tokens = f.tokenize(text);
    const i = tokens.findLastIndex((t) => text.slice(t.start, t.end) === 'Bernardin');
    const window = tokens.slice(i - 3, i + 3);
    const row = f.encodeWindow(text, window);
    const width = GAZ_NAMES.length + DOCUMENT_FLAGS.length;
    expect(row.inputs.gazetteers.innerDims).toEqual([width]);
    expect(row.inputs.gazetteers.data.slice(3 * width + GAZ_NAMES.length, 4 * width)).toEqual([1, 1]);
    // tokens without flags (not from tokenize): the window itself is the document, and it has no full name
    const bare = window.map(({ start, end }) => ({ start, end }));
    expect(f.encodeWindow(text, bare).inputs.gazetteers.data.slice(3 * width + GAZ_NAMES.length, 4 * width)).toEqual([0, 0]);
  });

  it('phi-word-v1 has no document flags', () => {
    const f = buildWordFeaturizer({
      vocab: ['<pad>', '<unk>'],
      chars: ['<pad>', '<unk>'],
      gazetteers: Object.fromEntries(GAZ_NAMES.map((g) => [g, []])),
      maxTokensPerWindow: 8,
    });
    const text = 'Joseph Bernardin. Bernardin.';
    expect(f.encodeWindow(text, f.tokenize(text)).inputs.gazetteers.innerDims).toEqual([GAZ_NAMES.length]);
  });

  it('phi-word-v2 needs the first-name gazetteer', () => {
    expect(() =>
      buildWordFeaturizer({
        vocab: ['<pad>', '<unk>'],
        chars: ['<pad>', '<unk>'],
        gazetteers: { city: [] },
        settings: { gazetteers: ['city'] },
        maxTokensPerWindow: 8,
        kind: 'phi-word-v2',
      }),
    ).toThrow(/first_name/);
  });
});

describe('phi-word-v2 document flags: parity with training/phi_features.py', () => {
  // words that hit every branch: ASCII and other capitals, title-case letters, upper and lower case, first names,
  // letters after a non-ASCII letter, letters without case, marks, digits, punctuation and astral code points
  const WORDS = ['Joseph', 'joseph', 'JOSEPH', 'Mary', 'Li', 'Émile', 'ÉMILE', 'Bernardin', 'Smith', 'smith', 'McDonald',
    'O', "'", 'Neill', 'Çelik', 'ǅemo', 'Ärzte', 'Zoë', 'Ωmega', 'ωmega', 'Ad', 'A', 'the', 'The', 'said', 'Hague',
    '北京', 'İstanbul', 'Straße', 'Bé', 'BÉ', 'MÜLLER', 'Müller', 'Ma\u0301ria', '𝐀bc', '😀', '12', '.', ',', '-', '\n'];

  it('gives the flags Python gives on 300 random texts', () => {
    const next = rng(7);
    const texts = Array.from({ length: 300 }, () => {
      const n = 1 + Math.floor(next() * 40);
      return Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(next() < 0.8 ? ' ' : '');
    });
    const script = [
      'import json, sys',
      'import phi_features as pf',
      'req = json.load(sys.stdin)',
      'names = set(req["first_names"])',
      'out = []',
      'for text in req["texts"]:',
      '    toks = [t for _, _, t in pf.tokenize(text)]',
      '    out.append([int(a) | int(b) << 1 for a, b in pf.document_flags(toks, names)])',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script], {
      cwd: TRAINING_DIR,
      input: JSON.stringify({ texts, first_names: FIRST_NAMES.map(normalizeWord) }),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.stderr).toBe('');
    const expected = JSON.parse(r.stdout) as number[][];
    const f = v2();
    let on = 0;
    texts.forEach((text, i) => {
      const got = (f.tokenize(text) as DocumentToken[]).map((t) => t.doc);
      expect([text, got]).toEqual([text, expected[i]]);
      on += got.filter((d) => d !== 0).length;
    });
    expect(on).toBeGreaterThan(100); // the texts do exercise the flags
  });
});

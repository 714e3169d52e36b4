import { spawnSync } from 'node:child_process';
import { rng } from '../helpers/rng';
import { PYTHON, TRAINING_DIR } from '../helpers/training-python';
import { buildWordFeaturizer, foldDiacritics } from '../../src/detectors/ner/word-featurizer';

const GAZ_NAMES = ['first_name', 'surname', 'city', 'region', 'title', 'company_type', 'street_type', 'org_word'];
const VOCAB = ['<pad>', '<unk>', 'nguyen', 'thi', 'hoa', 'josé', 'jose', 'canada', 'soren', 'patient', 'dang'];
// 'ñ' and 'é' are known characters, the Vietnamese letters and 'ø' are not
const CHARS = ['<pad>', '<unk>', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0ñéÉ.,'];
const GAZETTEERS = { ...Object.fromEntries(GAZ_NAMES.map((g) => [g, [] as string[]])), first_name: ['hoa', 'thi'], surname: ['nguyen', 'dang'] };

function featurizer(fold: boolean, kind: 'phi-word-v1' | 'phi-word-v2' = 'phi-word-v2') {
  return buildWordFeaturizer({
    vocab: VOCAB,
    chars: CHARS,
    gazetteers: GAZETTEERS,
    settings: { fold_unknown: fold },
    maxTokensPerWindow: 64,
    kind,
  });
}

function encode(fold: boolean, text: string) {
  const f = featurizer(fold);
  const tokens = f.tokenize(text);
  const row = f.encodeWindow(text, tokens);
  const width = GAZ_NAMES.length + 2;
  return tokens.map((t, i) => ({
    word: text.slice(t.start, t.end),
    id: row.inputs.word_ids.data[i],
    chars: row.inputs.char_ids.data.slice(i * 16, i * 16 + 16).filter((c) => c !== 0),
    flags: row.inputs.gazetteers.data.slice(i * width, (i + 1) * width),
  }));
}

describe('foldDiacritics', () => {
  it.each([
    ['Nguyễn', 'Nguyen'],
    ['Đặng', 'Dang'],
    ['TRẦN VĂN ĐỨC', 'TRAN VAN DUC'],
    ['Łódź', 'Lodz'],
    ['Søren Kierkegård', 'Soren Kierkegard'],
    ['Ma\u0301ria', 'Maria'], // decomposed input
    ['Çelik İstanbul', 'Celik Istanbul'],
    ['plain ascii', 'plain ascii'],
    ['straße', 'straße'], // no mark to remove
    ['北京 😀', '北京 😀'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(foldDiacritics(text)).toBe(expected);
  });
});

describe('phi_word.fold_unknown', () => {
  it('is off by default: an unknown spelling is an unknown word with unknown characters', () => {
    const [, nguyen] = encode(false, 'Patient Nguyễn');
    expect(nguyen.id).toBe(1);
    expect(nguyen.flags.slice(0, 2)).toEqual([0, 0]);
    expect(nguyen.chars.filter((c) => c === 1)).toHaveLength(1); // "ễ"
  });

  it('reads a word with characters the model never saw by its folded form: vocabulary, gazetteers, characters', () => {
    const on = encode(true, 'Patient Nguyễn Thị Hoa. Later Hoa');
    const byWord = Object.fromEntries(on.map((t) => [t.word, t]));
    expect(byWord['Nguyễn'].id).toBe(VOCAB.indexOf('nguyen'));
    expect(byWord['Nguyễn'].flags.slice(0, 2)).toEqual([0, 1]); // surname
    expect(byWord['Nguyễn'].chars).not.toContain(1); // "ễ" read as "e"
    expect(byWord['Thị'].id).toBe(VOCAB.indexOf('thi'));
    expect(byWord['Thị'].flags[0]).toBe(1); // first name
    // the document flags see the folded first name "Thị" before "Hoa", so the later "Hoa" is flagged too
    expect(on[on.length - 1].flags.slice(GAZ_NAMES.length)).toEqual([1, 1]);
    expect(encode(false, 'Patient Nguyễn Thị Hoa. Later Hoa').at(-1)!.flags.slice(GAZ_NAMES.length)).toEqual([1, 0]);
  });

  it('leaves words the vocabulary holds, and words whose every character is known, as they are', () => {
    const on = Object.fromEntries(encode(true, 'José Cañada Søren').map((t) => [t.word, t]));
    expect(on['José'].id).toBe(VOCAB.indexOf('josé')); // not "jose"
    expect(on['Cañada'].id).toBe(1); // not "canada": "ñ" is a character the model knows
    expect(on['Søren'].id).toBe(VOCAB.indexOf('soren'));
  });
});

describe('phi_word.fold_unknown: parity with training/phi_features.py', () => {
  const WORDS = ['Nguyễn', 'NGUYỄN', 'nguyễn', 'Thị', 'Hoa', 'Đặng', 'ĐẶNG', 'José', 'JOSÉ', 'Cañada', 'Søren', 'søren',
    'Ma\u0301ria', 'Patient', 'patient', 'Łódź', 'straße', '北京', '😀', 'x\u0308', '12', '.', ',', 'É', 'ǅ'];

  it('gives the inputs Python gives, with and without folding, on 200 random texts', () => {
    const next = rng(11);
    const texts = Array.from({ length: 200 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 30) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '),
    );
    const script = [
      'import json, sys',
      'import phi_features as pf',
      'req = json.load(sys.stdin)',
      'out = {}',
      'for fold in (False, True):',
      '    fz = pf.Featurizer(req["vocab"], req["chars"], req["gaz"], "phi-word-v2", fold_unknown=fold)',
      '    rows = []',
      '    for text in req["texts"]:',
      '        f = fz.encode([t for _, _, t in pf.tokenize(text)])',
      '        rows.append([f["word_ids"], [c for r in f["char_ids"] for c in r], [g for r in f["gazetteers"] for g in r]])',
      '    out[str(fold).lower()] = rows',
      'print(json.dumps(out))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script], {
      cwd: TRAINING_DIR,
      input: JSON.stringify({ texts, vocab: VOCAB, chars: CHARS, gaz: GAZETTEERS }),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.stderr).toBe('');
    const expected = JSON.parse(r.stdout) as Record<'true' | 'false', number[][][]>;
    let differ = 0;
    for (const fold of [false, true]) {
      const f = featurizer(fold);
      texts.forEach((text, i) => {
        const row = f.encodeWindow(text, f.tokenize(text));
        const got = [row.inputs.word_ids.data, row.inputs.char_ids.data, row.inputs.gazetteers.data];
        expect([fold, text, got]).toEqual([fold, text, expected[String(fold) as 'true' | 'false'][i]]);
      });
    }
    texts.forEach((_, i) => {
      if (JSON.stringify(expected.true[i]) !== JSON.stringify(expected.false[i])) differ++;
    });
    expect(differ).toBeGreaterThan(100); // folding does change these texts' inputs
  });
});

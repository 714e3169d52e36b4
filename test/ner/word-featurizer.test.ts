/** @jest-environment ./test/helpers/onnx-jest-environment.js */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import { loadNerModel } from '../../src/detectors/ner/model-loader';
import type { NerModelConfig } from '../../src/detectors/ner/types';
import {
  buildWordFeaturizer,
  createWordFeaturizer,
  normalizeWord,
  shapeId,
  wordTokenize,
} from '../../src/detectors/ner/word-featurizer';

const ROOT = join(__dirname, '..', '..');
const MODEL_DIR = join(ROOT, 'models', 'phi-ner-small');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'phi-ner-small-parity.json');

interface ParityCase {
  text: string;
  tokens: [number, number][];
  inputs: Record<string, number[]>;
}

function loadConfig(): NerModelConfig {
  return JSON.parse(readFileSync(join(MODEL_DIR, 'config.json'), 'utf8')) as NerModelConfig;
}

describe('phi-word-v1 pre-tokenization', () => {
  it.each([
    ['Dr. Smith', [[0, 2], [2, 3], [4, 9]]],
    ["O'Neil-Ray", [[0, 1], [1, 2], [2, 6], [6, 7], [7, 10]]],
    ['12th', [[0, 2], [2, 4]]],
    ['a😀b', [[0, 1], [1, 3], [3, 4]]],
    ['', []],
    [' \t\n\u00a0\u3000\ufeff', []],
  ])('%j', (text, expected) => {
    expect(wordTokenize(text).map((t) => [t.start, t.end])).toEqual(expected);
  });

  it('offsets slice back to the token text and never cover whitespace', () => {
    const text = 'Zoë  Müller\tvisited  Zürich 😀 on 3/4';
    for (const t of wordTokenize(text)) {
      expect(t.start).toBeLessThan(t.end);
      expect(/\s/u.test(text.slice(t.start, t.end))).toBe(false);
    }
  });

  it.each([
    ['maria', 1],
    ['MARIA', 2],
    ['Maria', 3],
    ['M', 4],
    ['McDonald', 5],
    ['2024', 6],
    ['.', 7],
    ['😀', 8],
    ['北京', 9],
    // the same classes off the ASCII fast path
    ['émile', 1],
    ['ÉMILE', 2],
    ['Émile', 3],
    ['É', 4],
    ['ÉmIle', 5],
    ['mcDonald', 5],
    ['ǅemo', 3], // title-case letter
  ])('shape of %s is %d', (tok, id) => {
    expect(shapeId(tok)).toBe(id);
  });

  it('normalizes case and digits', () => {
    expect(normalizeWord('Room 12')).toBe('room 00');
    expect(normalizeWord('٣٤')).toBe('00');
  });

  it('unknown words and chars get id 1; gazetteer spans flag every token', () => {
    const f = buildWordFeaturizer({
      vocab: ['<pad>', '<unk>', 'in', 'new'],
      chars: ['<pad>', '<unk>', 'i', 'n'],
      gazetteers: {
        first_name: [], surname: [], city: ['new york'], region: [], title: [], company_type: [], street_type: [], org_word: [],
      },
      maxTokensPerWindow: 8,
    });
    const text = 'in New York';
    const row = f.encodeWindow(text, f.tokenize(text));
    expect(row.seqLen).toBe(3);
    expect(row.inputs.word_ids.data).toEqual([2, 3, 1]);
    expect(row.inputs.char_ids.data.slice(0, 3)).toEqual([2, 3, 0]);
    expect(row.inputs.gazetteers.data.filter((_, i) => i % 8 === 2)).toEqual([0, 1, 1]);
    expect(row.positions).toEqual([0, 1, 2]);
  });

  it('refuses more gazetteers than its bit sets hold', () => {
    const names = Array.from({ length: 31 }, (_, i) => `g${i}`);
    const build = (n: number) =>
      buildWordFeaturizer({
        vocab: ['<pad>', '<unk>'],
        chars: ['<pad>', '<unk>'],
        gazetteers: Object.fromEntries(names.map((g) => [g, []])),
        settings: { gazetteers: names.slice(0, n) },
        maxTokensPerWindow: 8,
      });
    expect(() => build(30)).not.toThrow();
    expect(() => build(31)).toThrow(/at most 30 gazetteers/);
  });

  it('an entry listed by several gazetteers flags each of them, and overlapping entries flag their union', () => {
    const f = buildWordFeaturizer({
      vocab: ['<pad>', '<unk>'],
      chars: ['<pad>', '<unk>'],
      gazetteers: {
        first_name: ['jordan'], surname: ['jordan'], city: ['new york'], region: ['york'], title: [], company_type: [],
        street_type: [], org_word: ['york', 'new york times'],
      },
      maxTokensPerWindow: 8,
    });
    const text = 'Jordan New York Times';
    const row = f.encodeWindow(text, f.tokenize(text));
    const flags = (t: number) => row.inputs.gazetteers.data.slice(t * 8, t * 8 + 8);
    expect(flags(0)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(flags(1)).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
    expect(flags(2)).toEqual([0, 0, 1, 1, 0, 0, 0, 1]);
    expect(flags(3)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe("the shipped model's featurizer: parity with the Python featurizer used in training", () => {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: ParityCase[] };
  const featurizer = createWordFeaturizer(MODEL_DIR, loadConfig());

  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %d', (_i, c) => {
    const tokens = featurizer.tokenize(c.text);
    expect(tokens.map((t) => [t.start, t.end])).toEqual(c.tokens);
    const row = featurizer.encodeWindow(c.text, tokens);
    expect(row.seqLen).toBe(c.tokens.length);
    for (const [name, data] of Object.entries(c.inputs)) {
      expect([name, row.inputs[name].data]).toEqual([name, data]);
    }
    expect(Object.keys(row.inputs).sort()).toEqual(Object.keys(c.inputs).sort());
  });
});

describe('models/phi-ner-small/model.onnx', () => {
  const modelPath = join(MODEL_DIR, 'model.onnx');

  it('is present, small enough, and labels an obvious sentence correctly', async () => {
    expect(existsSync(modelPath)).toBe(true);
    const folderBytes = readdirSync(MODEL_DIR).reduce((n, f) => n + statSync(join(MODEL_DIR, f)).size, 0);
    expect(folderBytes).toBeLessThanOrEqual(25_000_000); // the 25 MB, decimal as in the card and training/ship_precision.py
    const config = loadConfig();
    const featurizer = createWordFeaturizer(MODEL_DIR, config);
    const text = 'Dr. Maria Gonzalez saw the patient at Boston General Hospital in Chicago.';
    const tokens = featurizer.tokenize(text);
    const row = featurizer.encodeWindow(text, tokens);
    const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, inp] of Object.entries(row.inputs)) {
      const dims = [1, row.seqLen, ...inp.innerDims];
      feeds[name] =
        inp.type === 'float32'
          ? new ort.Tensor('float32', Float32Array.from(inp.data), dims)
          : new ort.Tensor('int64', BigInt64Array.from(inp.data.map((v) => BigInt(v))), dims);
    }
    const out = await session.run(feeds);
    const logits = out.logits;
    const nLabels = logits.dims[2];
    const data = logits.data as Float32Array;
    const labelOf = (word: string): string => {
      const i = tokens.findIndex((t) => text.slice(t.start, t.end) === word);
      const pos = row.positions[i];
      let best = 0;
      for (let l = 1; l < nLabels; l++) if (data[pos * nLabels + l] > data[pos * nLabels + best]) best = l;
      return config.id2label[String(best)];
    };
    expect(labelOf('Maria')).toBe('B-PER');
    expect(labelOf('Gonzalez')).toBe('I-PER');
    expect(labelOf('Dr')).toBe('O');
    expect(labelOf('saw')).toBe('O');
    expect(labelOf('Boston')).toBe('B-ORG');
    expect(labelOf('Hospital')).toBe('I-ORG');
    expect(labelOf('Chicago')).toBe('B-LOC');
    await session.release();
  });
});

describe('phi-ner-small through the NER runtime (loadNerModel + createNerDetector)', () => {
  it('finds the person, organisation and location of a clinical sentence, also in the middle of a text several windows long', async () => {
    const model = await loadNerModel(MODEL_DIR, { intraOpNumThreads: 1 });
    expect(model.featurizer.kind).toBe(loadConfig().phi_featurizer);
    expect(['phi-word-v1', 'phi-word-v2']).toContain(model.featurizer.kind);
    // decoded with Viterbi; with the CRF's transitions when the shipped config.json carries them
    expect(model.decoding).toBe(loadConfig().crf ? 'viterbi-crf' : 'viterbi');
    const detector = createNerDetector(model);
    const sentence = 'Dr. Maria Gonzalez saw the patient at Boston General Hospital in Chicago.';
    const filler = [
      'The patient reported mild abdominal pain for two days and was advised to rest and drink fluids.',
      'Blood pressure was 128/84, heart rate 72, and the lungs were clear on auscultation.',
      'Her medications include metformin 500 mg twice daily and lisinopril 10 mg once daily.',
      'She denies fever, chills, nausea or vomiting, and has no known drug allergies.',
      'Laboratory results from last week showed a normal blood count and a slightly raised glucose.',
    ].join(' ').concat(' ').repeat(4);
    for (const text of [sentence, `${filler}${sentence} ${filler}`]) {
      const found = (await detector.detect(text, {})).map((d) => [d.entity, text.slice(d.start, d.end)]);
      expect(found).toEqual(
        expect.arrayContaining([
          ['PERSON', 'Maria Gonzalez'],
          ['ORGANIZATION', 'Boston General Hospital'],
          ['LOCATION', 'Chicago'],
        ]),
      );
    }
    await model.classifier.release?.();
  });
});

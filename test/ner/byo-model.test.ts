/** @jest-environment ./test/helpers/onnx-jest-environment.js */
/**
 * Bring-your-own-model: a tiny BERT-style ONNX graph and WordPiece tokenizer.json that the suite writes itself,
 * loaded through `loadNerModel` + `createNerDetector` with the real onnxruntime-node and tokenizers binding.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createHfFeaturizer, type HfTokenSpan } from '../../src/detectors/ner/hf-featurizer';
import { loadNerModel, type NerModel } from '../../src/detectors/ner/model-loader';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import type { Detector } from '../../src/detectors/types';
import { byoDetectorCases, found } from '../helpers/byo-detector-cases';
import { designedLabelOf, editConfig, expectedLabelOf, TINY_LABELS, TINY_VOCAB, writeTinyBert, type TinyWeights } from '../helpers/tiny-bert';

let dir: string;
let weights: TinyWeights;
let model: NerModel;
let detector: Detector;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'phi-tiny-bert-'));
  weights = writeTinyBert(dir, { maxLength: 16 });
  model = await loadNerModel(dir, { intraOpNumThreads: 1 });
  detector = createNerDetector(model, { windowOverlap: 4 });
});

afterAll(async () => {
  await model?.classifier.release?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('tiny BERT fixture', () => {
  it('every vocabulary id gets its designed label (computed independently in TypeScript)', () => {
    for (const id of Object.values(TINY_VOCAB)) expect(expectedLabelOf(weights, id)).toBe(designedLabelOf(id));
  });
});

describe('loadNerModel with a Hugging Face folder', () => {
  it('loads name, version, labels and picks the hf-tokenizer featurizer', () => {
    expect(model.name).toBe('tiny-bert');
    expect(model.version).toBe('test-1');
    expect(model.labels).toEqual(TINY_LABELS);
    expect(model.featurizer.kind).toBe('hf-tokenizer');
    expect(model.featurizer.maxTokensPerWindow).toBe(14); // max_length 16 − [CLS] − [SEP]
    expect([...model.classifier.inputNames].sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
  });

  it('info() and entities describe the model', () => {
    expect(detector.id).toBe('ner.tiny-bert');
    expect(detector.entities).toEqual(['PERSON', 'LOCATION', 'ORGANIZATION']);
    expect(detector.info?.()).toMatchObject({ name: 'tiny-bert', version: 'test-1', featurizer: 'hf-tokenizer', threads: { intraOp: 1, interOp: 1 } });
  });

  it('fails at load, naming the file, when id2label does not match the width of the model output', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'phi-tiny-bert-'));
    try {
      writeTinyBert(d2);
      editConfig(d2, (c) => {
        c.id2label = Object.fromEntries(TINY_LABELS.slice(0, 5).map((l, i) => [String(i), l]));
      });
      await expect(loadNerModel(d2)).rejects.toThrow(/model\.onnx: model output is \[1, \d+, 7\], expected \[1, \d+, 5\] \(labels from config\.json id2label\)/);
    } finally {
      rmSync(d2, { recursive: true, force: true });
    }
  });

  it('versions an unversioned model by the digest of its graph', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'phi-tiny-bert-'));
    try {
      writeTinyBert(d2);
      editConfig(d2, (c) => {
        delete c.version;
        delete c.name;
      });
      const m = await loadNerModel(d2);
      expect(m.version).toMatch(/^sha256:[0-9a-f]{12}$/);
      expect(m.name).toBe(basename(d2));
      await m.classifier.release?.();
    } finally {
      rmSync(d2, { recursive: true, force: true });
    }
  });
});

describe('NER detector over onnxruntime', () => {
  byoDetectorCases(() => ({ model, detector }));

  it('gives concurrent requests their own results', async () => {
    const texts = ['Paris', 'John Smith and Acme Corp', '', 'words words New York words'];
    const results = await Promise.all(texts.map((t) => detector.detect(t, {})));
    expect(found(texts[0], results[0])).toEqual([['LOCATION', 'Paris', 0, 5]]);
    expect(found(texts[1], results[1])).toEqual([
      ['PERSON', 'John Smith', 0, 10],
      ['ORGANIZATION', 'Acme Corp', 15, 24],
    ]);
    expect(results[2]).toEqual([]);
    expect(found(texts[3], results[3])).toEqual([['LOCATION', 'New York', 12, 20]]);
  });

  it('warms up', async () => {
    await expect(detector.warmup!()).resolves.toBeUndefined();
  });
});

describe('hf featurizer', () => {
  it('tokenizes without specials, with UTF-16 offsets and ids; ignores the tokenizer.json truncation', async () => {
    const f = await createHfFeaturizer({ tokenizerPath: join(dir, 'tokenizer.json'), inputNames: ['input_ids', 'attention_mask'], maxLength: 16 });
    const text = '😀 José met';
    const toks = (await f.tokenize(text)) as HfTokenSpan[];
    expect(toks.map((t) => [text.slice(t.start, t.end), t.id])).toEqual([
      ['😀', TINY_VOCAB['[UNK]']],
      ['Jo', TINY_VOCAB.jo],
      ['sé', TINY_VOCAB['##se']],
      ['met', TINY_VOCAB.met],
    ]);
    // a lone surrogate reaches the binding as U+FFFD: one code point, one UTF-16 unit
    const odd = 'x\ud800 José';
    const oddToks = await f.tokenize(odd);
    expect(oddToks.map((t) => odd.slice(t.start, t.end)).slice(-2)).toEqual(['Jo', 'sé']);
    const long = Array.from({ length: 40 }, () => 'words').join(' ');
    expect(await f.tokenize(long)).toHaveLength(80); // words → word ##s; truncation max_length 8 ignored
  });

  it('adds [CLS]/[SEP] per window; token_type_ids only when the model takes it', async () => {
    const text = 'John Smith';
    const without = await createHfFeaturizer({ tokenizerPath: join(dir, 'tokenizer.json'), inputNames: ['input_ids', 'attention_mask'], maxLength: 16 });
    const row = without.encodeWindow(text, await without.tokenize(text));
    expect(row.seqLen).toBe(4);
    expect(row.inputs.input_ids.data).toEqual([TINY_VOCAB['[CLS]'], TINY_VOCAB.john, TINY_VOCAB.smith, TINY_VOCAB['[SEP]']]);
    expect(row.inputs.attention_mask.data).toEqual([1, 1, 1, 1]);
    expect(row.inputs.token_type_ids).toBeUndefined();
    expect(row.positions).toEqual([1, 2]);
    const withTypes = await createHfFeaturizer({ tokenizerPath: join(dir, 'tokenizer.json'), inputNames: ['input_ids', 'attention_mask', 'token_type_ids'], maxLength: 16 });
    expect(withTypes.encodeWindow(text, await withTypes.tokenize(text)).inputs.token_type_ids?.data).toEqual([0, 0, 0, 0]);
  });
});

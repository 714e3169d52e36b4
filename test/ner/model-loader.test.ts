import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelError } from '../../src/detectors/ner/model-error';
import { loadNerModel } from '../../src/detectors/ner/model-loader';
import { FEATURIZER_FACTORIES } from '../../src/detectors/ner/featurizers';
import { fakeClassifier, fakeFeaturizer } from '../helpers/fake-ner';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phi-model-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const classifier = fakeClassifier({});
const featurizers = { 'fake-words': () => fakeFeaturizer({}) };
const writeConfig = (c: unknown) => writeFileSync(join(dir, 'config.json'), typeof c === 'string' ? c : JSON.stringify(c));

describe('loadNerModel', () => {
  it('uses phi_featurizer and id2label order; name defaults to the folder', async () => {
    writeConfig({ id2label: { '1': 'B-PER', '0': 'O', '2': 'I-PER' }, phi_featurizer: 'fake-words', version: '2' });
    const m = await loadNerModel(dir, { classifier, featurizers });
    expect(m.labels).toEqual(['O', 'B-PER', 'I-PER']);
    expect(m.featurizer.kind).toBe('fake-words');
    expect(m.version).toBe('2');
    expect(m.name).toBe(dir.split('/').pop());
  });

  it('the featurizer map holds hf-tokenizer', () => {
    expect(Object.keys(FEATURIZER_FACTORIES)).toContain('hf-tokenizer');
  });

  it.each<[string, unknown, RegExp]>([
    ['invalid JSON', '{not json', /config\.json: is not valid JSON/],
    ['id2label missing', { name: 'x' }, /config\.json: id2label: /],
    ['id2label key not an index', { id2label: { a: 'O' } }, /config\.json: id2label\.a: /],
    ['id2label value not a string', { id2label: { '0': 5 } }, /config\.json: id2label\.0: /],
    ['id2label with a gap', { id2label: { '0': 'O', '2': 'B-PER' } }, /config\.json: id2label\.2: indices must run 0\.\.1/],
    ['empty id2label', { id2label: {} }, /config\.json: id2label: must not be empty/],
    ['max_length not an integer', { id2label: { '0': 'O' }, max_length: 'long' }, /config\.json: max_length: /],
    ['unknown featurizer', { id2label: { '0': 'O' }, phi_featurizer: 'nope' }, /config\.json: phi_featurizer: unknown kind; known: hf-tokenizer/],
    ['no featurizer and no tokenizer.json', { id2label: { '0': 'O' } }, /config\.json: phi_featurizer: missing/],
  ])('rejects %s, naming the file and field', async (_name, config, message) => {
    writeConfig(config);
    const err = await loadNerModel(dir, { classifier, featurizers }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toMatch(message);
  });

  it('rejects a folder without config.json', async () => {
    await expect(loadNerModel(dir, { classifier })).rejects.toThrow(/config\.json: is missing/);
  });

  it('rejects a folder without a model file (before touching onnxruntime)', async () => {
    writeConfig({ id2label: { '0': 'O' }, phi_featurizer: 'fake-words' });
    await expect(loadNerModel(dir, { featurizers })).rejects.toThrow(/model\.onnx: model file is missing/);
  });

  it('rejects a model file onnxruntime cannot load', async () => {
    writeConfig({ id2label: { '0': 'O' }, phi_featurizer: 'fake-words' });
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'not a model');
    const err = await loadNerModel(dir, { featurizers }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toMatch(/onnx\/model\.onnx: cannot be loaded by onnxruntime/);
  });
});

describe('loadNerModel input check', () => {
  it('fails at load when the featurizer does not produce an input the model declares', async () => {
    writeConfig({ id2label: { '0': 'O' }, phi_featurizer: 'fake-words' });
    const needy = { ...fakeClassifier({}), inputNames: ['input_ids', 'attention_mask', 'position_ids'] };
    await expect(loadNerModel(dir, { classifier: needy, featurizers })).rejects.toThrow(
      /model inputs position_ids are not produced by featurizer fake-words/,
    );
  });
});

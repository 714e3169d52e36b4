import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelError } from '../../src/detectors/ner/model-error';
import { loadNerModel } from '../../src/detectors/ner/model-loader';
import { FEATURIZER_FACTORIES } from '../../src/detectors/ner/featurizers';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import { fakeClassifier, fakeFeaturizer } from '../helpers/fake-ner';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phi-model-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const classifier = fakeClassifier({});
const featurizers = { 'fake-words': () => fakeFeaturizer({}) };
const writeConfig = (c: unknown) => writeFileSync(join(dir, 'config.json'), typeof c === 'string' ? c : JSON.stringify(c));

const CRF3 = {
  id2label: { '0': 'O', '1': 'B-PER', '2': 'I-PER' },
  phi_featurizer: 'fake-words',
  crf: { transitions: [[0, 0, 0], [0, 0, 1.5], [0, 0, 0]], start: [0, 0.25, 0], end: [0, 0, -0.5] },
};

describe('loadNerModel', () => {
  it('uses phi_featurizer and id2label order; name defaults to the folder', async () => {
    writeConfig({ id2label: { '1': 'B-PER', '0': 'O', '2': 'I-PER' }, phi_featurizer: 'fake-words', version: '2' });
    const m = await loadNerModel(dir, { classifier, featurizers });
    expect(m.labels).toEqual(['O', 'B-PER', 'I-PER']);
    expect(m.featurizer.kind).toBe('fake-words');
    expect(m.version).toBe('2');
    expect(m.name).toBe(dir.split('/').pop());
  });

  it('decodes with the BIO constraints by default, adds a CRF from config.json, or takes argmax when asked', async () => {
    writeConfig({ id2label: { '0': 'O', '1': 'B-PER', '2': 'I-PER' }, phi_featurizer: 'fake-words' });
    const plain = await loadNerModel(dir, { classifier, featurizers });
    expect(plain.decoding).toBe('viterbi');
    expect(plain.decoder!.transitions[0 * 3 + 2]).toBeLessThan(-1000); // O → I-PER
    expect(plain.decoder!.transitions[1 * 3 + 2]).toBe(0); // B-PER → I-PER

    writeConfig(CRF3);
    const crf = await loadNerModel(dir, { classifier, featurizers });
    expect(crf.decoding).toBe('viterbi-crf');
    expect(crf.decoder!.transitions[1 * 3 + 2]).toBeCloseTo(1.5);
    expect(crf.decoder!.transitions[0 * 3 + 2]).toBeLessThan(-1000); // constraints still apply
    expect(crf.decoder!.start[1]).toBeCloseTo(0.25);
    expect(crf.decoder!.end[2]).toBeCloseTo(-0.5);

    writeConfig({ id2label: { '0': 'O', '1': 'I-PER' }, phi_featurizer: 'fake-words', decoding: 'argmax' });
    const argmax = await loadNerModel(dir, { classifier, featurizers });
    expect(argmax.decoding).toBe('argmax');
    expect(argmax.decoder).toBeNull();
  });

  it('reads phi_label_map, and the detector maps the model\'s types through it over the default map', async () => {
    writeConfig({ id2label: { '0': 'O', '1': 'B-ID', '2': 'B-PROFESSION', '3': 'B-PATIENT' }, phi_featurizer: 'fake-words', phi_label_map: { id: 'MEDICAL_RECORD_NUMBER', PATIENT: null } });
    const m = await loadNerModel(dir, { classifier, featurizers });
    expect(m.labelMap).toEqual({ id: 'MEDICAL_RECORD_NUMBER', PATIENT: null });
    const det = createNerDetector(m);
    expect(det.entities).toEqual(['MEDICAL_RECORD_NUMBER']);
    expect(det.ignoredTypes).toEqual(['PROFESSION', 'PATIENT']);
    // a detector's own labelMap goes over the model's
    expect(createNerDetector(m, { labelMap: { PATIENT: 'PERSON' } }).entities).toEqual(['PERSON', 'MEDICAL_RECORD_NUMBER']);
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
    ['an unknown decoding', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', decoding: 'beam' }, /config\.json: decoding: /],
    ['crf with too few rows', { ...CRF3, crf: { ...CRF3.crf, transitions: [[0, 0, 0]] } }, /config\.json: crf\.transitions: must have 3 rows/],
    ['crf with a short row', { ...CRF3, crf: { ...CRF3.crf, transitions: [[0, 0, 0], [0, 0], [0, 0, 0]] } }, /config\.json: crf\.transitions\.1: must have 3 columns/],
    ['crf with a short end', { ...CRF3, crf: { ...CRF3.crf, end: [0] } }, /config\.json: crf\.end: must have 3 values/],
    ['crf with a non-number', { ...CRF3, crf: { ...CRF3.crf, start: [0, 'x', 0] } }, /config\.json: crf\.start\.1: /],
    ['phi_label_map to a type that is not ours', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', phi_label_map: { ID: 'SOCIAL_SECURITY' } }, /config\.json: phi_label_map\.ID: /],
    ['phi_label_map not an object', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', phi_label_map: ['ID'] }, /config\.json: phi_label_map: /],
    ['crf with argmax decoding', { ...CRF3, decoding: 'argmax' }, /config\.json: decoding: "argmax" cannot be combined with crf/],
    ['phi_word.fold_unknown not a boolean', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', phi_word: { fold_unknown: 'yes' } }, /config\.json: phi_word\.fold_unknown: /],
    ['a misspelt phi_word setting', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', phi_word: { fold_unkown: true } }, /config\.json: phi_word: .*fold_unkown/],
    ['phi_word.max_chars not a positive integer', { id2label: { '0': 'O' }, phi_featurizer: 'fake-words', phi_word: { max_chars: 0 } }, /config\.json: phi_word\.max_chars: /],
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

  it('fails at load when a per-token input is not as wide as the featurizer makes it', async () => {
    writeConfig({ id2label: { '0': 'O' }, phi_featurizer: 'fake-words' });
    const fake = fakeClassifier({});
    const probe = fakeFeaturizer({});
    const row = probe.encodeWindow('Probe text.', await probe.tokenize('Probe text.'));
    const [name] = Object.keys(row.inputs);
    const wide = { ...fake, inputShapes: { [name]: ['batch', 'seq', 3] } };
    await expect(loadNerModel(dir, { classifier: wide, featurizers })).rejects.toThrow(
      new RegExp(`model input ${name} takes \\[batch, seq, 3\\], featurizer fake-words gives \\[batch, seq\\]`),
    );
    const same = { ...fake, inputShapes: { [name]: ['batch', 'seq'] } };
    await expect(loadNerModel(dir, { classifier: same, featurizers })).resolves.toBeDefined();
  });

  it("refuses the shipped graph under the other phi-word featurizer (8 flags per token in v1, 10 in v2)", async () => {
    const shipped = join(__dirname, '..', '..', 'models', 'phi-ner-small');
    cpSync(shipped, dir, { recursive: true });
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const width = { 'phi-word-v1': 8, 'phi-word-v2': 10 } as Record<string, number>;
    const own = String(config.phi_featurizer);
    expect(Object.keys(width)).toContain(own);
    const other = own === 'phi-word-v1' ? 'phi-word-v2' : 'phi-word-v1';
    writeConfig({ ...config, phi_featurizer: other });
    await expect(loadNerModel(dir)).rejects.toThrow(
      `model input gazetteers takes [batch, seq, ${width[own]}], featurizer ${other} gives [batch, seq, ${width[other]}]`,
    );
  });
});

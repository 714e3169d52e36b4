/** @jest-environment ./test/helpers/onnx-jest-environment.js */
/**
 * build.sh's shipping chain on a tiny random model: export_onnx.py → quantize.py → fold_char_conv.py →
 * package_model.py. What onnxruntime-node computes from each file must be what torch computed, and the gateway's
 * Viterbi must decode the same path as the training code's; int8 may move logits only by its rounding; the packaged
 * folder must load in the gateway and featurize exactly as the Python featurizer did.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import { loadNerModel } from '../../src/detectors/ner/model-loader';
import { viterbi } from '../../src/detectors/ner/viterbi';
import { createWordFeaturizer } from '../../src/detectors/ner/word-featurizer';
import type { NerModelConfig } from '../../src/detectors/ner/types';
import { runPython, trainingToolsEnabled, trainingToolsMissing } from '../helpers/training-python';

interface Cases {
  lengths: number[];
  feeds: {
    word_ids: number[][];
    shape_ids: number[][];
    char_ids: number[][][];
    gazetteers: number[][][];
    attention_mask: number[][];
  };
  logits: number[][][];
  paths: number[][];
}

const FILES = ['fp32', 'fp32.folded', 'int8', 'int8.folded'] as const;

function tensors(c: Cases['feeds'], rows: number[], seq: number): Record<string, ort.Tensor> {
  const b = rows.length;
  const int64 = (get: (r: number, t: number) => number[]) => {
    const width = get(rows[0], 0).length;
    const out = new BigInt64Array(b * seq * width);
    rows.forEach((r, i) => {
      for (let t = 0; t < seq; t++) get(r, t).forEach((v, k) => (out[(i * seq + t) * width + k] = BigInt(v)));
    });
    return out;
  };
  const flags = c.gazetteers[rows[0]][0].length; // gazetteer flags, then phi-word-v2's document flags
  const gaz = new Float32Array(b * seq * flags);
  rows.forEach((r, i) => {
    for (let t = 0; t < seq; t++) c.gazetteers[r][t].forEach((v, k) => (gaz[(i * seq + t) * flags + k] = v));
  });
  return {
    word_ids: new ort.Tensor('int64', int64((r, t) => [c.word_ids[r][t]]), [b, seq]),
    shape_ids: new ort.Tensor('int64', int64((r, t) => [c.shape_ids[r][t]]), [b, seq]),
    char_ids: new ort.Tensor('int64', int64((r, t) => c.char_ids[r][t]), [b, seq, 16]),
    gazetteers: new ort.Tensor('float32', gaz, [b, seq, flags]),
    attention_mask: new ort.Tensor('int64', int64((r, t) => [c.attention_mask[r][t]]), [b, seq]),
  };
}

async function logitsOf(file: string, c: Cases, rows: number[], seq: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
  try {
    return (await session.run(tensors(c.feeds, rows, seq))).logits.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** Largest |a − torch| over the real (unpadded) positions of each row, and the share of tokens whose argmax agrees. */
function compare(out: Float32Array, c: Cases, seq: number): { maxDiff: number; argmaxAgree: number } {
  let maxDiff = 0;
  let agree = 0;
  let n = 0;
  c.lengths.forEach((len, i) => {
    for (let t = 0; t < len; t++) {
      const ref = c.logits[i][t];
      const row = Array.from(out.subarray((i * seq + t) * 9, (i * seq + t + 1) * 9));
      row.forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - ref[k]))));
      agree += Number(row.indexOf(Math.max(...row)) === ref.indexOf(Math.max(...ref)));
      n++;
    }
  });
  return { maxDiff, argmaxAgree: agree / n };
}

if (!trainingToolsEnabled) {
  it.skip(`${trainingToolsMissing}: export chain tests skipped`, () => undefined);
} else {
  describe('export → int8 → fold: the files build.sh ships', () => {
    let dir: string;
    let cases: Cases;
    const seq = () => Math.max(...cases.lengths);

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'phi-export-'));
      const r = runPython(['tests/make_export_chain.py', dir]);
      if (r.status !== 0) throw new Error(`make_export_chain.py failed (${r.status}): ${r.stderr}`);
      cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Cases;
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(['fp32', 'fp32.folded'])('%s: onnxruntime-node gives torch logits on a padded ragged batch', async (name) => {
      const out = await logitsOf(join(dir, `${name}.onnx`), cases, [0, 1, 2], seq());
      const { maxDiff, argmaxAgree } = compare(out, cases, seq());
      expect(maxDiff).toBeLessThan(1e-4);
      expect(argmaxAgree).toBe(1);
    });

    it.each(['int8', 'int8.folded'])('%s: logits within int8 rounding of torch', async (name) => {
      const out = await logitsOf(join(dir, `${name}.onnx`), cases, [0, 1, 2], seq());
      const { maxDiff, argmaxAgree } = compare(out, cases, seq());
      expect(maxDiff).toBeLessThan(0.05); // measured 0.021 against logits up to 2.5
      expect(argmaxAgree).toBeGreaterThanOrEqual(0.9);
    });

    it('int8 stores the weights in int8: the file is under 40 % of fp32', () => {
      const size = (f: string) => statSync(join(dir, `${f}.onnx`)).size;
      expect(size('int8')).toBeLessThan(0.4 * size('fp32'));
      expect(size('int8.folded')).toBeLessThan(0.4 * size('fp32.folded'));
    });

    it.each(FILES)('%s: padding in a batch does not change a row (micro-batching relies on it)', async (name) => {
      const file = join(dir, `${name}.onnx`);
      const batched = await logitsOf(file, cases, [0, 1, 2], seq());
      const shortRow = 1;
      const len = cases.lengths[shortRow];
      const alone = await logitsOf(file, cases, [shortRow], len);
      let maxDiff = 0;
      for (let t = 0; t < len * 9; t++) maxDiff = Math.max(maxDiff, Math.abs(alone[t] - batched[shortRow * seq() * 9 + t]));
      expect(maxDiff).toBeLessThan(name.startsWith('int8') ? 0.05 : 1e-4);
    });

    it("the gateway's decoder, as its model loader builds it from the packaged CRF, decodes torch's path from the fp32 file", async () => {
      const out = await logitsOf(join(dir, 'fp32.onnx'), cases, [0, 1, 2], seq());
      const model = await loadNerModel(join(dir, 'pkg'), { intraOpNumThreads: 1 });
      try {
        const scores = model.decoder;
        if (!scores) throw new Error('the packaged model has no Viterbi decoder');
        const n = scores.n;
        cases.lengths.forEach((len, i) => {
          const path = viterbi(out.subarray(i * seq() * n, (i * seq() + len) * n), len, scores);
          expect(Array.from(path)).toEqual(cases.paths[i]);
        });
      } finally {
        await model.classifier.release?.();
      }
    });

    describe("package_model.py's folder", () => {
      const pkg = () => join(dir, 'pkg');

      it('loads in the gateway with its CRF, window and featurizer, and detects over several windows', async () => {
        const model = await loadNerModel(pkg(), { intraOpNumThreads: 1 });
        try {
          expect(model.featurizer.kind).toBe('phi-word-v2');
          expect(model.decoding).toBe('viterbi-crf');
          const config = JSON.parse(readFileSync(join(pkg(), 'config.json'), 'utf8')) as NerModelConfig;
          expect(config.max_length).toBe(56);
          const text = 'Dr. Maria Gonzalez saw the patient at Boston General Hospital in Chicago. '.repeat(12);
          const found = await createNerDetector(model).detect(text, {});
          for (const d of found) {
            expect(['PERSON', 'LOCATION', 'ORGANIZATION']).toContain(d.entity);
            expect(0 <= d.start && d.start < d.end && d.end <= text.length).toBe(true);
            expect(text.slice(d.start, d.end).trim()).toBe(text.slice(d.start, d.end));
          }
        } finally {
          await model.classifier.release?.();
        }
      });

      it('its parity fixture (the Python featurizer on its resources) holds in TypeScript', () => {
        const config = JSON.parse(readFileSync(join(pkg(), 'config.json'), 'utf8')) as NerModelConfig;
        const featurizer = createWordFeaturizer(pkg(), config);
        const fixture = JSON.parse(readFileSync(join(pkg(), 'parity.json'), 'utf8')) as {
          cases: { text: string; tokens: [number, number][]; inputs: Record<string, number[]> }[];
        };
        expect(fixture.cases.length).toBeGreaterThan(5);
        let known = 0;
        let docFlags = 0;
        for (const c of fixture.cases) {
          const tokens = featurizer.tokenize(c.text);
          expect(tokens.map((t) => [t.start, t.end])).toEqual(c.tokens);
          const row = featurizer.encodeWindow(c.text, tokens);
          for (const [name, data] of Object.entries(c.inputs)) expect([name, row.inputs[name].data]).toEqual([name, data]);
          known += c.inputs.word_ids.filter((id) => id > 1).length;
          docFlags += c.inputs.gazetteers.filter((v, k) => k % 10 >= 8 && v === 1).length;
        }
        expect(known).toBeGreaterThan(5); // the small vocabulary's words were found, not only <unk>
        expect(docFlags).toBeGreaterThan(0); // phi-word-v2's document flags (columns 8 and 9) are compared too
      });
    });
  });
}

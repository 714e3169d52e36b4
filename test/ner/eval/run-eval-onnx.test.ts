/** @jest-environment ./test/helpers/onnx-jest-environment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, runEval } from '../../../src/eval/run-eval';
import { runCli } from '../../helpers/run-cli';
import { editConfig, writeTinyBert } from '../../helpers/tiny-bert';

let dir: string;
let conll: string;
beforeAll(() => {
  // a tiny BERT built to tag these two sentences exactly
  dir = mkdtempSync(join(tmpdir(), 'phi-eval-onnx-'));
  writeTinyBert(dir);
  conll = join(dir, 'test.conll');
  writeFileSync(conll, 'John B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n\nAcme B-ORG\nCorp I-ORG\nmet O\nZoë B-PER\nin O\nNew B-LOC\nYork I-LOC\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('evaluates a model folder end to end (tiny BERT, CoNLL BIO)', async () => {
  const r = await runEval({ modelDir: dir, conll });
  expect(r.dataset).toMatchObject({ scheme: 'BIO', documents: 2, tokens: 11 });
  expect(r.scores.micro).toMatchObject({ tp: 5, fp: 0, fn: 0, f1: 1 });
  expect(formatReport(r)).toContain('tiny-bert (test-1), featurizer hf-tokenizer');
});

it('eval --baseline scores a second model folder on the same file and prints paired differences', async () => {
  const shipped = join(__dirname, '..', '..', '..', 'models', 'phi-ner-small');
  const baseline = await runEval({ modelDir: shipped, conll });
  const { code, out } = await runCli(['eval', '--conll', conll, '--model', dir, '--baseline', shipped]);
  expect(code).toBe(0);
  expect(out).toContain('baseline phi-ner-small');
  expect(out).toMatch(/interval over the 2 texts \(2000 resamples\)/);
  const comparison = out.slice(out.indexOf('baseline phi-ner-small'));
  const micro = comparison.split('\n').find((l) => l.startsWith('micro '))!.trim().split(/\s+/);
  // baseline F1, model F1 (the tiny model is built to tag these sentences exactly), difference in points
  expect(Number(micro[1])).toBeCloseTo(baseline.scores.micro.f1, 4);
  expect(Number(micro[2])).toBe(1);
  expect(micro[3]).toBe(`+${(100 * (1 - baseline.scores.micro.f1)).toFixed(1)}`);
  for (const type of ['LOCATION', 'ORGANIZATION', 'PERSON']) expect(comparison).toMatch(new RegExp(`^${type}\\s+\\d\\.\\d{4}\\s+1\\.0000\\s`, 'm'));
});

it('eval --json prints one object: the report without spans, and the comparison with --baseline', async () => {
  const shipped = join(__dirname, '..', '..', '..', 'models', 'phi-ner-small');
  const alone = await runCli(['eval', '--conll', conll, '--model', dir, '--json']);
  expect(alone.code).toBe(0);
  const r = JSON.parse(alone.out);
  expect(r).toMatchObject({ model: { name: 'tiny-bert' }, dataset: { documents: 2 }, scores: { micro: { tp: 5, f1: 1 } } });
  expect(r.spans).toBeUndefined();
  expect(r.comparison).toBeUndefined();

  const both = JSON.parse((await runCli(['eval', '--conll', conll, '--model', dir, '--baseline', shipped, '--json'])).out);
  expect(both.comparison.baseline.name).toBe('phi-ner-small');
  const micro = both.comparison.rows.find((row: { type: string }) => row.type === 'micro');
  expect(micro).toMatchObject({ b: 1, resamples: 2000 });
  expect(micro.a).toBeCloseTo(both.comparison.baselineScores.micro.f1, 12);
  expect(micro.diff).toBeCloseTo(1 - micro.a, 12);
  expect(micro.low).toBeLessThanOrEqual(micro.diff);
  expect(micro.high).toBeGreaterThanOrEqual(micro.diff);
});

it("reads the gold types as the model's phi_label_map does, so a test set in the model's scheme scores in the same types", async () => {
  const d2 = mkdtempSync(join(tmpdir(), 'phi-eval-onnx-'));
  try {
    writeTinyBert(d2);
    editConfig(d2, (c) => ({ ...c, phi_label_map: { ORG: 'HEALTH_PLAN_ID' } }));
    const r = await runEval({ modelDir: d2, conll });
    expect(r.scores.micro).toMatchObject({ tp: 5, fp: 0, fn: 0 });
    expect(r.scores.perType.find((t) => t.type === 'HEALTH_PLAN_ID')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(r.scores.perType.map((t) => t.type)).not.toContain('ORGANIZATION');
  } finally {
    rmSync(d2, { recursive: true, force: true });
  }
});

it('eval --threshold T drops what scores below T (a threshold of 1 keeps almost nothing), and refuses a T outside 0–1', async () => {
  const all = JSON.parse((await runCli(['eval', '--conll', conll, '--model', dir, '--json'])).out);
  const strict = await runCli(['eval', '--conll', conll, '--model', dir, '--threshold', '1', '--json']);
  expect(strict.code).toBe(0);
  const r = JSON.parse(strict.out);
  expect(all.threshold).toBe(0);
  expect(r.threshold).toBe(1);
  expect(r.scores.micro.predicted).toBeLessThan(all.scores.micro.predicted);
  for (const bad of ['1.5', '-0.1', 'high', '']) {
    const res = await runCli(['eval', '--conll', conll, '--model', dir, `--threshold=${bad}`]);
    expect([bad, res.code]).toEqual([bad, 2]);
    expect(res.err).toMatch(/--threshold: expected a number from 0 to 1/);
  }
});

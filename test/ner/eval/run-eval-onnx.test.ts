/** @jest-environment ./test/helpers/onnx-jest-environment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReport, runEval } from '../../../src/eval/run-eval';
import { writeTinyBert } from '../../helpers/tiny-bert';

it('evaluates a model folder end to end (tiny BERT, CoNLL BIO)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'phi-eval-onnx-'));
  try {
    writeTinyBert(dir);
    const conll = join(dir, 'test.conll');
    writeFileSync(conll, 'John B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n\nAcme B-ORG\nCorp I-ORG\nmet O\nZoë B-PER\nin O\nNew B-LOC\nYork I-LOC\n');
    const r = await runEval({ modelDir: dir, conll });
    expect(r.dataset).toMatchObject({ scheme: 'BIO', documents: 2, tokens: 11 });
    expect(r.scores.micro).toMatchObject({ tp: 5, fp: 0, fn: 0, f1: 1 });
    expect(formatReport(r)).toContain('tiny-bert (test-1), featurizer hf-tokenizer');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

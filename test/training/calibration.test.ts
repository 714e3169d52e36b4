/** @jest-environment ./test/helpers/onnx-jest-environment.js */
/**
 * training/calibration.js end to end on the shipped model: every predicted span falls in one score bucket, so the
 * buckets' counts add up to what `phi-gateway eval` predicts at threshold 0, and their right ones to its true
 * positives. Needs `npm run build` (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval } from '../../src/eval/run-eval';

const ROOT = join(__dirname, '..', '..');
const MODEL = join(ROOT, 'models', 'phi-ner-small');

function calibration(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'training', 'calibration.js'), ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('calibration.js', () => {
  let dir: string;
  let texts: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'src', 'eval', 'run-eval.js'))) throw new Error('run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'phi-calibration-'));
    const doc = (text: string, spans: [string, string][]) => ({
      text,
      entities: spans.map(([type, n]) => ({ type, start: text.indexOf(n), end: text.indexOf(n) + n.length })),
    });
    texts = join(dir, 'set.jsonl');
    writeFileSync(texts, [
      doc('Dr. Maria Lopez saw the patient in Denver on Monday.', [['PER', 'Maria Lopez'], ['LOC', 'Denver']]),
      doc('Please call John Smith about the invoice from Acme Corp.', [['PER', 'John Smith'], ['ORG', 'Acme Corp']]),
      doc('RE: Claim for Olusegun Adeyemi, DOS 11/02/2026', [['PER', 'Olusegun Adeyemi']]),
      doc('met ngozi at the mall with her cousin from lagos', [['PER', 'ngozi'], ['LOC', 'lagos']]),
    ].map((d) => JSON.stringify(d)).join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['softmax', 'marginal'])('buckets every span the model predicts once (%s scores)', async (scoring) => {
    const r = calibration(MODEL, '--scoring', scoring, `jsonl:${texts}`);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(new RegExp(`^phi-ner-small \\S+, scoring ${scoring}: `));
    const all = r.out.split('\n').find((l) => l.startsWith('all sets\t'))!;
    const cells = [...all.matchAll(/\[([\d.]+), ([\d.]+)[)\]]: (-|[\d.]+) of (\d+)/g)];
    expect(cells.map((c) => [c[1], c[2]])).toEqual([['0', '0.3'], ['0.3', '0.5'], ['0.5', '0.7'], ['0.7', '0.9'], ['0.9', '0.97'], ['0.97', '1']]);
    const total = cells.reduce((s, c) => s + Number(c[4]), 0);
    const right = cells.reduce((s, c) => s + (c[3] === '-' ? 0 : Math.round(Number(c[3]) * Number(c[4]))), 0);
    const ref = await runEval({ modelDir: MODEL, jsonl: texts });
    expect(total).toBe(ref.scores.micro.predicted);
    expect(right).toBe(ref.scores.micro.tp); // shares are printed to 2 decimals: exact for these few spans
  });

  it('refuses an unknown scoring or set kind', () => {
    expect(calibration(MODEL, '--scoring', 'argmax', `jsonl:${texts}`).status).toBe(1);
    expect(calibration(MODEL, `tsv:${texts}`).err).toMatch(/unknown set/);
  });
});

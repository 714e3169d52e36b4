/**
 * training/compare_models.js, the tool shipping rules read, end to end on the shipped model: a side given as several
 * comma-separated runs is their mean, with each run's own column; the bias set gets a pooled row. Needs `npm run build`
 * (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MODEL = join(ROOT, 'models', 'phi-ner-small');

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'training', 'compare_models.js'), ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('compare_models.js', () => {
  let dir: string;
  let texts: string;
  let bias: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'src', 'eval', 'run-eval.js'))) throw new Error('run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'phi-compare-'));
    const doc = (text: string, names: string[]) => ({
      text,
      entities: names.map((n) => ({ type: 'PER', start: text.indexOf(n), end: text.indexOf(n) + n.length })),
    });
    texts = join(dir, 'set.jsonl');
    writeFileSync(texts, [
      doc('Dr. Maria Lopez saw the patient in Denver on Monday.', ['Maria Lopez']),
      doc('Please call John Smith about the invoice from Acme Corp.', ['John Smith']),
      doc('The weather was fine and nothing else happened.', []),
    ].map((d) => JSON.stringify(d)).join('\n') + '\n');
    bias = join(dir, 'bias.jsonl');
    const b = (text: string, name: string, origin: string) =>
      JSON.stringify({ text, spans: [[text.indexOf(name), text.indexOf(name) + name.length, 'PER', origin]], origin });
    writeFileSync(bias, [
      b('Referral letter for Wei Zhang, seen on 2 May.', 'Wei Zhang', 'east_asian'),
      b('Mr. Hiroshi Tanaka was discharged home.', 'Hiroshi Tanaka', 'east_asian'),
      b('Ana Garcia called the front desk again.', 'Ana Garcia', 'hispanic'),
      b('Notes from the visit of Carlos Mendez today.', 'Carlos Mendez', 'hispanic'),
    ].join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('with one model a side: B − A and its interval, and a pooled row after the origins', () => {
    const r = compare(MODEL, MODEL, `jsonl:${texts}`, `bias:${bias}`);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`A = ${MODEL}\nB = ${MODEL}\n`);
    expect(r.out).toMatch(/^score\tA\tB\tB-A \(points\)\t95 % interval$/m);
    expect(r.out).toMatch(/^PERSON F1\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]$/m);
    expect(r.out).toMatch(/^east_asian\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]\nhispanic\t.*\npooled\t(\d\.\d{3})\t\2\t0\.0/m);
  });

  it('several comma-separated runs on a side are their mean, with each run\'s column', () => {
    const r = compare(MODEL, `${MODEL},${MODEL}`, '--confidence', '0.9', `jsonl:${texts}`, `bias:${bias}`);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`B = the mean of 2 runs: ${MODEL}, ${MODEL}`);
    expect(r.out).toMatch(/^score\tA\tB \(mean of 2 runs\)\tB-A \(points\)\t90 % interval\teach B run - A$/m);
    expect(r.out).toMatch(/^PER\/LOC\/ORG F1\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]\t0\.0 0\.0$/m);
    expect(r.out).toMatch(/^pooled\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]\t0\.0 0\.0$/m);

    const both = compare(`${MODEL},${MODEL}`, `${MODEL},${MODEL},${MODEL}`, `jsonl:${texts}`);
    expect(both.status).toBe(0);
    expect(both.out).toMatch(/^score\tA \(mean of 2 runs\)\tB \(mean of 3 runs\)\tB-A \(points\)\t95 % interval\teach B run - A\teach A run$/m);
    expect(both.out).toMatch(/^PERSON F1\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]\t0\.0 0\.0 0\.0\t\1 \1$/m);
  });

  it('a jsonl file of synth.py documents with template ranges gets rows with intervals over its templates', () => {
    const withTemplates = join(dir, 'templated.jsonl');
    const t1 = 'Dr. Maria Lopez saw the patient.';
    const t2 = 'Please call John Smith today.';
    const text = `${t1} ${t2}`;
    const d = (tpl: [number, number, string][]) => JSON.stringify({
      text,
      entities: ['Maria Lopez', 'John Smith'].map((n) => ({ type: 'PER', start: text.indexOf(n), end: text.indexOf(n) + n.length })),
      templates: tpl,
    });
    writeFileSync(withTemplates, [d([[0, t1.length, 'note:4'], [t1.length + 1, text.length, 'chat:9']]), d([[0, text.length, 'note:4']])].join('\n') + '\n');
    const r = compare(MODEL, `${MODEL},${MODEL}`, `jsonl:${withTemplates}`, `jsonl:${texts}`);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^PER\/LOC\/ORG F1, over 2 templates\t(\d\.\d{3})\t\1\t0\.0\t\[0\.0, 0\.0\]\t0\.0 0\.0$/m);
    expect(r.out).toMatch(/^PERSON F1, over 2 templates\t/m);
    expect(r.out.match(/over \d+ templates/g)).toHaveLength(2); // not for the file without templates

    const { templateUnits } = require(join(ROOT, 'training', 'compare_models.js'));
    const units = templateUnits(withTemplates);
    expect(units.count).toBe(2);
    const at = (doc: number, start: number) => units.of({ doc, type: 'PERSON', start, end: start + 1 });
    expect([at(0, 4), at(0, t1.length), at(0, t1.length + 2), at(1, t1.length + 2)]).toEqual([0, 0, 1, 0]); // the separator falls to the template before
    expect(templateUnits(texts)).toBeNull();
  });

  it('refuses a bad confidence and an unknown set kind', () => {
    expect(compare(MODEL, MODEL, '--confidence', '2', `jsonl:${texts}`)).toMatchObject({ status: 1, err: expect.stringContaining('--confidence') });
    expect(compare(MODEL, MODEL, `csv:${texts}`)).toMatchObject({ status: 1, err: expect.stringContaining('unknown set kind: csv') });
  });
});

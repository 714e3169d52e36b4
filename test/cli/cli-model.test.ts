/** @jest-environment ./test/helpers/onnx-jest-environment.js */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main';

// The slower test: the shipped model, through the CLI as users run it (`phi-gateway redact --policy acme-clinic`).
process.env.PHI_GATEWAY_DATA_DIR = mkdtempSync(join(tmpdir(), 'phi-cli-model-'));
process.env.PHI_GATEWAY_SECRET = 'cd'.repeat(32);

/** Clinical notes and chat messages with names of several origins, in several casings. */
const CASES = [
  { text: 'Pt Maria Gonzalez was seen today by Dr. Wei Chen for follow-up.', names: ['Maria Gonzalez', 'Wei Chen'] },
  { text: 'Discharge summary: Mr. Oluwaseun Adeyemi tolerated the procedure well.', names: ['Oluwaseun Adeyemi'] },
  { text: 'Her daughter, Priya Raghunathan, will pick her up on Friday.', names: ['Priya Raghunathan'] },
  { text: 'hi, my name is john smith and my wife anna smith has the flu', names: ['john smith', 'anna smith'] },
  { text: 'Referral letter for Dmitri Volkov, 54, from Dr. Sarah Goldberg.', names: ['Dmitri Volkov', 'Sarah Goldberg'] },
  { text: 'PATIENT NAME: FATIMA AL-SAYED', names: ['FATIMA AL-SAYED'] },
  { text: 'Can you summarise the chart for Kenji Tanaka before his appointment?', names: ['Kenji Tanaka'] },
];

async function redact(lines: object[]): Promise<Array<{ id: string; text: string; items: Array<{ type: string; start: number; end: number }> }>> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const code = await main(['redact', '--policy', 'acme-clinic'], {
    stdin: Readable.from([lines.map((l) => JSON.stringify(l)).join('\n')]),
    stdout,
    stderr: new PassThrough(),
  });
  expect(code).toBe(0);
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

describe('redact CLI with the shipped NER model', () => {
  it('catches names in clinical and chat text (recall over the set) and never leaves a found name in the output', async () => {
    const results = await redact(CASES.map((c, i) => ({ id: String(i), text: c.text })));
    let total = 0;
    let caught = 0;
    results.forEach((r, i) => {
      const { text, names } = CASES[i];
      const persons = r.items.filter((it) => it.type === 'PERSON');
      for (const name of names) {
        total++;
        const start = text.indexOf(name);
        const covered = persons.some((p) => p.start <= start && p.end >= start + name.length);
        if (covered) {
          caught++;
          expect(r.text).not.toContain(name);
        }
      }
      expect(r.text).toMatch(persons.length ? /<PERSON_[a-z2-7]{10}>/ : /.*/);
    });
    // A small model will miss some names; the shipped one must catch most of them.
    expect(caught / total).toBeGreaterThanOrEqual(0.8);
  });
});

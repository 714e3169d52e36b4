import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli';

const ROOT = join(__dirname, '..', '..');
const DATA = mkdtempSync(join(tmpdir(), 'phi-cli-data-'));
process.env.PHI_GATEWAY_DATA_DIR = DATA;
process.env.PHI_GATEWAY_SECRET = 'ab'.repeat(32);

const run = runCli;

const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

describe('phi-gateway analyze', () => {
  it('writes one result per line, same order, UTF-16 offsets', async () => {
    const input = [
      { id: 'a', text: 'SSN 123-45-6789' },
      { id: 'b', text: 'nothing here' },
      { id: 'c', text: '😀😀 mail ann@example.org' },
    ];
    const { code, out } = await run(['analyze', '--no-model'], input.map((l) => JSON.stringify(l)).join('\n'));
    expect(code).toBe(0);
    const res = lines(out);
    expect(res.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(res[0].entities).toEqual([{ type: 'US_SSN', start: 4, end: 15, score: expect.any(Number), detector: 'pattern.us-ssn' }]);
    expect(res[1].entities).toEqual([]);
    const email = res[2].entities.find((e: any) => e.type === 'EMAIL_ADDRESS');
    expect(input[2].text.slice(email.start, email.end)).toBe('ann@example.org');
  });

  it('reports bad lines with their number on stderr, keeps going, exits non-zero', async () => {
    const { code, out, err } = await run(['analyze', '--no-model'], ['{"id":"1","text":"ok"}', 'not json', '{"id":2,"text":"x"}', '', '{"id":"4","text":"SSN 123-45-6789"}'].join('\n'));
    expect(code).toBe(1);
    expect(lines(out).map((r) => r.id)).toEqual(['1', '4']);
    expect(err).toContain('line 2: invalid JSON');
    expect(err).toContain('line 3: id: expected string');
    expect(err).not.toContain('123-45-6789');
  });
});

describe('phi-gateway redact', () => {
  it('redacts with a tenant policy and lists items without values', async () => {
    const { code, out } = await run(['redact', '--no-model', '--policy', 'acme-clinic'], JSON.stringify({ id: 'n1', text: 'DOB 03/14/1962, SSN 123-45-6789, zip 03601' }));
    expect(code).toBe(0);
    const [r] = lines(out);
    expect(r.id).toBe('n1');
    expect(r.text).not.toMatch(/123-45-6789|03\/14\/1962|03601/);
    expect(r.items.map((i: any) => i.type)).toEqual(expect.arrayContaining(['DATE_TIME', 'US_SSN']));
    for (const i of r.items) expect(Object.keys(i).sort()).toEqual(['detector', 'end', 'operator', 'path', 'score', 'start', 'type']);
  });

  it('takes @-handles out of chat text: HIPAA replaces them, GDPR gives stable pseudonyms; e-mail stays e-mail', async () => {
    const input = [
      { id: 'h', text: 'cc @maria_g and @dr.patel re: bed 4; mail ann@example.org' },
      { id: 'g', text: 'thanks @maria_g, and @maria_g again' },
    ];
    const hipaa = lines((await run(['redact', '--no-model', '--policy', 'acme-clinic'], JSON.stringify(input[0]))).out)[0];
    expect(hipaa.text).not.toMatch(/maria_g|patel/);
    expect(hipaa.items.map((i: any) => i.type)).toEqual(['USERNAME', 'USERNAME', 'EMAIL_ADDRESS']);
    const gdpr = lines((await run(['redact', '--no-model', '--policy', 'shopwise'], JSON.stringify(input[1]))).out)[0];
    expect(gdpr.text).not.toContain('maria_g');
    expect(gdpr.items.map((i: any) => [i.type, i.operator])).toEqual([
      ['USERNAME', 'pseudonymize'],
      ['USERNAME', 'pseudonymize'],
    ]);
    const [a, b] = gdpr.text.match(/thanks (.+), and (.+) again/).slice(1);
    expect(a).toBe(b);
  });

  it('without --policy replaces every finding with its type', async () => {
    const { out } = await run(['redact', '--no-model'], JSON.stringify({ id: 'x', text: 'mail ann@example.org now' }));
    expect(lines(out)[0].text).toBe('mail <EMAIL_ADDRESS> now');
  });

  it('writes a redacted copy of text, JSONL and CSV files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-cli-files-'));
    writeFileSync(join(dir, 'notes.txt'), 'Call (617) 555-0142\nSSN 123-45-6789\n');
    writeFileSync(join(dir, 'chat.jsonl'), `${JSON.stringify({ messages: [{ content: 'mail ann@example.org' }] })}\n`);
    writeFileSync(join(dir, 'people.csv'), 'name,email\n"Lee, Ann",ann@example.org\n');
    const { code, err } = await run(['redact', '--no-model', join(dir, 'notes.txt'), join(dir, 'chat.jsonl'), join(dir, 'people.csv')]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'notes.redacted.txt'), 'utf8')).toBe('Call <PHONE_NUMBER>\nSSN <US_SSN>\n');
    expect(JSON.parse(readFileSync(join(dir, 'chat.redacted.jsonl'), 'utf8'))).toEqual({ messages: [{ content: 'mail <EMAIL_ADDRESS>' }] });
    expect(readFileSync(join(dir, 'people.redacted.csv'), 'utf8')).toBe('name,email\n"Lee, Ann",<EMAIL_ADDRESS>\n');
    expect(err).toContain('notes.txt');
    expect(err).not.toContain('555-0142');
  });
});

describe('errors never quote input', () => {
  it('a malformed CSV names the file, line and problem, not the cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-cli-csv-'));
    writeFileSync(join(dir, 'bad.csv'), 'name,ssn\n"Ann Lee",078-05-1120"x\n');
    const r = await run(['redact', '--no-model', join(dir, 'bad.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/(^|\n)bad\.csv: line 2: invalid CSV \(\w+\)$/);
    expect(r.err).not.toMatch(/Ann|078-05-1120/);
  });
});

describe('phi-gateway policy', () => {
  it('lint accepts the shipped policies and rejects a broken one with file + path', async () => {
    const ok = await run(['policy', 'lint', join(ROOT, 'policies', 'gdpr.yaml'), join(ROOT, 'policies', 'tenants', 'acme-clinic.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/ok .*acme-clinic\.yaml \(acme-clinic, version [0-9a-f]{16}\)/);
    const bad = await run(['policy', 'lint', join(ROOT, 'test', 'fixtures', 'policies-broken', 'bad-param.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad-param\.yaml: entities\.EMAIL_ADDRESS\.params\.keep_last: expected number/);
  });

  it('show prints the resolved policy of a tenant', async () => {
    const { code, out } = await run(['policy', 'show', 'acme-clinic']);
    expect(code).toBe(0);
    expect(out).toMatch(/^id: acme-clinic$/m);
    expect(out).toMatch(/^extends:\n {2}- hipaa-safe-harbor$/m);
    expect(out).toMatch(/US_ZIP_CODE:\n {4}operator: generalize/);
  });
});

describe('the installed bin', () => {
  it('speaks the JSONL contract over real stdin/stdout and exit codes', () => {
    const bin = join(ROOT, 'bin', 'phi-gateway.js');
    const r = spawnSync(process.execPath, [bin, 'analyze', '--no-model'], {
      input: '{"id":"1","text":"card 4111 1111 1111 1111"}\n{bad\n',
      env: { ...process.env, PHI_GATEWAY_DATA_DIR: DATA },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: '1', entities: [{ type: 'CREDIT_CARD', start: 5, end: 24 }] });
    expect(r.stderr).toContain('line 2: invalid JSON');
  });
});

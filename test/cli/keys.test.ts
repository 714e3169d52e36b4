import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli';
import { Authenticator } from '../../src/http/middleware/auth';

const DIR = mkdtempSync(join(tmpdir(), 'phi-keys-'));
let n = 0;
const freshFile = () => join(DIR, `keys-${++n}.txt`);

const run = runCli;

const authFrom = (file: string) => Authenticator.fromFile(file);

describe('phi-gateway keys add', () => {
  it('prints a new key once and appends only its salted hash, which the gateway accepts for that tenant', async () => {
    const file = freshFile();
    const { code, out, err } = await run(['keys', 'add', 'acme-clinic', '--file', file]);
    expect(code).toBe(0);
    const key = out.trim();
    expect(key).toMatch(/^phi_[A-Za-z0-9_-]{43}$/);
    const content = readFileSync(file, 'utf8');
    expect(content).not.toContain(key);
    expect(content).toMatch(/^acme-clinic:sha256:[0-9a-f]{32}:[0-9a-f]{64}\n$/);
    expect(authFrom(file).authenticate(key)).toEqual({ type: 'tenant', tenant: 'acme-clinic' });
    expect(authFrom(file).authenticate(`${key}x`)).toBeUndefined();
    expect(err).toContain('line 1');
    expect(err).not.toContain(key);
    expect(err).not.toContain('warning');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('adds admin keys and keeps earlier lines, comments and a missing final newline intact', async () => {
    const file = freshFile();
    writeFileSync(file, '# operators\n');
    const t = await run(['keys', 'add', 'shopwise', '--file', file]);
    const a = await run(['keys', 'add', 'alice', '--admin', '--file', file]);
    expect([t.code, a.code]).toEqual([0, 0]);
    const auth = authFrom(file);
    expect(auth.authenticate(t.out.trim())).toEqual({ type: 'tenant', tenant: 'shopwise' });
    expect(auth.authenticate(a.out.trim())).toEqual({ type: 'admin', name: 'alice' });
    expect(t.out.trim()).not.toBe(a.out.trim());
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# operators');
    expect(a.err).toContain('line 3');

    const noNewline = freshFile();
    writeFileSync(noNewline, readFileSync(file, 'utf8').trimEnd());
    const b = await run(['keys', 'add', 'acme-clinic', '--file', noNewline]);
    expect(b.code).toBe(0);
    const auth2 = authFrom(noNewline);
    expect(auth2.authenticate(b.out.trim())).toEqual({ type: 'tenant', tenant: 'acme-clinic' });
    expect(auth2.authenticate(a.out.trim())).toEqual({ type: 'admin', name: 'alice' });
    expect(b.err).toContain('line 4');
  });

  it('hashes a key read from stdin without printing it, and refuses short, spaced or repeated keys', async () => {
    const file = freshFile();
    const key = 'k'.repeat(12) + '-existing-key-0001';
    const ok = await run(['keys', 'add', 'acme-clinic', '--stdin', '--file', file], `${key}\n`);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe('');
    expect(ok.err).not.toContain(key);
    expect(authFrom(file).authenticate(key)).toEqual({ type: 'tenant', tenant: 'acme-clinic' });
    const before = readFileSync(file, 'utf8');
    for (const bad of ['short-key', 'has a space inside it ok', key]) {
      const r = await run(['keys', 'add', 'shopwise', '--stdin', '--file', file], bad);
      expect(r.code).toBe(2);
      expect(r.err).not.toContain(bad);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('warns when a tenant has no policy, but still writes its key', async () => {
    const file = freshFile();
    const r = await run(['keys', 'add', 'no-such-tenant', '--file', file]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: no tenant policy named no-such-tenant/);
    expect(authFrom(file).authenticate(r.out.trim())).toEqual({ type: 'tenant', tenant: 'no-such-tenant' });
  });

  it('refuses a bad name, a broken keys file and a missing file option without writing', async () => {
    const file = freshFile();
    const bad = await run(['keys', 'add', 'acme clinic', '--file', file]);
    expect(bad.code).toBe(2);
    expect(existsSync(file)).toBe(false);
    const broken = freshFile();
    writeFileSync(broken, '# ok\nacme-clinic:plain-secret-key-123456\n');
    const r = await run(['keys', 'add', 'shopwise', '--file', broken]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${broken}: line 2`);
    expect(r.err).not.toContain('plain-secret-key');
    expect(readFileSync(broken, 'utf8')).toBe('# ok\nacme-clinic:plain-secret-key-123456\n');
    const saved = process.env.PHI_GATEWAY_API_KEYS_FILE;
    delete process.env.PHI_GATEWAY_API_KEYS_FILE;
    try {
      const none = await run(['keys', 'add', 'shopwise']);
      expect(none.code).toBe(2);
      expect(none.err).toContain('--file');
    } finally {
      if (saved !== undefined) process.env.PHI_GATEWAY_API_KEYS_FILE = saved;
    }
  });

  it('uses PHI_GATEWAY_API_KEYS_FILE when no --file is given', async () => {
    const file = freshFile();
    const saved = process.env.PHI_GATEWAY_API_KEYS_FILE;
    process.env.PHI_GATEWAY_API_KEYS_FILE = file;
    try {
      const r = await run(['keys', 'add', 'shopwise']);
      expect(r.code).toBe(0);
      expect(authFrom(file).authenticate(r.out.trim())).toEqual({ type: 'tenant', tenant: 'shopwise' });
    } finally {
      if (saved === undefined) delete process.env.PHI_GATEWAY_API_KEYS_FILE;
      else process.env.PHI_GATEWAY_API_KEYS_FILE = saved;
    }
  });
});

describe('phi-gateway keys list', () => {
  it('lists line, kind and name of each key and never a salt or hash', async () => {
    const file = freshFile();
    writeFileSync(file, '# comment\n\n');
    await run(['keys', 'add', 'acme-clinic', '--file', file]);
    await run(['keys', 'add', 'root', '--admin', '--file', file]);
    const r = await run(['keys', 'list', '--file', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('3\ttenant\tacme-clinic\n4\tadmin\troot\n');
    const missing = await run(['keys', 'list', '--file', join(DIR, 'absent.txt')]);
    expect(missing.code).toBe(2);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator, generateApiKey, hashedKeyLine } from '../../src/http/middleware/auth';
import { ConfigError } from '../../src/errors';

describe('API key authentication', () => {
  const a = 'acme-key-0123456789abcdef';
  const s = 'shop-key-0123456789abcdef';

  it('maps keys to tenants and admins; unknown, prefix and empty keys fail', () => {
    const auth = new Authenticator({ apiKeys: [{ tenant: 'acme', key: a }, { tenant: 'shop', key: s }], adminKeys: [{ tenant: 'ops', key: 'ops-key-0123456789abcdef' }] });
    expect(auth.authenticate(a)).toEqual({ type: 'tenant', tenant: 'acme' });
    expect(auth.authenticate(s)).toEqual({ type: 'tenant', tenant: 'shop' });
    expect(auth.authenticate('ops-key-0123456789abcdef')).toEqual({ type: 'admin', name: 'ops' });
    expect(auth.authenticate(a.slice(0, -1))).toBeUndefined();
    expect(auth.authenticate(`${a}x`)).toBeUndefined();
    expect(auth.authenticate('')).toBeUndefined();
  });

  it('reads a file of salted hashes (the file never holds a key)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-keys-'));
    try {
      const k1 = generateApiKey();
      const k2 = generateApiKey();
      const file = join(dir, 'keys');
      writeFileSync(file, `# comment\n${hashedKeyLine('acme', k1)}\n${hashedKeyLine('ops', k2, true)}\n`);
      const auth = Authenticator.fromFile(file);
      expect(auth.authenticate(k1)).toEqual({ type: 'tenant', tenant: 'acme' });
      expect(auth.authenticate(k2)).toEqual({ type: 'admin', name: 'ops' });
      expect(auth.authenticate(generateApiKey())).toBeUndefined();
      const text = require('node:fs').readFileSync(file, 'utf8') as string;
      expect(text).not.toContain(k1);
      // Same key, two lines → two different salts and hashes.
      expect(hashedKeyLine('acme', k1)).not.toBe(hashedKeyLine('acme', k1));
      writeFileSync(file, 'acme:md5:00:11\n');
      expect(() => Authenticator.fromFile(file)).toThrow(ConfigError);
      expect(() => Authenticator.fromFile(join(dir, 'missing'))).toThrow(/PHI_GATEWAY_API_KEYS_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares every entry (no early exit): work per attempt does not depend on which key matched', () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ tenant: `t${i}`, key: `key-${i}-0123456789abcdef` }));
    const auth = new Authenticator({ apiKeys: entries });
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    auth.authenticate(entries[0].key);
    const first = spy.mock.calls.length;
    spy.mockClear();
    auth.authenticate(entries[49].key);
    const last = spy.mock.calls.length;
    spy.mockClear();
    auth.authenticate('nope-0123456789abcdef');
    expect(first).toBe(50);
    expect(last).toBe(50);
    expect(spy.mock.calls.length).toBe(50);
    spy.mockRestore();
  });
});

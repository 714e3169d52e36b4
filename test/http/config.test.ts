import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/errors';

const base = { NODE_ENV: 'test' } as NodeJS.ProcessEnv;

describe('config from the environment', () => {
  it('has documented defaults', () => {
    const c = loadConfig(base, '/srv');
    expect(c).toMatchObject({
      port: 8080,
      dataDir: '/srv/data',
      policiesDir: '/srv/policies',
      bodyLimitBytes: 1024 * 1024,
      jsonDepthLimit: 64,
      store: 'sqlite',
      logLevel: 'info',
      upstreamTimeoutMs: 30000,
      apiKeys: [],
    });
  });

  it('parses keys, sizes and the store', () => {
    const c = loadConfig({
      ...base,
      PORT: '9000',
      PHI_GATEWAY_API_KEYS: 'acme:abcdefghijklmnop1234, shop:qrstuvwxyz0123456789',
      PHI_GATEWAY_ADMIN_KEYS: 'ops:adminadminadminadmin',
      PHI_GATEWAY_BODY_LIMIT: '512kb',
      PHI_GATEWAY_DATABASE_URL: 'postgres://u@localhost/db',
    });
    expect(c.port).toBe(9000);
    expect(c.apiKeys).toEqual([
      { tenant: 'acme', key: 'abcdefghijklmnop1234' },
      { tenant: 'shop', key: 'qrstuvwxyz0123456789' },
    ]);
    expect(c.adminKeys).toEqual([{ tenant: 'ops', key: 'adminadminadminadmin' }]);
    expect(c.bodyLimitBytes).toBe(512 * 1024);
    expect(c.store).toBe('postgres');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PHI_GATEWAY_BODY_LIMIT', '1 gigabyte'],
    ['PHI_GATEWAY_JSON_DEPTH_LIMIT', '-3'],
    ['LOG_LEVEL', 'loud-secret-value'],
    ['PHI_GATEWAY_API_KEYS', 'acme:short'],
    ['PHI_GATEWAY_API_KEYS', 'no-colon-secret-key-material'],
    ['PHI_GATEWAY_DATABASE_URL', 'mysql://secret-password@host/db'],
    ['PHI_GATEWAY_POLICY_WATCH', 'maybe'],
    ['PHI_GATEWAY_STORE', 'mongo'],
    ['PHI_GATEWAY_LEGACY_KEY_TENANTS', 'acme, bad tenant/secret'],
  ])('a bad %s fails naming the variable, never the value', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ ...base, [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain(name);
    expect(msg).not.toContain(value);
  });

  it('PHI_GATEWAY_LEGACY_KEY_TENANTS: comma-separated tenants, none by default', () => {
    expect(loadConfig(base).legacyKeyTenants).toEqual([]);
    expect(loadConfig({ ...base, PHI_GATEWAY_LEGACY_KEY_TENANTS: ' acme-clinic, shopwise ,' }).legacyKeyTenants).toEqual(['acme-clinic', 'shopwise']);
  });

  it('production requires the secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PHI_GATEWAY_SECRET/);
  });

  it('postgres store requires a URL', () => {
    expect(() => loadConfig({ ...base, PHI_GATEWAY_STORE: 'postgres' })).toThrow(/PHI_GATEWAY_DATABASE_URL/);
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '../../src/index';
import { SqliteTenantSalts } from '../../src/store/sqlite-tenant-salts';
import { capturingLogger, localGatewayEnv, REPO } from '../helpers/local-gateway';
import { pgAvailable, startPgCluster, type PgCluster } from '../store/pg-cluster';

/** The process entry, in-process: what `npm start` and the Docker image run. Listens on 127.0.0.1 only. */
const KEY = 'acme-test-key-0123456789abcdef';

async function exercise(gw: RunningGateway) {
  const ready = await fetch(`${gw.url}/readyz`);
  expect(ready.status).toBe(200);
  const body = (await ready.json()) as { checks: { model: { detail: { status: string } } } };
  expect(body.checks.model.detail.status).toBe('absent');
  const r = await fetch(`${gw.url}/v1/redact`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'SSN 536-22-8726' }),
  });
  expect(r.status).toBe(200);
  const j = (await r.json()) as { text: string };
  expect(j.text).not.toContain('536-22-8726');
  const v = await fetch(`${gw.url}/audit/verify`, { headers: { authorization: `Bearer ${KEY}` } });
  expect(((await v.json()) as { ok: boolean; checked: number }).ok).toBe(true);
}

describe('startGateway (process entry)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('starts with SQLite under the data dir, serves, and shuts down gracefully', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-start-'));
    dirs.push(dir);
    const { logger, lines } = capturingLogger();
    // Patterns only (no model dir): the model under models/ is tested by the NER suites (loading it here would be slow).
    const gw = await startGateway(localGatewayEnv(dir, { PHI_GATEWAY_API_KEYS: `acme-clinic:${KEY}` }), { logger });
    try {
      await exercise(gw);
    } finally {
      await gw.close();
    }
    expect(lines.join('')).toContain('PHI_GATEWAY_SECRET is not set');
    expect(lines.join('')).not.toContain(KEY);
  });

  it('PHI_GATEWAY_LEGACY_KEY_TENANTS: named tenants keep their pre-salt keys; the others get a random salt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-start-'));
    dirs.push(dir);
    const env = localGatewayEnv(dir, {
      PHI_GATEWAY_API_KEYS: `acme-clinic:${KEY},shopwise:${KEY}-shop`,
      PHI_GATEWAY_LEGACY_KEY_TENANTS: 'acme-clinic',
    });
    const { logger, lines } = capturingLogger();
    const gw = await startGateway(env, { logger });
    try {
      const r = await fetch(`${gw.url}/v1/redact`, { method: 'POST', headers: { authorization: `Bearer ${KEY}-shop`, 'content-type': 'application/json' }, body: '{"text":"x"}' });
      expect(r.status).toBe(200);
    } finally {
      await gw.close();
    }
    expect(lines.join('')).toContain('tenants keep their pre-salt keys until their first shred');
    const salts = new SqliteTenantSalts(join(dir, 'data', 'vault.sqlite'));
    try {
      expect((await salts.current('acme-clinic')).generation).toBe(0);
      expect((await salts.current('shopwise')).generation).toBe(1);
    } finally {
      await salts.close();
    }
  });

  it('prints one generated key per tenant in development when no keys are set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-start-'));
    dirs.push(dir);
    const printed: string[] = [];
    const gw = await startGateway(
      localGatewayEnv(dir, { NODE_ENV: 'development', PHI_GATEWAY_DATA_DIR: dir }),
      { logger: capturingLogger().logger, print: (l) => printed.push(l) },
    );
    await gw.close();
    const keyLines = printed.filter((l) => /^\s+[a-z0-9-]+: phi_/.test(l));
    expect(keyLines.map((l) => l.trim().split(':')[0]).sort()).toEqual(['acme-clinic', 'shopwise']);
  });

  it('refuses to start in production without keys or secret, naming the variable', async () => {
    await expect(startGateway({ NODE_ENV: 'production', PORT: '0', PHI_GATEWAY_POLICIES: join(REPO, 'policies') }, { logger: capturingLogger().logger })).rejects.toThrow(
      /PHI_GATEWAY_SECRET/,
    );
    await expect(
      startGateway({ NODE_ENV: 'test', PORT: 'http', PHI_GATEWAY_POLICIES: join(REPO, 'policies') }, { logger: capturingLogger().logger }),
    ).rejects.toThrow(/PORT/);
  });

  it('graceful shutdown lets an in-flight proxied request finish, then refuses new connections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-start-'));
    dirs.push(dir);
    const { createServer } = await import('node:http');
    let arrived!: () => void;
    const atUpstream = new Promise<void>((ok) => (arrived = ok));
    const slow = createServer((_req, res) => {
      arrived();
      setTimeout(() => res.end('{"done":true}'), 400);
    });
    await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
    const port = (slow.address() as { port: number }).port;
    const { mkdirSync, writeFileSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'policies', 'tenants'), { recursive: true });
    copyFileSync(join(REPO, 'policies', 'gdpr.yaml'), join(dir, 'policies', 'gdpr.yaml'));
    writeFileSync(join(dir, 'policies', 'tenants', 't.yaml'), `tenant: t\nextends: gdpr\nupstreams:\n  slow: http://127.0.0.1:${port}/\n`);
    const gw = await startGateway(
      localGatewayEnv(dir, { PHI_GATEWAY_POLICIES: join(dir, 'policies'), PHI_GATEWAY_API_KEYS: `t:${KEY}` }),
      { logger: capturingLogger().logger },
    );
    try {
      const inflight = fetch(`${gw.url}/proxy/slow/x`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{"a":1}' });
      await atUpstream; // the request is in flight inside the gateway
      const closing = gw.close();
      const res = await inflight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ done: true });
      await closing;
      await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
    } finally {
      await gw.close();
      slow.close();
    }
  });

  (pgAvailable() ? describe : describe.skip)('with PostgreSQL', () => {
    let cluster: PgCluster;
    beforeAll(async () => {
      cluster = await startPgCluster();
    }, 120000);
    afterAll(() => cluster?.stop());

    /** A gateway on the throwaway cluster, with its own data dir; patterns only (the NER suites test the model). */
    async function startOnPg(extra: Record<string, string> = {}): Promise<RunningGateway> {
      const dir = mkdtempSync(join(tmpdir(), 'phi-start-'));
      dirs.push(dir);
      return startGateway(
        localGatewayEnv(dir, { PHI_GATEWAY_API_KEYS: `acme-clinic:${KEY}`, PHI_GATEWAY_DATABASE_URL: cluster.url, ...extra }),
        { logger: capturingLogger().logger },
      );
    }

    it('runs the same flow with PHI_GATEWAY_DATABASE_URL', async () => {
      const gw = await startOnPg();
      try {
        expect(gw.config.store).toBe('postgres');
        await exercise(gw);
      } finally {
        await gw.close();
      }
    });

    it('holds a tenant to one rate limit across two replicas on the same database', async () => {
      const [a, b] = [await startOnPg({ PHI_GATEWAY_RATE_LIMIT: '0.01/3' }), await startOnPg({ PHI_GATEWAY_RATE_LIMIT: '0.01/3' })];
      try {
        const redact = (gw: RunningGateway) =>
          fetch(`${gw.url}/v1/redact`, {
            method: 'POST',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({ text: 'SSN 536-22-8726' }),
          });
        const statuses = [];
        for (const gw of [a, b, a, b]) statuses.push((await redact(gw)).status);
        // a burst of 3 for the tenant in all: each replica alone would have let all four through
        expect(statuses).toEqual([200, 200, 200, 429]);
        const refused = await redact(a);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(90);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('two replicas share tenant keys, and a shred on one stops decryption on the other at once', async () => {
      // A tenant whose phone numbers are encrypted (admin can re-identify), on two replicas with one master secret.
      const policies = mkdtempSync(join(tmpdir(), 'phi-policies-'));
      dirs.push(policies);
      mkdirSync(join(policies, 'tenants'));
      copyFileSync(join(REPO, 'policies', 'hipaa-safe-harbor.yaml'), join(policies, 'hipaa-safe-harbor.yaml'));
      writeFileSync(join(policies, 'tenants', 'erasable.yaml'), 'tenant: erasable\nextends: hipaa-safe-harbor\nentities:\n  PHONE_NUMBER: { operator: encrypt }\n');
      const ADMIN = 'admin-test-key-0123456789abcdef';
      const env = {
        PHI_GATEWAY_POLICIES: policies,
        PHI_GATEWAY_API_KEYS: `erasable:${KEY}`,
        PHI_GATEWAY_ADMIN_KEYS: `ops:${ADMIN}`,
        PHI_GATEWAY_SECRET: 'ab'.repeat(32),
      };
      const [a, b] = [await startOnPg(env), await startOnPg(env)];
      const call = (gw: RunningGateway, method: string, path: string, key: string, body?: unknown) =>
        fetch(`${gw.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
      try {
        const PHONE = '(617) 555-0142';
        const red = await call(a, 'POST', '/v1/redact', KEY, { text: `call ${PHONE}` });
        expect(red.body.text).toMatch(/^call <ENC:PHONE_NUMBER:[A-Za-z0-9_-]+>$/);
        const before = await call(b, 'POST', '/v1/restore', ADMIN, { tenant: 'erasable', text: red.body.text });
        expect(before.body).toMatchObject({ text: `call ${PHONE}`, decrypted: 1 });
        const erased = await call(a, 'DELETE', '/v1/tenants/erasable/vault', ADMIN);
        expect(erased.status).toBe(200);
        expect(erased.body.keyGeneration).toBe(2);
        const after = await call(b, 'POST', '/v1/restore', ADMIN, { tenant: 'erasable', text: red.body.text });
        expect(after.body).toMatchObject({ text: red.body.text, decrypted: 0 });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});

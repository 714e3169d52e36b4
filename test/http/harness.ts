import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app';
import { createDefaultRegistry } from '../../src/detectors/registry';
import type { Detector } from '../../src/detectors/types';
import { createEngine } from '../../src/engine/engine';
import { KeyRing } from '../../src/keys/key-ring';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics';
import { PolicyStore } from '../../src/policy/store';
import { SqliteAuditStore } from '../../src/store/sqlite-audit-store';
import { SqliteTenantSalts } from '../../src/store/sqlite-tenant-salts';
import { SqliteVaultStore } from '../../src/store/sqlite-vault-store';
import type { AppDeps } from '../../src/http/types';

const REPO = join(__dirname, '..', '..');

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local upstream on 127.0.0.1 that records what it receives. */
export class FakeUpstream {
  readonly received: Received[] = [];
  server!: Server;
  port = 0;
  /** Override per test. Default: echo `{ ok, received }` as JSON. */
  handler: (req: Received, res: ServerResponse) => void = (r, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, received: r.body }));
  };

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        this.handler(r, res);
      });
    });
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections?.();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

/** Detectors for fault tests; enabled only by the policies that name them. */
export const boomDetector: Detector = {
  id: 'test.boom',
  kind: 'custom',
  entities: ['PERSON'],
  enabledByDefault: false,
  detect() {
    throw new Error('boom with secret 123-45-6789');
  },
};
export const hangDetector: Detector = {
  id: 'test.hang',
  kind: 'custom',
  entities: ['PERSON'],
  enabledByDefault: false,
  detect: () => new Promise((ok) => setTimeout(() => ok([]), 2000)),
};

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  upstream: FakeUpstream;
  policies: PolicyStore;
  audit: SqliteAuditStore;
  vault: SqliteVaultStore;
  salts: SqliteTenantSalts;
  logs: string[];
  dir: string;
  policiesDir: string;
  keys: { alpha: string; beta: string; gamma: string; delta: string; admin: string };
  closedPort: number;
  close(): Promise<void>;
}

export function tenantYaml(name: string, upstreamPort: number, closedPort: number, extra = ''): string {
  return `tenant: ${name}
extends: hipaa-safe-harbor
threshold: 0.5
upstreams:
  echo:
    url: http://127.0.0.1:${upstreamPort}/api
    headers:
      authorization: { value_from_env: ${name.toUpperCase()}_UPSTREAM_AUTH }
    timeout_ms: 3000
  slow:
    url: http://127.0.0.1:${upstreamPort}/slow
    timeout_ms: 300
  down:
    url: http://127.0.0.1:${closedPort}/x
restore: true
${extra}`;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

export async function startHarness(opts: { config?: Partial<AppDeps['config']> } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'phi-http-'));
  const policiesDir = join(dir, 'policies');
  mkdirSync(join(policiesDir, 'tenants'), { recursive: true });
  for (const f of ['hipaa-safe-harbor.yaml', 'gdpr.yaml']) copyFileSync(join(REPO, 'policies', f), join(policiesDir, f));
  const upstream = new FakeUpstream();
  await upstream.start();
  const cp = await closedPort();
  writeFileSync(join(policiesDir, 'tenants', 'alpha.yaml'), tenantYaml('alpha', upstream.port, cp, 'entities:\n  EMAIL_ADDRESS: { operator: tokenize }\n  PHONE_NUMBER: { operator: encrypt }\n  IP_ADDRESS: { operator: hash }\n'));
  writeFileSync(
    join(policiesDir, 'tenants', 'beta.yaml'),
    tenantYaml('beta', upstream.port, cp, 'entities:\n  IP_ADDRESS: { operator: hash }\n').replace('upstreams:\n', `upstreams:\n  betaonly:\n    url: http://127.0.0.1:${upstream.port}/beta\n`),
  );
  writeFileSync(join(policiesDir, 'tenants', 'gamma.yaml'), tenantYaml('gamma', upstream.port, cp, 'detectors:\n  test.boom: { enabled: true }\n'));
  writeFileSync(
    join(policiesDir, 'tenants', 'delta.yaml'),
    tenantYaml('delta', upstream.port, cp, 'detectors:\n  test.hang: { enabled: true }\ndetector_timeout_ms: 100\n'),
  );
  const policies = new PolicyStore(policiesDir);
  policies.load();

  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', stream });
  const metrics = createMetrics();
  const audit = new SqliteAuditStore(join(dir, 'data', 'audit.sqlite'));
  const vault = new SqliteVaultStore(join(dir, 'data', 'vault.sqlite'));
  const registry = createDefaultRegistry();
  registry.register(boomDetector);
  registry.register(hangDetector);
  const salts = new SqliteTenantSalts(join(dir, 'data', 'vault.sqlite'));
  const keyRing = new KeyRing(randomBytes(32), { salts, refreshMs: 0 }); // every request reads its tenant's salt
  const engine = createEngine({ registry, keys: keyRing, vault });
  const keys = {
    alpha: `alpha-${randomBytes(16).toString('hex')}`,
    beta: `beta-${randomBytes(16).toString('hex')}`,
    gamma: `gamma-${randomBytes(16).toString('hex')}`,
    delta: `delta-${randomBytes(16).toString('hex')}`,
    admin: `admin-${randomBytes(16).toString('hex')}`,
  };
  const deps: AppDeps = {
    config: {
      bodyLimitBytes: 1024 * 1024,
      jsonDepthLimit: 32,
      batchMaxItems: 5,
      upstreamTimeoutMs: 3000,
      upstreamMaxResponseBytes: 1024 * 1024,
      trustProxy: false,
      apiKeys: (['alpha', 'beta', 'gamma', 'delta'] as const).map((t) => ({ tenant: t, key: keys[t] })),
      adminKeys: [{ tenant: 'ops', key: keys.admin }],
      ...opts.config,
    },
    policies,
    engine,
    keys: keyRing,
    audit,
    vault,
    logger,
    metrics,
    env: { ALPHA_UPSTREAM_AUTH: 'Bearer upstream-alpha-credential', BETA_UPSTREAM_AUTH: 'Bearer upstream-beta-credential', GAMMA_UPSTREAM_AUTH: 'x', DELTA_UPSTREAM_AUTH: 'x' },
    readiness: { detectors: () => ({ ok: true, detail: { count: registry.list().length } }), model: () => ({ ok: true, detail: { status: 'absent' } }) },
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    upstream,
    policies,
    audit,
    vault,
    salts,
    logs,
    dir,
    policiesDir,
    keys,
    closedPort: cp,
    async close() {
      await upstream.stop();
      await audit.close();
      await vault.close();
      await salts.close();
      logger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (k: string) => ({ Authorization: `Bearer ${k}` });

/** POST raw bytes to the app over a real socket on 127.0.0.1. */
export async function rawPost(h: Harness, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { request: httpRequest } = await import('node:http');
  const server = h.app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const port = (server.address() as AddressInfo).port;
  try {
    return await new Promise((resolve, reject) => {
      const chunked = headers['transfer-encoding'] === 'chunked';
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      // The server may answer (413) and close before the whole body was written: only fail without a response.
      req.on('error', (e) => setTimeout(() => reject(e), 500));
      if (chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}

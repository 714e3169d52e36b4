/**
 * HTTP bench (issue 3): the gateway (`node dist/src/index.js`, its own process, SQLite store, pattern detectors)
 * in front of a local echo upstream (another process); autocannon (this process) posts the 1 KB chat-like JSON
 * body from bench/corpus.ts to `POST /v1/redact` and to the proxy route, and the same body straight to the echo
 * server, at 1, 10 and 50 connections for a bounded time each. The difference proxy − direct is the gateway's
 * added latency. Everything listens on 127.0.0.1 only; the policies live in a temporary folder.
 *
 * Tenant `bench-clinic` is the shipped `acme-clinic` tenant (extends hipaa-safe-harbor: tokenize into the
 * vault, date shift, restore in responses) with its upstream replaced by the echo server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { packageRoot } from '../src/package-root';
import { chatBody } from './corpus';
import { SkipPart, load, log, packageVersion, round } from './util';

// autocannon ships no types: the part of its result used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const HOST = '127.0.0.1';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, HOST, () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resident set size of a process, from /proc (MB). */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const ECHO_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { 'content-type': req.headers['content-type'] || 'application/json', 'content-length': body.length });
    res.end(body);
  });
}).listen(Number(process.env.ECHO_PORT), '127.0.0.1', () => process.send && process.send('ready'));
`;

export interface Gateway {
  url: string;
  pid: number;
  apiKey: string;
  tenant: string;
  stop(): Promise<void>;
}

/**
 * Start `node dist/src/index.js` on 127.0.0.1 with a temporary data dir and policies dir: the shipped base profiles
 * plus tenant `bench-clinic` (acme-clinic with its upstreams replaced by `upstreams`). `modelDir: null` = patterns
 * only.
 */
export async function startGateway(opts: { upstreams?: Record<string, string>; modelDir: string | null; nerThreads?: number }): Promise<Gateway> {
  const root = packageRoot();
  const entry = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) throw new SkipPart('dist/src/index.js is missing (src/index.ts not written yet, or not built)');
  const dir = mkdtempSync(join(tmpdir(), 'phi-bench-'));
  const policies = join(dir, 'policies');
  mkdirSync(join(policies, 'tenants'), { recursive: true });
  for (const f of readdirSync(join(root, 'policies'))) if (/\.ya?ml$/.test(f)) copyFileSync(join(root, 'policies', f), join(policies, f));
  const tenant = parse(readFileSync(join(root, 'policies', 'tenants', 'acme-clinic.yaml'), 'utf8')) as Record<string, unknown>;
  tenant.tenant = 'bench-clinic';
  tenant.upstreams = Object.fromEntries(Object.entries(opts.upstreams ?? {}).map(([k, url]) => [k, { url }]));
  writeFileSync(join(policies, 'tenants', 'bench-clinic.yaml'), stringify(tenant));

  const apiKey = `bench_${randomBytes(24).toString('hex')}`;
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST,
      PORT: String(port),
      PHI_GATEWAY_DATA_DIR: join(dir, 'data'),
      PHI_GATEWAY_POLICIES: policies,
      PHI_GATEWAY_SECRET: randomBytes(32).toString('hex'),
      PHI_GATEWAY_API_KEYS: `bench-clinic:${apiKey}`,
      PHI_GATEWAY_MODEL_DIR: opts.modelDir ?? join(dir, 'no-model'),
      ...(opts.nerThreads ? { PHI_GATEWAY_NER_THREADS: String(opts.nerThreads) } : {}),
      PHI_GATEWAY_POLICY_WATCH: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://${HOST}:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((ok) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          ok();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          ok();
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/readyz`, 120_000, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, apiKey, tenant: 'bench-clinic', stop };
}

async function startEcho(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const echo = spawn(process.execPath, ['-e', ECHO_SERVER], { env: { PATH: process.env.PATH, ECHO_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((ok, fail) => {
    echo.once('message', () => ok());
    echo.once('exit', (code) => fail(new Error(`echo server exited (${code})`)));
  });
  return { url: `http://${HOST}:${port}`, stop: () => echo.kill('SIGTERM') };
}

interface Target {
  target: 'direct echo' | 'gateway proxy' | 'gateway /v1/redact';
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface HttpRun {
  target: Target['target'];
  connections: number;
  durationS: number;
  requests: number;
  requestsPerS: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  loadavg: number[];
}

export async function runHttpBench(opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const duration = opts.quick ? 3 : 10;
  const warmup = opts.quick ? 1 : 2;
  const echo = await startEcho();
  let gw: Gateway | undefined;
  try {
    gw = await startGateway({ upstreams: { echo: `${echo.url}/v1` }, modelDir: null });
    log(`http: gateway pid ${gw.pid} at ${gw.url}, echo at ${echo.url}`);
    const { body, values } = chatBody();
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${gw.apiKey}` };
    const redactBody = JSON.stringify({ json: JSON.parse(body) });

    // Sanity: both routes answer 200 and /v1/redact removes the seeded values.
    const check = await fetch(`${gw.url}/v1/redact`, { method: 'POST', headers: auth, body: redactBody });
    const checkText = await check.text();
    const leaked = Object.entries(values).filter(([, v]) => checkText.includes(v)).map(([type]) => type);
    const proxied = await fetch(`${gw.url}/proxy/echo/chat/completions`, { method: 'POST', headers: auth, body });
    await proxied.arrayBuffer();
    if (check.status !== 200 || proxied.status !== 200) throw new Error(`sanity check failed: /v1/redact ${check.status}, proxy ${proxied.status}`);

    const targets: Target[] = [
      { target: 'direct echo', url: `${echo.url}/v1/chat/completions`, body, headers: { 'content-type': 'application/json' } },
      { target: 'gateway proxy', url: `${gw.url}/proxy/echo/chat/completions`, body, headers: auth },
      { target: 'gateway /v1/redact', url: `${gw.url}/v1/redact`, body: redactBody, headers: auth },
    ];
    const runs: HttpRun[] = [];
    for (const connections of [1, 10, 50]) {
      for (const t of targets) {
        const base = { url: t.url, method: 'POST', body: t.body, headers: t.headers, connections, timeout: 30 };
        await autocannon({ ...base, duration: warmup });
        const r = await autocannon({ ...base, duration });
        const run: HttpRun = {
          target: t.target,
          connections,
          durationS: duration,
          requests: r.requests.total,
          requestsPerS: round(r.requests.average, 1),
          latencyMs: { p50: r.latency.p50, p99: r.latency.p99, mean: round(r.latency.average, 2), max: r.latency.max },
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          loadavg: load(),
        };
        runs.push(run);
        log(`http: ${t.target} c=${connections}: ${run.requestsPerS} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, non-2xx ${run.non2xx}`);
      }
    }
    const added = [1, 10, 50].map((c) => {
      const d = runs.find((r) => r.target === 'direct echo' && r.connections === c)!;
      const p = runs.find((r) => r.target === 'gateway proxy' && r.connections === c)!;
      return { connections: c, p50: round(p.latencyMs.p50 - d.latencyMs.p50, 2), p99: round(p.latencyMs.p99 - d.latencyMs.p99, 2), mean: round(p.latencyMs.mean - d.latencyMs.mean, 2) };
    });
    return {
      method:
        `autocannon ${packageVersion('autocannon')} in the bench process; gateway and echo upstream in their own processes; ${warmup} s warm-up then ${duration} s per run; ` +
        `same ${Buffer.byteLength(body)}-byte chat-completions JSON for the proxy and the echo server (/v1/redact gets it wrapped as {"json": …}); all on 127.0.0.1`,
      bodyBytes: Buffer.byteLength(body),
      tenant: 'bench-clinic = shipped acme-clinic (extends hipaa-safe-harbor; tokenize, date_shift, restore: true) with upstream echo',
      sanity: { redactStatus: check.status, proxyStatus: proxied.status, seededTypesSurvivingRedact: leaked },
      gatewayRssMbAfter: gw ? round(rssMb(gw.pid) ?? NaN, 1) : null,
      runs,
      added,
      notes: [
        'gateway: NODE_ENV=production, SQLite store under a temp dir (one durable audit append per request, vault writes for tokenize), pattern detectors only (no NER model)',
        'load generator, gateway and echo upstream share the same 2 cores with other work; at 10 and 50 connections the added latency is mostly queueing behind the gateway’s throughput, the 1-connection row is the per-request cost',
      ],
    };
  } finally {
    await gw?.stop();
    echo.stop();
  }
}


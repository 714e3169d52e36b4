/**
 * Gateway HTTP bench (issue 3): autocannon against `/v1/redact` and the proxy with a 1 KB chat-like JSON body at 10
 * and 50 connections, plus the same load sent directly to the local echo upstream, to give the gateway's added
 * latency. The gateway runs as its own process (`node dist/src/index.js`, SQLite store, pattern detectors) and the
 * echo upstream as another, so the load generator does not share their event loops. Everything binds 127.0.0.1;
 * every run is bounded in time.
 *
 * Usage: `node dist/bench/gateway.js [--quick]` (prints JSON), or `runGatewayBench()` from `bench/run.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export interface GatewayBenchRow {
  target: 'direct-echo' | 'proxy' | 'redact';
  connections: number;
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitReady(url: string, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`not ready: ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A 1 KB chat-like body with a few identifiers for the detectors to find. */
export function chatBody(): string {
  const filler = 'The patient reports mild headaches in the mornings and asks whether the dosage should change. ';
  const body = {
    model: 'bench-model',
    messages: [
      { role: 'system', content: 'You are a careful clinical assistant. Answer briefly.' },
      { role: 'user', content: `Patient SSN 536-22-8726, phone (212) 736-4412, e-mail maria.gonzalez@healthmail.example. ${filler}` },
      { role: 'assistant', content: 'Thank you. Could you share the current dosage and any other medication?' },
      { role: 'user', content: `${filler}${filler}Card on file 4111 1111 1111 1111 for the copay.` },
    ],
  };
  let s = JSON.stringify(body);
  while (Buffer.byteLength(s) < 1024) {
    body.messages[2].content += ' Noted.';
    s = JSON.stringify(body);
  }
  return s;
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

export async function runGatewayBench(opts: { quick?: boolean } = {}): Promise<{ rows: GatewayBenchRow[]; addedLatencyMs: Record<string, { p50: number; p99: number }>; bodyBytes: number; notes: string[] }> {
  const root = packageRoot();
  const entry = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/src/index.js missing: run `npm run build` first');
  const duration = opts.quick ? 2 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'phi-bench-'));
  const children: ChildProcess[] = [];
  try {
    const echoPort = await freePort();
    const echo = spawn(process.execPath, ['-e', ECHO_SERVER], { env: { ...process.env, ECHO_PORT: String(echoPort) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(echo);
    await new Promise<void>((ok) => echo.once('message', () => ok()));

    const policies = join(dir, 'policies');
    mkdirSync(join(policies, 'tenants'), { recursive: true });
    for (const f of ['hipaa-safe-harbor.yaml', 'gdpr.yaml']) copyFileSync(join(root, 'policies', f), join(policies, f));
    writeFileSync(
      join(policies, 'tenants', 'bench.yaml'),
      `tenant: bench\nextends: hipaa-safe-harbor\nupstreams:\n  echo: http://127.0.0.1:${echoPort}/\nrestore: false\n`,
    );
    const key = `bench-${randomBytes(16).toString('hex')}`;
    const gwPort = await freePort();
    const gw = spawn(process.execPath, [entry], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(gwPort),
        PHI_GATEWAY_DATA_DIR: join(dir, 'data'),
        PHI_GATEWAY_POLICIES: policies,
        PHI_GATEWAY_SECRET: randomBytes(32).toString('hex'),
        PHI_GATEWAY_API_KEYS: `bench:${key}`,
        PHI_GATEWAY_MODEL_DIR: join(dir, 'no-model'),
        PHI_GATEWAY_POLICY_WATCH: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gw);
    await waitReady(`http://127.0.0.1:${gwPort}/readyz`);

    const body = chatBody();
    const redactBody = JSON.stringify({ json: JSON.parse(body) });
    const rows: GatewayBenchRow[] = [];
    const targets: Array<{ target: GatewayBenchRow['target']; url: string; body: string; headers: Record<string, string> }> = [
      { target: 'direct-echo', url: `http://127.0.0.1:${echoPort}/v1/chat/completions`, body, headers: { 'content-type': 'application/json' } },
      { target: 'proxy', url: `http://127.0.0.1:${gwPort}/proxy/echo/v1/chat/completions`, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } },
      { target: 'redact', url: `http://127.0.0.1:${gwPort}/v1/redact`, body: redactBody, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } },
    ];
    for (const connections of [10, 50]) {
      for (const t of targets) {
        // Short warm-up, then the measured run.
        await autocannon({ url: t.url, method: 'POST', body: t.body, headers: t.headers, connections, duration: 1 });
        const r = await autocannon({ url: t.url, method: 'POST', body: t.body, headers: t.headers, connections, duration });
        rows.push({
          target: t.target,
          connections,
          durationS: duration,
          reqPerSec: Math.round(r.requests.average),
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      }
    }
    const addedLatencyMs: Record<string, { p50: number; p99: number }> = {};
    for (const c of [10, 50]) {
      const d = rows.find((r) => r.target === 'direct-echo' && r.connections === c)!;
      const p = rows.find((r) => r.target === 'proxy' && r.connections === c)!;
      addedLatencyMs[`proxy_vs_direct_c${c}`] = { p50: p.p50Ms - d.p50Ms, p99: p.p99Ms - d.p99Ms };
    }
    return {
      rows,
      addedLatencyMs,
      bodyBytes: Buffer.byteLength(body),
      notes: [
        'gateway: separate process, NODE_ENV=production, SQLite store (WAL, synchronous=FULL: one durable audit append per request), pattern detectors only',
        'load generator, gateway and echo upstream share the same machine and cores',
      ],
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runGatewayBench({ quick: process.argv.includes('--quick') }).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`gateway bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

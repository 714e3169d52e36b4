/**
 * PostgreSQL audit appends (grouped commits): a throwaway PostgreSQL 15 cluster on 127.0.0.1 (the test suite's
 * helper), one `PgAuditStore`, and C callers appending for one tenant at once, each append a request record and 3
 * item records (a typical redaction). Two ways, interleaved per concurrency: `grouped` (what the store does: a
 * tenant's appends that queue while a transaction is in flight share the next one) and `one transaction per append`
 * (the store before grouping; the same SQL, one group per call). Bounded: a fixed number of appends per run.
 * Skipped when the PostgreSQL binaries are absent.
 */
import { Client, type Pool } from 'pg';
import { verifyChain } from '../src/audit/chain';
import { emptyInput, type AuditInput, type AuditRecord } from '../src/audit/types';
import { PgAuditStore } from '../src/store/pg-audit-store';
import { pgAvailable, startPgCluster } from '../test/store/pg-cluster';
import { SkipPart, load, log, nowMs, round } from './util';

type Way = 'grouped' | 'one transaction per append';
interface Internals {
  pool: Pool;
  appendGroup(tenant: string, groups: ReadonlyArray<readonly AuditInput[]>): Promise<AuditRecord[][]>;
}

const inputsOf = (i: number): AuditInput[] => [
  emptyInput({ kind: 'request', requestId: `b${i}`, route: '/v1/redact', at: 1_700_000_000_000 + i, decision: 'returned', status: 200, counts: { PERSON: 2, US_SSN: 1 } }),
  ...['PERSON', 'PERSON', 'US_SSN'].map((entity, j) =>
    emptyInput({ kind: 'item', requestId: `b${i}`, route: '/v1/redact', at: 1_700_000_000_000 + i, path: 'messages[0].content', entity, start: j * 10, end: j * 10 + 8, operator: 'tokenize', detector: 'ner.phi-ner-small', score: 0.93, valueDigest: 'ab'.repeat(32) }),
  ),
];

async function run(store: PgAuditStore, way: Way, tenant: string, concurrency: number, appends: number): Promise<{ appendsPerS: number; transactions: number; p50Ms: number }> {
  const inner = store as unknown as Internals;
  let transactions = 0;
  const pool = inner.pool as unknown as { connect: (...a: unknown[]) => unknown };
  const connect = pool.connect;
  pool.connect = (...a: unknown[]) => {
    if (a.length === 0) transactions++;
    return connect.apply(inner.pool, a);
  };
  const append = way === 'grouped' ? (i: number) => store.append(tenant, inputsOf(i)) : (i: number) => inner.appendGroup(tenant, [inputsOf(i)]).then((g) => g[0]);
  let next = 0;
  const latencies: number[] = [];
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < appends) {
        const i = next++;
        const s = nowMs();
        await append(i);
        latencies.push(nowMs() - s);
      }
    }),
  );
  const seconds = (nowMs() - t0) / 1000;
  pool.connect = connect;
  latencies.sort((a, b) => a - b);
  return { appendsPerS: round(appends / seconds, 0), transactions, p50Ms: round(latencies[Math.floor(latencies.length / 2)], 2) };
}

export async function runPgAuditBench(opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  if (!pgAvailable()) throw new SkipPart('PostgreSQL 15 binaries absent (/usr/lib/postgresql/15/bin)');
  const cluster = await startPgCluster();
  const loadBefore = load();
  try {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const store = await PgAuditStore.open(cluster.url.replace(/\/postgres$/, '/bench'));
    const appends = opts.quick ? 200 : 1500;
    const rows: Array<Record<string, unknown>> = [];
    let t = 0;
    try {
      for (const concurrency of [1, 10, 50]) {
        for (const way of ['one transaction per append', 'grouped'] as Way[]) {
          const tenant = `t${t++}`;
          await run(store, way, `${tenant}-warm`, concurrency, Math.min(100, appends)); // warm-up on its own tenant
          const r = await run(store, way, tenant, concurrency, appends);
          const v = await verifyChain(store.iterate(tenant), await store.head(tenant));
          if (!v.ok || v.checked !== appends * 4) throw new Error(`chain of ${tenant} does not verify: ${JSON.stringify(v)}`);
          rows.push({ concurrency, way, ...r });
          log(`pg-audit: ${concurrency} callers, ${way}: ${r.appendsPerS} appends/s, ${r.transactions} transactions, p50 ${r.p50Ms} ms`);
        }
      }
    } finally {
      await store.close();
    }
    return {
      method: `${appends} appends per run (a request record + 3 item records each) for one tenant by C concurrent callers; a warm-up run on another tenant first; every chain verified after`,
      postgres: 'PostgreSQL 15, throwaway cluster on 127.0.0.1 (initdb defaults: fsync on, synchronous_commit on)',
      loadavg: { before: loadBefore, after: load() },
      rows,
    };
  } finally {
    cluster.stop();
  }
}

import { Client, type Pool } from 'pg';
import { verifyChain } from '../../src/audit/chain';
import { emptyInput, type AuditInput } from '../../src/audit/types';
import { PgAuditStore } from '../../src/store/pg-audit-store';
import { PgRateLimiter } from '../../src/store/pg-rate-limiter';
import { PgTenantSalts } from '../../src/store/pg-tenant-salts';
import { PgVaultStore } from '../../src/store/pg-vault-store';
import { pgAvailable, startPgCluster, type PgCluster } from './pg-cluster';
import { storeContract } from './store-suite';

/** The same contract as SQLite, against a throwaway PostgreSQL 15 cluster on 127.0.0.1 (skipped only if the binaries are absent). */
const enabled = pgAvailable();
let cluster: PgCluster | undefined;
let dbCounter = 0;

if (enabled) {
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120000);
  afterAll(() => {
    cluster?.stop();
  });
} else {
  it.skip('PostgreSQL binaries absent (/usr/lib/postgresql/15/bin): PostgreSQL store tests skipped', () => undefined);
}

/** A fresh database on the throwaway cluster; returns its URL. */
async function freshDatabase(): Promise<string> {
  const admin = new Client({ connectionString: cluster!.url });
  await admin.connect();
  const db = `t${process.pid}_${++dbCounter}`;
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  return cluster!.url.replace(/\/postgres$/, `/${db}`);
}

storeContract(
  {
    name: 'postgres',
    async open(now) {
      const url = await freshDatabase();
      const audit = await PgAuditStore.open(url);
      const vault = await PgVaultStore.open(url, now);
      return {
        audit,
        vault,
        async tamper(sql, params) {
          const c = new Client({ connectionString: url });
          await c.connect();
          await c.query(sql, params);
          await c.end();
        },
      };
    },
    async openSalts() {
      const url = await freshDatabase();
      return [await PgTenantSalts.open(url), await PgTenantSalts.open(url)];
    },
  },
  enabled,
);

(enabled ? describe : describe.skip)('PgRateLimiter: token buckets shared by replicas', () => {
  const limit = { perSecond: 0.5, burst: 3 };
  let url: string;
  let replicas: PgRateLimiter[];
  beforeAll(async () => {
    url = await freshDatabase();
    // two gateway replicas on the same database
    replicas = [await PgRateLimiter.open(url, limit), await PgRateLimiter.open(url, limit)];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
  });

  it('counts one burst across replicas, refuses the rest with Retry-After, and keeps tenants apart', async () => {
    const [a, b] = replicas;
    const allowed = [];
    for (const r of [a, b, a, b, a]) allowed.push((await r.take('alpha')).allowed);
    expect(allowed).toEqual([true, true, true, false, false]);
    const refused = await b.take('alpha');
    // the bucket is empty (less than one token): one token comes back in 2 s at 0.5 per second
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(await a.take('beta')).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('refills by the time the database clock says has passed, up to the burst', async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("UPDATE rate_buckets SET at = at - interval '3 seconds' WHERE principal = 'alpha'");
      expect((await replicas[0].take('alpha')).allowed).toBe(true); // 1.5 tokens back
      expect((await replicas[1].take('alpha')).allowed).toBe(false);
      await c.query("UPDATE rate_buckets SET at = at - interval '1 hour' WHERE principal = 'alpha'");
      const after = [];
      for (let i = 0; i < 4; i++) after.push((await replicas[i % 2].take('alpha')).allowed);
      expect(after).toEqual([true, true, true, false]);
      const row = await c.query("SELECT tokens FROM rate_buckets WHERE principal = 'alpha'");
      expect(Number(row.rows[0].tokens)).toBeLessThan(1);
    } finally {
      await c.end();
    }
  });

  it('lets exactly a burst through when both replicas take at once', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => replicas[i % 2].take('gamma')));
    expect(results.filter((r) => r.allowed)).toHaveLength(limit.burst);
  });
});

(enabled ? describe : describe.skip)('PgAuditStore: grouped commits', () => {
  let url: string;
  let replicas: PgAuditStore[];
  let transactions = 0;
  beforeAll(async () => {
    url = await freshDatabase();
    replicas = [await PgAuditStore.open(url), await PgAuditStore.open(url)];
    for (const r of replicas) {
      // every transaction takes one client from the pool with connect() (pool.query passes a callback): count them
      const pool = (r as unknown as { pool: Pool }).pool;
      const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
      (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
        if (args.length === 0) transactions++;
        return connect(...args);
      };
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
  });
  const input = (requestId: string, extra: Partial<AuditInput> = {}): AuditInput =>
    emptyInput({ kind: 'request', requestId, route: '/v1/redact', at: 1_700_000_000_000, decision: 'returned', status: 200, ...extra });

  it('writes a tenant’s concurrent appends in one transaction after the first, each caller getting its own records', async () => {
    transactions = 0;
    const calls = Array.from({ length: 40 }, (_, i) => replicas[0].append('grp', [input(`g${i}`), input(`g${i}`, { kind: 'item' })]));
    const out = await Promise.all(calls);
    expect(transactions).toBe(2); // the first alone (nothing waits for a lone request), the other 39 together
    out.forEach((records, i) => {
      expect(records.map((r) => r.requestId)).toEqual([`g${i}`, `g${i}`]);
      expect(records[1].seq).toBe(records[0].seq + 1);
    });
    expect(new Set(out.flat().map((r) => r.seq)).size).toBe(80);
    expect(await verifyChain(replicas[0].iterate('grp'), await replicas[0].head('grp'))).toMatchObject({ ok: true, checked: 80 });
  });

  it('keeps one chain when two replicas group at once, and tenants do not wait for each other', async () => {
    transactions = 0;
    const calls = Array.from({ length: 60 }, (_, i) => replicas[i % 2].append(i % 3 ? 'two' : 'three', [input(`r${i}`)]));
    await Promise.all(calls);
    expect(transactions).toBeLessThanOrEqual(8); // 2 replicas × 2 tenants × (first alone + the group)
    for (const t of ['two', 'three']) {
      expect(await verifyChain(replicas[1].iterate(t), await replicas[1].head(t))).toMatchObject({ ok: true, checked: t === 'two' ? 40 : 20 });
    }
  });

  it('fails every caller of a failed transaction, writes none of it, and goes on with the next', async () => {
    const first = replicas[0].append('bad', [input('ok-0')]);
    // queued behind the first: one group, poisoned by a record the table refuses (kind NOT NULL)
    const group = [
      replicas[0].append('bad', [input('ok-1')]),
      replicas[0].append('bad', [input('poison', { kind: null as unknown as 'request' })]),
      replicas[0].append('bad', [input('ok-2')]),
    ];
    await expect(first).resolves.toHaveLength(1);
    const settled = await Promise.allSettled(group);
    expect(settled.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const after = await replicas[0].append('bad', [input('ok-3')]);
    expect(after[0].seq).toBe(2);
    const v = await verifyChain(replicas[0].iterate('bad'), await replicas[0].head('bad'));
    expect(v).toMatchObject({ ok: true, checked: 2 });
  });
});

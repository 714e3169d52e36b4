import { Client } from 'pg';
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

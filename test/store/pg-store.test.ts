import { Client } from 'pg';
import { PgAuditStore } from '../../src/store/pg-audit-store';
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

storeContract(
  {
    name: 'postgres',
    async open(now) {
      const admin = new Client({ connectionString: cluster!.url });
      await admin.connect();
      const db = `t${process.pid}_${++dbCounter}`;
      await admin.query(`CREATE DATABASE ${db}`);
      await admin.end();
      const url = cluster!.url.replace(/\/postgres$/, `/${db}`);
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
  },
  enabled,
);

import type { Pool, PoolConfig } from 'pg';
import { GENESIS, link } from '../audit/chain';
import type { AuditFilter, AuditInput, AuditPage, AuditRecord } from '../audit/types';
import { inTransaction, openPool } from './pg';
import { AUDIT_COLUMNS, type AuditStore, decodeCursor, encodeCursor, iteratePages, recordToRow, rowToRecord, whereClause } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  tenant TEXT NOT NULL,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  request_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  policy_id TEXT,
  policy_version TEXT,
  route TEXT NOT NULL,
  upstream TEXT,
  decision TEXT,
  status INTEGER,
  counts TEXT,
  reason TEXT,
  path TEXT,
  entity TEXT,
  start_offset INTEGER,
  end_offset INTEGER,
  operator TEXT,
  detector TEXT,
  score DOUBLE PRECISION,
  value_digest TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (tenant, seq)
);
CREATE INDEX IF NOT EXISTS audit_tenant_at ON audit_records (tenant, at);
CREATE INDEX IF NOT EXISTS audit_tenant_request ON audit_records (tenant, request_id);
CREATE INDEX IF NOT EXISTS audit_tenant_entity ON audit_records (tenant, entity);
CREATE TABLE IF NOT EXISTS audit_heads (
  tenant TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
`;

/** Records one transaction may write at most; a longer queue is written in several. */
const GROUP_RECORDS = 5000;

interface Pending {
  inputs: readonly AuditInput[];
  resolve: (r: AuditRecord[]) => void;
  reject: (e: unknown) => void;
}

/**
 * PostgreSQL audit store. The tenant's head row is locked (`FOR UPDATE`) for the append, so chains never fork, even
 * across replicas. Grouped commits: while one transaction of a tenant is in flight, that tenant's next appends
 * queue, and the next transaction writes them all (one head lock, one multi-row insert, one commit). A lone request
 * waits for nothing; under load, commits per second stop bounding requests per second. Each caller still gets its
 * own records, and when a transaction fails every caller in it fails (nothing of it was written: fail closed).
 */
export class PgAuditStore implements AuditStore {
  readonly kind = 'postgres' as const;
  private readonly queues = new Map<string, Pending[]>();
  private readonly writing = new Set<string>();

  private constructor(private readonly pool: Pool) {}

  static async open(config: string | PoolConfig): Promise<PgAuditStore> {
    return new PgAuditStore(await openPool(config, SCHEMA));
  }

  append(tenant: string, inputs: readonly AuditInput[]): Promise<AuditRecord[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(tenant);
      if (queue) queue.push({ inputs, resolve, reject });
      else this.queues.set(tenant, [{ inputs, resolve, reject }]);
      if (!this.writing.has(tenant)) void this.drain(tenant);
    });
  }

  /** Write the tenant's queue, one group per transaction, until it is empty. */
  private async drain(tenant: string): Promise<void> {
    this.writing.add(tenant);
    try {
      for (let queue = this.queues.get(tenant); queue && queue.length > 0; queue = this.queues.get(tenant)) {
        let n = 0;
        let records = 0;
        while (n < queue.length && (n === 0 || records + queue[n].inputs.length <= GROUP_RECORDS)) records += queue[n++].inputs.length;
        const group = queue.splice(0, n);
        if (queue.length === 0) this.queues.delete(tenant);
        try {
          const written = await this.appendGroup(tenant, group.map((p) => p.inputs));
          group.forEach((p, i) => p.resolve(written[i]));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.writing.delete(tenant);
    }
  }

  /** One transaction: link every caller's inputs onto the chain in queue order; returns each caller's records. */
  private appendGroup(tenant: string, groups: ReadonlyArray<readonly AuditInput[]>): Promise<AuditRecord[][]> {
    return inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO audit_heads (tenant, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant) DO NOTHING', [tenant, GENESIS]);
      const h = await client.query('SELECT seq, hash FROM audit_heads WHERE tenant = $1 FOR UPDATE', [tenant]);
      const head = { seq: Number(h.rows[0].seq), hash: String(h.rows[0].hash) };
      const records = link(tenant, head, groups.flat());
      const cols = AUDIT_COLUMNS.split(',').length;
      // Multi-row insert in chunks (parameter limit 65535).
      const chunk = Math.floor(60000 / cols);
      for (let i = 0; i < records.length; i += chunk) {
        const part = records.slice(i, i + chunk);
        const values: unknown[] = [];
        const tuples = part.map((r, j) => {
          values.push(...recordToRow(r));
          return `(${Array.from({ length: cols }, (_, k) => `$${j * cols + k + 1}`).join(', ')})`;
        });
        await client.query(`INSERT INTO audit_records (${AUDIT_COLUMNS}) VALUES ${tuples.join(', ')}`, values);
      }
      const last = records[records.length - 1];
      await client.query('UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant = $1', [tenant, last.seq, last.hash]);
      const out: AuditRecord[][] = [];
      let at = 0;
      for (const g of groups) {
        out.push(records.slice(at, at + g.length));
        at += g.length;
      }
      return out;
    });
  }

  async query(tenant: string, filter: AuditFilter, opts: { limit: number; cursor?: string | null }): Promise<AuditPage> {
    const after = decodeCursor(opts.cursor);
    const w = whereClause(tenant, filter, after, (i) => `$${i}`);
    const res = await this.pool.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_records WHERE ${w.sql} ORDER BY seq ASC LIMIT $${w.params.length + 1}`,
      [...w.params, opts.limit + 1],
    );
    const records = res.rows.slice(0, opts.limit).map(rowToRecord);
    const last = records[records.length - 1];
    return { records, nextCursor: res.rows.length > opts.limit && last ? encodeCursor(last.seq) : null };
  }

  iterate(tenant: string, filter: AuditFilter = {}, pageSize = 500): AsyncIterable<AuditRecord> {
    return iteratePages((cursor) => this.query(tenant, filter, { limit: pageSize, cursor }));
  }

  async head(tenant: string): Promise<{ seq: number; hash: string } | null> {
    const res = await this.pool.query('SELECT seq, hash FROM audit_heads WHERE tenant = $1', [tenant]);
    if (res.rows.length === 0 || Number(res.rows[0].seq) === 0) return null;
    return { seq: Number(res.rows[0].seq), hash: String(res.rows[0].hash) };
  }

  async tenants(): Promise<string[]> {
    const res = await this.pool.query('SELECT tenant FROM audit_heads WHERE seq > 0 ORDER BY tenant');
    return res.rows.map((r) => String(r.tenant));
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

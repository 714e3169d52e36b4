import type Database from 'better-sqlite3';
import { GENESIS, link } from '../audit/chain';
import type { AuditFilter, AuditInput, AuditPage, AuditRecord } from '../audit/types';
import { openSqlite } from './sqlite';
import { AUDIT_COLUMNS, type AuditStore, decodeCursor, encodeCursor, iteratePages, recordToRow, rowToRecord, whereClause } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  tenant TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  request_id TEXT NOT NULL,
  at INTEGER NOT NULL,
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
  score REAL,
  value_digest TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (tenant, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS audit_tenant_at ON audit_records (tenant, at);
CREATE INDEX IF NOT EXISTS audit_tenant_request ON audit_records (tenant, request_id);
CREATE INDEX IF NOT EXISTS audit_tenant_entity ON audit_records (tenant, entity);
CREATE TABLE IF NOT EXISTS audit_heads (
  tenant TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
`;

/** Embedded audit store: better-sqlite3, WAL, synchronous=FULL (a committed append survives power loss). */
export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    this.db = openSqlite(file, SCHEMA);
    const getHead = this.db.prepare('SELECT seq, hash FROM audit_heads WHERE tenant = ?');
    const setHead = this.db.prepare(
      'INSERT INTO audit_heads (tenant, seq, hash) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    );
    const insert = this.db.prepare(`INSERT INTO audit_records (${AUDIT_COLUMNS}) VALUES (${AUDIT_COLUMNS.split(',').map(() => '?').join(', ')})`);
    const appendOne = (tenant: string, inputs: readonly AuditInput[]) => {
      const head = (getHead.get(tenant) as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS };
      const records = link(tenant, head, inputs);
      for (const r of records) insert.run(...recordToRow(r));
      const last = records[records.length - 1];
      if (last) setHead.run(tenant, last.seq, last.hash);
      return records;
    };
    const tx = this.db.transaction((batch: Array<{ tenant: string; inputs: readonly AuditInput[] }>) => batch.map((b) => appendOne(b.tenant, b.inputs)));
    // IMMEDIATE: take the write lock before reading the head, so two processes cannot fork a chain.
    this.appendBatch = (batch) => tx.immediate(batch);
  }

  private readonly appendBatch: (batch: Array<{ tenant: string; inputs: readonly AuditInput[] }>) => AuditRecord[][];
  private pending: Array<{ tenant: string; inputs: readonly AuditInput[]; resolve: (r: AuditRecord[]) => void; reject: (e: unknown) => void }> = [];

  /**
   * Group commit: appends that arrive in the same event-loop turn share one transaction (one fsync). Each caller's
   * promise resolves only after that transaction committed, so "durable before forwarded" still holds per request.
   */
  append(tenant: string, inputs: readonly AuditInput[]): Promise<AuditRecord[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ tenant, inputs, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const out = this.appendBatch(batch);
      batch.forEach((b, i) => b.resolve(out[i]));
    } catch (err) {
      // One transaction: nothing of the batch was written; every caller fails closed.
      for (const b of batch) b.reject(err);
    }
  }

  async query(tenant: string, filter: AuditFilter, opts: { limit: number; cursor?: string | null }): Promise<AuditPage> {
    const after = decodeCursor(opts.cursor);
    const w = whereClause(tenant, filter, after, () => '?');
    const rows = this.db
      .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_records WHERE ${w.sql} ORDER BY seq ASC LIMIT ?`)
      .all(...(w.params as unknown[]), opts.limit + 1) as Array<Record<string, unknown>>;
    const records = rows.slice(0, opts.limit).map(rowToRecord);
    const last = records[records.length - 1];
    return { records, nextCursor: rows.length > opts.limit && last ? encodeCursor(last.seq) : null };
  }

  iterate(tenant: string, filter: AuditFilter = {}, pageSize = 500): AsyncIterable<AuditRecord> {
    return iteratePages((cursor) => this.query(tenant, filter, { limit: pageSize, cursor }));
  }

  async head(tenant: string): Promise<{ seq: number; hash: string } | null> {
    const row = this.db.prepare('SELECT seq, hash FROM audit_heads WHERE tenant = ?').get(tenant) as { seq: number; hash: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async tenants(): Promise<string[]> {
    return (this.db.prepare('SELECT tenant FROM audit_heads ORDER BY tenant').all() as Array<{ tenant: string }>).map((r) => r.tenant);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }
}

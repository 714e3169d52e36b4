import type Database from 'better-sqlite3';
import type { VaultEntry, VaultStore } from '../vault/types';
import { openSqlite } from './sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_entries (
  tenant TEXT NOT NULL,
  session TEXT NOT NULL,
  token TEXT NOT NULL,
  lookup_key TEXT NOT NULL,
  sealed TEXT NOT NULL,
  entity TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (tenant, session, token)
);
CREATE UNIQUE INDEX IF NOT EXISTS vault_lookup ON vault_entries (tenant, session, lookup_key);
CREATE INDEX IF NOT EXISTS vault_expiry ON vault_entries (expires_at);
`;

/** Vault entries (sealed values only) in SQLite, per tenant + session, with a TTL. */
export class SqliteVaultStore implements VaultStore {
  private readonly db: Database.Database;
  private readonly put: (e: VaultEntry & { lookupKey: string }, now: number) => string;

  constructor(
    readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openSqlite(file, SCHEMA);
    const find = this.db.prepare('SELECT token, expires_at FROM vault_entries WHERE tenant = ? AND session = ? AND lookup_key = ?');
    const del = this.db.prepare('DELETE FROM vault_entries WHERE tenant = ? AND session = ? AND lookup_key = ?');
    const ins = this.db.prepare(
      'INSERT INTO vault_entries (tenant, session, token, lookup_key, sealed, entity, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const bump = this.db.prepare('UPDATE vault_entries SET expires_at = MAX(expires_at, ?) WHERE tenant = ? AND session = ? AND token = ?');
    const tx = this.db.transaction((e: VaultEntry & { lookupKey: string }, now: number) => {
      const row = find.get(e.tenant, e.session, e.lookupKey) as { token: string; expires_at: number } | undefined;
      if (row && row.expires_at > now) {
        bump.run(e.expiresAt, e.tenant, e.session, row.token);
        return row.token;
      }
      if (row) del.run(e.tenant, e.session, e.lookupKey);
      ins.run(e.tenant, e.session, e.token, e.lookupKey, e.sealed, e.entity, e.expiresAt);
      return e.token;
    });
    this.put = (e, now) => tx.immediate(e, now);
  }

  async putToken(entry: VaultEntry & { lookupKey: string }): Promise<string> {
    return this.put(entry, this.now());
  }

  async getTokens(tenant: string, session: string, tokens: readonly string[]): Promise<Map<string, VaultEntry>> {
    const out = new Map<string, VaultEntry>();
    const uniq = [...new Set(tokens)];
    const now = this.now();
    for (let i = 0; i < uniq.length; i += 500) {
      const part = uniq.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT tenant, session, token, sealed, entity, expires_at FROM vault_entries WHERE tenant = ? AND session = ? AND expires_at > ? AND token IN (${part.map(() => '?').join(',')})`,
        )
        .all(tenant, session, now, ...part) as Array<{ tenant: string; session: string; token: string; sealed: string; entity: string; expires_at: number }>;
      for (const r of rows) out.set(r.token, { tenant: r.tenant, session: r.session, token: r.token, sealed: r.sealed, entity: r.entity, expiresAt: Number(r.expires_at) });
    }
    return out;
  }

  async deleteSession(tenant: string, session: string): Promise<number> {
    return this.db.prepare('DELETE FROM vault_entries WHERE tenant = ? AND session = ?').run(tenant, session).changes;
  }

  async hasSession(tenant: string, session: string): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM vault_entries WHERE tenant = ? AND session = ? AND expires_at > ? LIMIT 1').get(tenant, session, this.now());
  }

  async purgeExpired(now = this.now()): Promise<number> {
    return this.db.prepare('DELETE FROM vault_entries WHERE expires_at <= ?').run(now).changes;
  }

  /** Erase every entry of a tenant (used with key shredding). */
  async deleteTenant(tenant: string): Promise<number> {
    return this.db.prepare('DELETE FROM vault_entries WHERE tenant = ?').run(tenant).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

import type { Pool, PoolConfig } from 'pg';
import type { VaultEntry, VaultStore } from '../vault/types';
import { inTransaction, openPool } from './pg';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_entries (
  tenant TEXT NOT NULL,
  session TEXT NOT NULL,
  token TEXT NOT NULL,
  lookup_key TEXT NOT NULL,
  sealed TEXT NOT NULL,
  entity TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (tenant, session, token)
);
CREATE UNIQUE INDEX IF NOT EXISTS vault_lookup ON vault_entries (tenant, session, lookup_key);
CREATE INDEX IF NOT EXISTS vault_expiry ON vault_entries (expires_at);
`;

/** Vault entries (sealed values only) in PostgreSQL. */
export class PgVaultStore implements VaultStore {
  private constructor(
    private readonly pool: Pool,
    private readonly now: () => number,
  ) {}

  static async open(config: string | PoolConfig, now: () => number = Date.now): Promise<PgVaultStore> {
    return new PgVaultStore(await openPool(config, SCHEMA), now);
  }

  async putToken(e: VaultEntry & { lookupKey: string }): Promise<string> {
    const now = this.now();
    return inTransaction(this.pool, async (client) => {
      // Replace an expired entry for the same value; keep a live one (same value → same token within a session).
      await client.query('DELETE FROM vault_entries WHERE tenant = $1 AND session = $2 AND lookup_key = $3 AND expires_at <= $4', [
        e.tenant,
        e.session,
        e.lookupKey,
        now,
      ]);
      const ins = await client.query(
        `INSERT INTO vault_entries (tenant, session, token, lookup_key, sealed, entity, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant, session, lookup_key) DO UPDATE SET expires_at = GREATEST(vault_entries.expires_at, EXCLUDED.expires_at)
         RETURNING token`,
        [e.tenant, e.session, e.token, e.lookupKey, e.sealed, e.entity, e.expiresAt],
      );
      return String(ins.rows[0].token);
    });
  }

  async getTokens(tenant: string, session: string, tokens: readonly string[]): Promise<Map<string, VaultEntry>> {
    const out = new Map<string, VaultEntry>();
    const uniq = [...new Set(tokens)];
    if (uniq.length === 0) return out;
    const res = await this.pool.query(
      'SELECT tenant, session, token, sealed, entity, expires_at FROM vault_entries WHERE tenant = $1 AND session = $2 AND expires_at > $3 AND token = ANY($4::text[])',
      [tenant, session, this.now(), uniq],
    );
    for (const r of res.rows) out.set(r.token, { tenant: r.tenant, session: r.session, token: r.token, sealed: r.sealed, entity: r.entity, expiresAt: Number(r.expires_at) });
    return out;
  }

  async deleteSession(tenant: string, session: string): Promise<number> {
    const res = await this.pool.query('DELETE FROM vault_entries WHERE tenant = $1 AND session = $2', [tenant, session]);
    return res.rowCount ?? 0;
  }

  async hasSession(tenant: string, session: string): Promise<boolean> {
    const res = await this.pool.query('SELECT 1 FROM vault_entries WHERE tenant = $1 AND session = $2 AND expires_at > $3 LIMIT 1', [
      tenant,
      session,
      this.now(),
    ]);
    return res.rows.length > 0;
  }

  async purgeExpired(now = this.now()): Promise<number> {
    const res = await this.pool.query('DELETE FROM vault_entries WHERE expires_at <= $1', [now]);
    return res.rowCount ?? 0;
  }

  async deleteTenant(tenant: string): Promise<number> {
    const res = await this.pool.query('DELETE FROM vault_entries WHERE tenant = $1', [tenant]);
    return res.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

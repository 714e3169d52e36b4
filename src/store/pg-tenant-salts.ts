import type { Pool, PoolConfig } from 'pg';
import { newSalt, type TenantSalt, type TenantSaltStore } from '../keys/tenant-salts';
import { openPool } from './pg';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tenant_keys (
  tenant TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  salt BYTEA NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
`;

const SELECT = 'SELECT generation, salt FROM tenant_keys WHERE tenant = $1';

const row = (r: { generation: number; salt: Buffer }): TenantSalt => ({ generation: Number(r.generation), salt: r.salt });

/**
 * Tenant key salts in PostgreSQL, shared by every replica. A replaced salt leaves a dead row version behind; a shred
 * ends with `VACUUM tenant_keys` so its space is reclaimed and reused, but PostgreSQL does not promise to overwrite
 * the bytes, and WAL archives and backups taken before keep the old salt (their retention bounds the erasure).
 */
export class PgTenantSalts implements TenantSaltStore {
  private constructor(private readonly pool: Pool) {}

  static async open(config: string | PoolConfig): Promise<PgTenantSalts> {
    return new PgTenantSalts(await openPool(config, SCHEMA));
  }

  async current(tenant: string): Promise<TenantSalt> {
    const got = await this.pool.query(SELECT, [tenant]);
    if (got.rows.length) return row(got.rows[0]);
    // First use: concurrent creators (replicas) race on the primary key; every one of them reads the winner's salt.
    await this.pool.query('INSERT INTO tenant_keys (tenant, generation, salt, updated_at) VALUES ($1, 1, $2, now()) ON CONFLICT (tenant) DO NOTHING', [
      tenant,
      newSalt(),
    ]);
    return row((await this.pool.query(SELECT, [tenant])).rows[0]);
  }

  async shred(tenant: string): Promise<TenantSalt> {
    const { rows } = await this.pool.query(
      `INSERT INTO tenant_keys AS k (tenant, generation, salt, updated_at) VALUES ($1, 1, $2, now())
       ON CONFLICT (tenant) DO UPDATE SET generation = k.generation + 1, salt = EXCLUDED.salt, updated_at = now()
       RETURNING generation, salt`,
      [tenant, newSalt()],
    );
    await this.pool.query('VACUUM tenant_keys');
    return row(rows[0]);
  }

  async adoptLegacy(tenants: readonly string[]): Promise<number> {
    if (tenants.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      "INSERT INTO tenant_keys (tenant, generation, salt, updated_at) SELECT t, 0, ''::bytea, now() FROM unnest($1::text[]) AS t ON CONFLICT (tenant) DO NOTHING",
      [[...tenants]],
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

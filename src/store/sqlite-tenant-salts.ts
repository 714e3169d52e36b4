import type Database from 'better-sqlite3';
import { newSalt, type TenantSalt, type TenantSaltStore } from '../keys/tenant-salts';
import { openSqlite } from './sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tenant_keys (
  tenant TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  salt BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

/**
 * Tenant key salts in SQLite (the vault's file). `secure_delete` zeroes a replaced salt inside its page, and a
 * shred ends with a truncating WAL checkpoint, so the old salt is left neither in the database file nor in its WAL.
 */
export class SqliteTenantSalts implements TenantSaltStore {
  private readonly db: Database.Database;
  private readonly read: (tenant: string) => TenantSalt;
  private readonly replace: (tenant: string) => TenantSalt;
  private readonly adopt: (tenants: readonly string[]) => number;

  constructor(readonly file: string) {
    this.db = openSqlite(file, SCHEMA);
    this.db.pragma('secure_delete = ON');
    const get = this.db.prepare('SELECT generation, salt FROM tenant_keys WHERE tenant = ?');
    const create = this.db.prepare('INSERT OR IGNORE INTO tenant_keys (tenant, generation, salt, updated_at) VALUES (?, 1, ?, ?)');
    const bump = this.db.prepare(
      `INSERT INTO tenant_keys (tenant, generation, salt, updated_at) VALUES (?, 1, ?, ?)
       ON CONFLICT (tenant) DO UPDATE SET generation = generation + 1, salt = excluded.salt, updated_at = excluded.updated_at`,
    );
    const row = (tenant: string) => get.get(tenant) as { generation: number; salt: Buffer } | undefined;
    this.read = this.db.transaction((tenant: string) => {
      let r = row(tenant);
      if (!r) {
        create.run(tenant, newSalt(), Date.now());
        r = row(tenant) as { generation: number; salt: Buffer };
      }
      return { generation: r.generation, salt: r.salt };
    });
    const legacy = this.db.prepare("INSERT OR IGNORE INTO tenant_keys (tenant, generation, salt, updated_at) VALUES (?, 0, x'', ?)");
    this.adopt = this.db.transaction((tenants: readonly string[]) => tenants.reduce((n, t) => n + legacy.run(t, Date.now()).changes, 0));
    this.replace = this.db.transaction((tenant: string) => {
      bump.run(tenant, newSalt(), Date.now());
      const r = row(tenant) as { generation: number; salt: Buffer };
      return { generation: r.generation, salt: r.salt };
    });
  }

  async current(tenant: string): Promise<TenantSalt> {
    return this.read(tenant);
  }

  async shred(tenant: string): Promise<TenantSalt> {
    const next = this.replace(tenant);
    // Copy the pages back into the file and empty the WAL: the frames that held the old salt go with it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return next;
  }

  async adoptLegacy(tenants: readonly string[]): Promise<number> {
    return this.adopt(tenants);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

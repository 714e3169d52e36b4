import { join } from 'node:path';
import type { Config } from '../config/config';
import type { RateLimiter } from '../http/rate-limiter';
import type { TenantSaltStore } from '../keys/tenant-salts';
import type { VaultStore } from '../vault/types';
import { PgAuditStore } from './pg-audit-store';
import { PgRateLimiter } from './pg-rate-limiter';
import { PgTenantSalts } from './pg-tenant-salts';
import { PgVaultStore } from './pg-vault-store';
import { SqliteAuditStore } from './sqlite-audit-store';
import { SqliteTenantSalts } from './sqlite-tenant-salts';
import { SqliteVaultStore } from './sqlite-vault-store';
import type { AuditStore } from './types';

export type { AuditStore } from './types';

export interface Stores {
  audit: AuditStore;
  vault: VaultStore;
  /** Tenant key salts (crypto-shredding); beside the vault. */
  salts: TenantSaltStore;
  /** PostgreSQL with a rate limit: the token buckets every replica shares (else the app keeps them in memory). */
  rateLimiter?: RateLimiter;
  close(): Promise<void>;
}

/** Open the configured stores: SQLite files under the data dir (default) or PostgreSQL. */
export async function openStores(config: Pick<Config, 'store' | 'dataDir' | 'databaseUrl' | 'rateLimit'>): Promise<Stores> {
  let audit: AuditStore;
  let vault: VaultStore;
  let salts: TenantSaltStore;
  let rateLimiter: RateLimiter | undefined;
  if (config.store === 'postgres') {
    audit = await PgAuditStore.open(config.databaseUrl as string);
    vault = await PgVaultStore.open(config.databaseUrl as string);
    salts = await PgTenantSalts.open(config.databaseUrl as string);
    if (config.rateLimit) rateLimiter = await PgRateLimiter.open(config.databaseUrl as string, config.rateLimit);
  } else {
    audit = new SqliteAuditStore(join(config.dataDir, 'audit.sqlite'));
    vault = new SqliteVaultStore(join(config.dataDir, 'vault.sqlite'));
    salts = new SqliteTenantSalts(join(config.dataDir, 'vault.sqlite'));
  }
  return {
    audit,
    vault,
    salts,
    rateLimiter,
    async close() {
      await Promise.allSettled([audit.close(), vault.close?.(), salts.close(), rateLimiter?.close?.()]);
    },
  };
}

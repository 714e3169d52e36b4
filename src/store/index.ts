import { join } from 'node:path';
import type { Config } from '../config/config';
import type { RateLimiter } from '../http/rate-limiter';
import type { VaultStore } from '../vault/types';
import { PgAuditStore } from './pg-audit-store';
import { PgRateLimiter } from './pg-rate-limiter';
import { PgVaultStore } from './pg-vault-store';
import { SqliteAuditStore } from './sqlite-audit-store';
import { SqliteVaultStore } from './sqlite-vault-store';
import type { AuditStore } from './types';

export type { AuditStore } from './types';

export interface Stores {
  audit: AuditStore;
  vault: VaultStore;
  /** PostgreSQL with a rate limit: the token buckets every replica shares (else the app keeps them in memory). */
  rateLimiter?: RateLimiter;
  close(): Promise<void>;
}

/** Open the configured stores: SQLite files under the data dir (default) or PostgreSQL. */
export async function openStores(config: Pick<Config, 'store' | 'dataDir' | 'databaseUrl' | 'rateLimit'>): Promise<Stores> {
  let audit: AuditStore;
  let vault: VaultStore;
  let rateLimiter: RateLimiter | undefined;
  if (config.store === 'postgres') {
    audit = await PgAuditStore.open(config.databaseUrl as string);
    vault = await PgVaultStore.open(config.databaseUrl as string);
    if (config.rateLimit) rateLimiter = await PgRateLimiter.open(config.databaseUrl as string, config.rateLimit);
  } else {
    audit = new SqliteAuditStore(join(config.dataDir, 'audit.sqlite'));
    vault = new SqliteVaultStore(join(config.dataDir, 'vault.sqlite'));
  }
  return {
    audit,
    vault,
    rateLimiter,
    async close() {
      await Promise.allSettled([audit.close(), vault.close?.(), rateLimiter?.close?.()]);
    },
  };
}

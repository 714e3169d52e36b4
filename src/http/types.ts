import type { Config } from '../config/config';
import type { Engine } from '../engine/engine';
import type { KeyRing } from '../keys/key-ring';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Policy } from '../policy/types';
import type { AuditStore } from '../store/types';
import type { VaultStore } from '../vault/types';
import type { Authenticator } from './middleware/auth';
import type { RateLimiter } from './rate-limiter';

/** What the HTTP layer needs from the policy store. */
export interface PolicySource {
  get(tenant: string): Policy | undefined;
  tenants(): string[];
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: unknown }>;
}

/** Extra readiness facts supplied by the process entry (model loaded or absent, detectors warm). */
export interface ReadinessInfo {
  detectors: () => { ok: boolean; detail?: unknown };
  model: () => { ok: boolean; detail?: unknown };
}

export type AppConfig = Pick<
  Config,
  'bodyLimitBytes' | 'jsonDepthLimit' | 'batchMaxItems' | 'upstreamTimeoutMs' | 'upstreamMaxResponseBytes' | 'trustProxy' | 'apiKeys' | 'adminKeys'
> &
  Partial<Pick<Config, 'apiKeysFile' | 'rateLimit'>>;

export interface AppDeps {
  config: AppConfig;
  policies: PolicySource;
  engine: Engine;
  /** The engine's key ring: erasing a tenant shreds its keys. */
  keys: KeyRing;
  audit: AuditStore;
  vault: VaultStore;
  logger: Logger;
  metrics: Metrics;
  /** Injected fetch (tests); default global fetch. */
  fetch?: typeof fetch;
  /** Environment for upstream credentials named in policies (`valueFromEnv`). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Built from config when absent. */
  auth?: Authenticator;
  /** The token buckets of `config.rateLimit` (PostgreSQL: shared by replicas); in memory when absent. */
  rateLimiter?: RateLimiter;
  readiness?: ReadinessInfo;
}

export type Principal = { type: 'tenant'; tenant: string } | { type: 'admin'; name: string };

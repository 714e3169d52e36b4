import type { Config } from '../config/config';
import type { Payload, AnalyzeResult, RedactResult } from '../engine/types';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Policy } from '../policy/types';
import type { AuditStore } from '../store/types';
import type { VaultStore } from '../vault/types';
import type { Authenticator } from './middleware/auth';

/** What the HTTP layer needs from the engine (structurally the engine's `Engine`). */
export interface GatewayEngine {
  analyze(payload: Payload, policy: Policy, opts?: { signal?: AbortSignal }): Promise<AnalyzeResult>;
  redact(payload: Payload, policy: Policy, opts: { tenant: string; session?: string }): Promise<RedactResult>;
  check(payload: Payload, policy: Policy): Promise<{ compliant: boolean; counts: Record<string, number> }>;
  restore(text: string, opts: { tenant: string; session: string }): Promise<{ text: string; restored: number }>;
  restoreJson(json: unknown, opts: { tenant: string; session: string }): Promise<{ json: unknown; restored: number }>;
  decrypt(text: string, opts: { tenant: string }): { text: string; restored: number };
  models(): Array<{ id: string; version: string }>;
}

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
  Partial<Pick<Config, 'apiKeysFile'>>;

export interface AppDeps {
  config: AppConfig;
  policies: PolicySource;
  engine: GatewayEngine;
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
  readiness?: ReadinessInfo;
}

export type Principal = { type: 'tenant'; tenant: string } | { type: 'admin'; name: string };

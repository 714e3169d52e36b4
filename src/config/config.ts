import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';

/**
 * Environment → typed configuration. Every variable is validated once at start; a bad value fails with the
 * variable's NAME and what was expected — never the value (it may be a secret).
 */
export interface ApiKeyEntry {
  tenant: string;
  key: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  policiesDir: string;
  /** PHI_GATEWAY_SECRET (raw string; parsed by keys/key-ring). Undefined in development → generated into dataDir. */
  secret?: string;
  apiKeys: ApiKeyEntry[];
  apiKeysFile?: string;
  adminKeys: ApiKeyEntry[];
  logLevel: 'error' | 'warn' | 'info' | 'http' | 'verbose' | 'debug' | 'silly';
  bodyLimitBytes: number;
  jsonDepthLimit: number;
  batchMaxItems: number;
  upstreamTimeoutMs: number;
  upstreamMaxResponseBytes: number;
  store: 'sqlite' | 'postgres';
  databaseUrl?: string;
  /** NER model folder; undefined → the packaged `models/phi-ner-small` (used when present). */
  modelDir?: string;
  nerThreads?: number;
  policyWatch: boolean;
  policyDebounceMs: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** Requests per second and burst allowed to each tenant or admin key name (per replica); undefined = no limit. */
  rateLimit?: RateLimit;
  /**
   * Tenants that keep the keys they had before tenant key salts existed (generation 0: from the master secret
   * alone) until their first shred, so an upgrade does not change their pseudonyms or strand encrypted values.
   */
  legacyKeyTenants: string[];
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

const TENANT_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

function keyList(name: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const out: ApiKeyEntry[] = [];
      if (!value || value.trim() === '') return out;
      const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
      parts.forEach((part, i) => {
        const idx = part.indexOf(':');
        const tenant = idx > 0 ? part.slice(0, idx) : name === 'PHI_GATEWAY_ADMIN_KEYS' && idx < 0 ? `admin-${i + 1}` : '';
        const key = idx > 0 ? part.slice(idx + 1) : part;
        if (!TENANT_RE.test(tenant)) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: expected "name:key" with a name of letters, digits, . _ -` });
          return;
        }
        if (key.length < 16) {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: key must be at least 16 characters` });
          return;
        }
        out.push({ tenant, key });
      });
      return out;
    });
}

const intFrom = (min: number, max: number, dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return dflt;
      if (!/^\d+$/.test(v.trim())) {
        ctx.addIssue({ code: 'custom', message: `expected an integer between ${min} and ${max}` });
        return z.NEVER;
      }
      const n = Number(v.trim());
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const bool = (dflt: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return dflt;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: 'expected true or false' });
      return z.NEVER;
    });

/** Sizes such as `1mb`, `512kb`, `1048576`. */
const size = (dflt: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return dflt;
      const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(v.trim());
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'expected a size such as 1048576, 512kb or 1mb' });
        return z.NEVER;
      }
      const unit = (m[2] ?? 'b').toLowerCase();
      const n = Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
      if (n < 1024 || n > 100 * 1024 * 1024) {
        ctx.addIssue({ code: 'custom', message: 'expected a size between 1kb and 100mb' });
        return z.NEVER;
      }
      return n;
    });

/** `RATE` or `RATE/BURST` requests per second (decimals allowed, e.g. `0.5/10`); unset or `0` = no limit. */
const rateLimit = z
  .string()
  .optional()
  .transform((v, ctx): RateLimit | undefined => {
    if (v === undefined || v.trim() === '' || v.trim() === '0') return undefined;
    const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(v.trim());
    const perSecond = m ? Number(m[1]) : NaN;
    const burst = m?.[2] !== undefined ? Number(m[2]) : Math.max(1, Math.ceil(perSecond));
    if (!m || !(perSecond > 0 && perSecond <= 100000) || !(burst >= 1 && burst <= 100000)) {
      ctx.addIssue({ code: 'custom', message: 'expected RATE or RATE/BURST: requests per second (> 0) and a whole burst of 1 to 100000' });
      return z.NEVER;
    }
    return { perSecond, burst };
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: intFrom(0, 65535, 8080),
  HOST: z.string().optional(),
  PHI_GATEWAY_DATA_DIR: z.string().min(1).optional(),
  PHI_GATEWAY_POLICIES: z.string().min(1).optional(),
  PHI_GATEWAY_SECRET: z.string().optional(),
  PHI_GATEWAY_API_KEYS: keyList('PHI_GATEWAY_API_KEYS'),
  PHI_GATEWAY_API_KEYS_FILE: z.string().optional(),
  PHI_GATEWAY_ADMIN_KEYS: keyList('PHI_GATEWAY_ADMIN_KEYS'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).optional(),
  PHI_GATEWAY_BODY_LIMIT: size(1024 * 1024),
  PHI_GATEWAY_JSON_DEPTH_LIMIT: intFrom(1, 1000, 64),
  PHI_GATEWAY_BATCH_MAX_ITEMS: intFrom(1, 10000, 100),
  PHI_GATEWAY_UPSTREAM_TIMEOUT_MS: intFrom(1, 600000, 30000),
  PHI_GATEWAY_UPSTREAM_MAX_RESPONSE: size(10 * 1024 * 1024),
  PHI_GATEWAY_STORE: z.enum(['sqlite', 'postgres']).optional(),
  PHI_GATEWAY_DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), { message: 'expected a postgres:// URL' }),
  PHI_GATEWAY_MODEL_DIR: z.string().optional(),
  PHI_GATEWAY_NER_THREADS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      if (!/^\d+$/.test(v.trim()) || Number(v) < 1 || Number(v) > 64) {
        ctx.addIssue({ code: 'custom', message: 'expected an integer between 1 and 64' });
        return z.NEVER;
      }
      return Number(v);
    }),
  PHI_GATEWAY_POLICY_WATCH: bool(true),
  PHI_GATEWAY_POLICY_DEBOUNCE_MS: intFrom(0, 60000, 200),
  PHI_GATEWAY_SHUTDOWN_TIMEOUT_MS: intFrom(0, 600000, 10000),
  PHI_GATEWAY_TRUST_PROXY: bool(false),
  PHI_GATEWAY_RATE_LIMIT: rateLimit,
  PHI_GATEWAY_LEGACY_KEY_TENANTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const names = (v ?? '').split(',').map((t) => t.trim()).filter(Boolean);
      if (names.some((t) => !TENANT_RE.test(t))) {
        ctx.addIssue({ code: 'custom', message: 'expected comma-separated tenant names' });
        return z.NEVER;
      }
      return names;
    }),
});

/** Names of every variable the gateway reads (documented in the README, "Configuration"). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const input: Record<string, string | undefined> = {};
  for (const k of CONFIG_VARIABLES) input[k] = env[k];
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // Name the variable and the expectation; zod's messages here never include the input value.
    const msgs = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${safeIssue(i)}`);
    throw new ConfigError(`invalid configuration: ${msgs.join('; ')}`);
  }
  const e = parsed.data;
  const store = e.PHI_GATEWAY_STORE ?? (e.PHI_GATEWAY_DATABASE_URL ? 'postgres' : 'sqlite');
  if (store === 'postgres' && !e.PHI_GATEWAY_DATABASE_URL) {
    throw new ConfigError('invalid configuration: PHI_GATEWAY_DATABASE_URL: required when PHI_GATEWAY_STORE=postgres');
  }
  const nodeEnv = e.NODE_ENV ?? 'development';
  const dupes = findDuplicateKeys([...e.PHI_GATEWAY_API_KEYS, ...e.PHI_GATEWAY_ADMIN_KEYS]);
  if (dupes) throw new ConfigError(`invalid configuration: ${dupes}: the same key is listed twice`);
  if (nodeEnv === 'production' && (!e.PHI_GATEWAY_SECRET || e.PHI_GATEWAY_SECRET.trim() === '')) {
    throw new ConfigError('invalid configuration: PHI_GATEWAY_SECRET: required when NODE_ENV=production');
  }
  return {
    env: nodeEnv,
    port: e.PORT,
    host: e.HOST && e.HOST !== '' ? e.HOST : '0.0.0.0',
    dataDir: resolve(cwd, e.PHI_GATEWAY_DATA_DIR ?? './data'),
    policiesDir: resolve(cwd, e.PHI_GATEWAY_POLICIES ?? './policies'),
    secret: e.PHI_GATEWAY_SECRET && e.PHI_GATEWAY_SECRET.trim() !== '' ? e.PHI_GATEWAY_SECRET : undefined,
    apiKeys: e.PHI_GATEWAY_API_KEYS,
    apiKeysFile: e.PHI_GATEWAY_API_KEYS_FILE ? resolve(cwd, e.PHI_GATEWAY_API_KEYS_FILE) : undefined,
    adminKeys: e.PHI_GATEWAY_ADMIN_KEYS,
    logLevel: e.LOG_LEVEL ?? 'info',
    bodyLimitBytes: e.PHI_GATEWAY_BODY_LIMIT,
    jsonDepthLimit: e.PHI_GATEWAY_JSON_DEPTH_LIMIT,
    batchMaxItems: e.PHI_GATEWAY_BATCH_MAX_ITEMS,
    upstreamTimeoutMs: e.PHI_GATEWAY_UPSTREAM_TIMEOUT_MS,
    upstreamMaxResponseBytes: e.PHI_GATEWAY_UPSTREAM_MAX_RESPONSE,
    store,
    databaseUrl: e.PHI_GATEWAY_DATABASE_URL || undefined,
    modelDir: e.PHI_GATEWAY_MODEL_DIR ? resolve(cwd, e.PHI_GATEWAY_MODEL_DIR) : undefined,
    nerThreads: e.PHI_GATEWAY_NER_THREADS,
    policyWatch: e.PHI_GATEWAY_POLICY_WATCH,
    policyDebounceMs: e.PHI_GATEWAY_POLICY_DEBOUNCE_MS,
    shutdownTimeoutMs: e.PHI_GATEWAY_SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.PHI_GATEWAY_TRUST_PROXY,
    rateLimit: e.PHI_GATEWAY_RATE_LIMIT,
    legacyKeyTenants: e.PHI_GATEWAY_LEGACY_KEY_TENANTS,
  };
}

function safeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return 'must not be empty';
    default:
      return issue.message;
  }
}

function findDuplicateKeys(entries: ApiKeyEntry[]): string | undefined {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.key)) return 'PHI_GATEWAY_API_KEYS/PHI_GATEWAY_ADMIN_KEYS';
    seen.add(e.key);
  }
  return undefined;
}

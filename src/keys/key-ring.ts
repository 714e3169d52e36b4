import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError } from '../errors';
import type { TenantSalt, TenantSaltStore } from './tenant-salts';

/** What a derived key is for. One master secret, one key per (tenant, purpose): compromise of one is contained. */
export type KeyPurpose = 'hash' | 'pseudonymize' | 'encrypt' | 'encrypt-iv' | 'vault' | 'audit' | 'date-shift' | 'api-key';

export interface KeyRingOptions {
  /**
   * Tenant key salts (the gateway: its store). With them every key is derived from the master secret AND the
   * tenant's stored random salt, so erasing a tenant (`shred`) is permanent; without them (CLI, library) keys come
   * from the master secret alone and cannot be shredded.
   */
  salts?: TenantSaltStore;
  /** How long a loaded salt is trusted before `load` reads the store again (replicas: a shred elsewhere shows within this). */
  refreshMs?: number;
  now?: () => number;
}

interface LoadedSalt extends TenantSalt {
  loadedAt: number;
}

/**
 * Derives every key from one master secret with HKDF-SHA256 (RFC 5869), salted per tenant (with the tenant's
 * stored random salt when a salt store is given) and labelled per purpose. With a salt store, `load(tenant)` must
 * run before `key(tenant, …)` (the engine does it per request); a key asked for before is refused, not guessed.
 */
export class KeyRing {
  private readonly cache = new Map<string, Buffer>();
  private readonly salts = new Map<string, LoadedSalt>();
  private readonly store?: TenantSaltStore;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly master: Buffer,
    opts: KeyRingOptions = {},
  ) {
    if (master.length < 32) throw new Error('PHI_GATEWAY_SECRET must be at least 32 bytes (64 hex chars or 44 base64 chars)');
    this.store = opts.salts;
    this.refreshMs = opts.refreshMs ?? Number.POSITIVE_INFINITY;
    this.now = opts.now ?? Date.now;
  }

  /** Whether erasing a tenant's keys is possible (a salt store is configured). */
  get shreddable(): boolean {
    return this.store !== undefined;
  }

  /**
   * Make the tenant's current salt available to `key`: read from the store when not loaded, older than `refreshMs`,
   * or `fresh` is asked for (decryption of stored or forwarded values). Without a salt store, nothing to do.
   */
  async load(tenant: string, opts: { fresh?: boolean } = {}): Promise<void> {
    if (!this.store) return;
    const have = this.salts.get(tenant);
    const at = this.now();
    if (have && !opts.fresh && at - have.loadedAt < this.refreshMs) return;
    this.remember(tenant, await asked(this.store.current(tenant)), at);
  }

  key(tenant: string, purpose: KeyPurpose): Buffer {
    const s = this.store ? this.salts.get(tenant) : undefined;
    if (this.store && !s) throw new Error('tenant keys used before their salt was loaded');
    // No salt store, or generation 0 (a tenant adopted at an upgrade): the keys from the master secret alone.
    const salt = s && s.generation > 0 ? Buffer.concat([Buffer.from(`phi-gateway/tenant/${tenant}\u0000`), s.salt]) : Buffer.from(`phi-gateway/tenant/${tenant}`);
    const id = s ? `${tenant}\u0000${s.generation}\u0000${purpose}` : `${tenant}\u0000${purpose}`;
    let k = this.cache.get(id);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', this.master, salt, Buffer.from(`phi-gateway/${purpose}/v1`), 32));
      this.cache.set(id, k);
    }
    return k;
  }

  /** Keyed HMAC-SHA256 of `data` under the tenant's key for `purpose`, hex. */
  hmac(tenant: string, purpose: KeyPurpose, data: string): string {
    return createHmac('sha256', this.key(tenant, purpose)).update(data, 'utf8').digest('hex');
  }

  /**
   * Crypto-shredding: replace the tenant's stored salt, so every key of the old generation is gone for good (this
   * process forgets them at once; other replicas within `refreshMs`, and at once for decryption). The tenant goes on
   * working under new keys. Returns the new generation. Needs a salt store.
   */
  async shred(tenant: string): Promise<number> {
    if (!this.store) throw new Error('keys derived from the master secret alone cannot be shredded (no salt store)');
    const next = await asked(this.store.shred(tenant));
    this.remember(tenant, next, this.now());
    return next.generation;
  }

  private remember(tenant: string, s: TenantSalt, at: number): void {
    const old = this.salts.get(tenant);
    if (old && old.generation > s.generation) return; // a read that began before a shred: never go back
    if (old && old.generation !== s.generation) {
      for (const id of [...this.cache.keys()]) if (id.startsWith(`${tenant}\u0000${old.generation}\u0000`)) this.cache.delete(id);
    }
    this.salts.set(tenant, { ...s, loadedAt: at });
  }
}

/** The tenant salt store could not answer: the request is refused (fail closed), like an unwritable audit store. */
export class KeyStoreError extends GatewayError {
  constructor(cause: unknown) {
    super('KEYS_UNAVAILABLE', 503, 'tenant key store unavailable; request not processed', { cause });
  }
}

/** The store's answer, or a KeyStoreError when it has none. */
async function asked(answer: Promise<TenantSalt>): Promise<TenantSalt> {
  try {
    return await answer;
  } catch (cause) {
    throw new KeyStoreError(cause);
  }
}

/** Parse a master secret given as hex (64+ chars) or base64. */
export function parseSecret(value: string): Buffer {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64,}$/.test(v)) return Buffer.from(v, 'hex');
  const b = Buffer.from(v, 'base64');
  if (b.length >= 32) return b;
  throw new Error('PHI_GATEWAY_SECRET must be 32+ bytes as hex or base64');
}

export interface SecretSource {
  secret: Buffer;
  /** 'env' when PHI_GATEWAY_SECRET was set; 'generated' / 'file' when the development fallback was used. */
  origin: 'env' | 'file' | 'generated';
  path?: string;
}

/**
 * Resolve the master secret: PHI_GATEWAY_SECRET if set; otherwise (development) a secret generated once into
 * `<dataDir>/master.key` (mode 0600) and reused after. The caller warns when origin is not 'env'.
 */
export function loadMasterSecret(envValue: string | undefined, dataDir: string): SecretSource {
  if (envValue && envValue.trim() !== '') return { secret: parseSecret(envValue), origin: 'env' };
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) return { secret: parseSecret(readFileSync(path, 'utf8')), origin: 'file', path };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(path, secret.toString('hex') + '\n', { mode: 0o600 });
  return { secret, origin: 'generated', path };
}

import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a derived key is for. One master secret, one key per (tenant, purpose): compromise of one is contained. */
export type KeyPurpose = 'hash' | 'pseudonymize' | 'encrypt' | 'encrypt-iv' | 'vault' | 'audit' | 'date-shift' | 'api-key';

/**
 * Derives every key from one master secret with HKDF-SHA256 (RFC 5869), salted per tenant and labelled per purpose.
 * Erasing a tenant (crypto-shredding) is done by adding it to `shredded`: its keys then cannot be derived again.
 */
export class KeyRing {
  private readonly cache = new Map<string, Buffer>();
  private readonly shredded = new Set<string>();

  constructor(private readonly master: Buffer) {
    if (master.length < 32) throw new Error('PHI_GATEWAY_SECRET must be at least 32 bytes (64 hex chars or 44 base64 chars)');
  }

  key(tenant: string, purpose: KeyPurpose): Buffer {
    if (this.shredded.has(tenant)) throw new Error(`keys of tenant ${JSON.stringify(tenant)} were erased`);
    const id = `${tenant}\u0000${purpose}`;
    let k = this.cache.get(id);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', this.master, Buffer.from(`phi-gateway/tenant/${tenant}`), Buffer.from(`phi-gateway/${purpose}/v1`), 32));
      this.cache.set(id, k);
    }
    return k;
  }

  /** Keyed HMAC-SHA256 of `data` under the tenant's key for `purpose`, hex. */
  hmac(tenant: string, purpose: KeyPurpose, data: string): string {
    return createHmac('sha256', this.key(tenant, purpose)).update(data, 'utf8').digest('hex');
  }

  /** Crypto-shredding: forget every key of this tenant for the life of this key ring. */
  shred(tenant: string): void {
    this.shredded.add(tenant);
    for (const id of [...this.cache.keys()]) if (id.startsWith(`${tenant}\u0000`)) this.cache.delete(id);
  }

  isShredded(tenant: string): boolean {
    return this.shredded.has(tenant);
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

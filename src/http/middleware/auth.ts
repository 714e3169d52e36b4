import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { AuthError, ConfigError, ForbiddenError } from '../../errors';
import type { Principal } from '../types';

interface Entry {
  principal: Principal;
  /** sha256(salt ‖ key); salt empty for keys given in the environment. */
  salt: Buffer;
  digest: Buffer;
}

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** A tenant or admin name as a keys-file line spells it. */
export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Shortest API key accepted anywhere (generated keys are 256-bit). */
export const MIN_KEY_LENGTH = 16;
const HASHED_LINE = new RegExp(`^(admin:)?(${KEY_NAME.source.slice(1, -1)}):sha256:([0-9a-f]{16,128}):([0-9a-f]{64})$`, 'i');

/**
 * API key → principal. Every configured key is compared (no early exit) with `timingSafeEqual` over fixed-length
 * digests, so timing reveals neither which key nor how much of one matched. Keys come from
 * `PHI_GATEWAY_API_KEYS` (`tenant:key,...`), `PHI_GATEWAY_ADMIN_KEYS`, or a file of salted hashes
 * (`tenant:sha256:<salt hex>:<sha256(salt ‖ key) hex>` per line). A fast hash suffices because keys are long random
 * strings (≥ 16 chars; generated ones are 256-bit), not passwords.
 */
export class Authenticator {
  private readonly entries: Entry[] = [];

  constructor(opts: { apiKeys?: Array<{ tenant: string; key: string }>; adminKeys?: Array<{ tenant: string; key: string }>; hashedLines?: string[]; source?: string }) {
    for (const k of opts.apiKeys ?? []) this.entries.push({ principal: { type: 'tenant', tenant: k.tenant }, salt: Buffer.alloc(0), digest: sha256(Buffer.from(k.key)) });
    for (const k of opts.adminKeys ?? []) this.entries.push({ principal: { type: 'admin', name: k.tenant }, salt: Buffer.alloc(0), digest: sha256(Buffer.from(k.key)) });
    (opts.hashedLines ?? []).forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const m = HASHED_LINE.exec(line);
      if (!m) throw new ConfigError(`PHI_GATEWAY_API_KEYS_FILE: line ${i + 1}: expected [admin:]name:sha256:<salt hex>:<hash hex>`);
      const principal: Principal = m[1] ? { type: 'admin', name: m[2] } : { type: 'tenant', tenant: m[2] };
      this.entries.push({ principal, salt: Buffer.from(m[3], 'hex'), digest: Buffer.from(m[4], 'hex') });
    });
  }

  static fromFile(path: string, base: ConstructorParameters<typeof Authenticator>[0] = {}): Authenticator {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError('PHI_GATEWAY_API_KEYS_FILE: file cannot be read');
    }
    return new Authenticator({ ...base, hashedLines: text.split(/\r?\n/) });
  }

  /** The configured keys: environment lists, plus the hashed-keys file when one is named. */
  static fromConfig(c: { apiKeys: Array<{ tenant: string; key: string }>; adminKeys: Array<{ tenant: string; key: string }>; apiKeysFile?: string }): Authenticator {
    const base = { apiKeys: c.apiKeys, adminKeys: c.adminKeys };
    return c.apiKeysFile ? Authenticator.fromFile(c.apiKeysFile, base) : new Authenticator(base);
  }

  get size(): number {
    return this.entries.length;
  }

  tenants(): string[] {
    return [...new Set(this.entries.flatMap((e) => (e.principal.type === 'tenant' ? [e.principal.tenant] : [])))];
  }

  authenticate(presented: string): Principal | undefined {
    const key = Buffer.from(presented, 'utf8');
    const plain = sha256(key);
    let found: Principal | undefined;
    for (const e of this.entries) {
      const d = e.salt.length === 0 ? plain : sha256(e.salt, key);
      if (timingSafeEqual(d, e.digest) && !found) found = e.principal;
    }
    return found;
  }
}

/** One line for the keys file: `tenant:sha256:<salt>:<hash>`. */
export function hashedKeyLine(name: string, key: string, admin = false): string {
  const salt = randomBytes(16);
  return `${admin ? 'admin:' : ''}${name}:sha256:${salt.toString('hex')}:${sha256(salt, Buffer.from(key)).toString('hex')}`;
}

/** Generate a random API key (256 bits, url-safe). */
export function generateApiKey(): string {
  return `phi_${randomBytes(32).toString('base64url')}`;
}

/** Require a valid `Authorization: Bearer <key>`; sets `res.locals.principal`. */
export function authenticate(auth: Authenticator) {
  return (req: Request, res: Response, next: NextFunction) => {
    const h = req.get('authorization');
    const m = h ? /^Bearer\s+(\S{1,512})\s*$/i.exec(h) : null;
    const principal = m ? auth.authenticate(m[1]) : undefined;
    if (!principal) return next(new AuthError());
    res.locals.principal = principal;
    if (principal.type === 'tenant') res.locals.tenant = principal.tenant;
    next();
  };
}

/** Routes that act as a tenant (the key decides the tenant): admin keys are refused. */
export function requireTenant(_req: Request, res: Response, next: NextFunction) {
  const p = res.locals.principal as Principal | undefined;
  if (!p) return next(new AuthError());
  if (p.type !== 'tenant') return next(new ForbiddenError('this route needs a tenant API key'));
  next();
}

/** Defence in depth for routes mounted after `authenticate`: refuse when no principal was set. */
export function requirePrincipal(_req: Request, res: Response, next: NextFunction) {
  if (!res.locals.principal) return next(new AuthError());
  next();
}

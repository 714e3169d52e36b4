import { randomBytes } from 'node:crypto';

/**
 * A tenant's key salt: random bytes kept in the store, mixed into the HKDF salt of every key derived for the tenant.
 * The master secret alone cannot derive a tenant's keys; the salt is the part that can be destroyed.
 */
export interface TenantSalt {
  /** 1 for the first salt; +1 at each shredding. 0: legacy (see `adoptLegacy`), with an empty salt. */
  generation: number;
  salt: Buffer;
}

/**
 * Where tenant key salts live (SQLite beside the vault, or PostgreSQL shared by replicas). Replacing a salt is
 * crypto-shredding: every value sealed, encrypted, hashed or pseudonymized under the old generation's keys can no
 * longer be decrypted, linked or recomputed by anyone, the holder of the master secret included.
 */
export interface TenantSaltStore {
  /** The tenant's current salt, created (generation 1) on first use; concurrent first uses agree on one. */
  current(tenant: string): Promise<TenantSalt>;
  /** Overwrite the tenant's salt with new random bytes (generation + 1) and return the new one. */
  shred(tenant: string): Promise<TenantSalt>;
  /**
   * Upgrades: give each named tenant that has no salt yet generation 0, whose keys are derived from the master
   * secret alone, as before salts existed. A tenant that already has a salt keeps it. Returns how many were adopted.
   */
  adoptLegacy(tenants: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

export const SALT_BYTES = 32;

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

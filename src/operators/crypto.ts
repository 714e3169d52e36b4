import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** AES-256-GCM under `iv`: `iv ‖ ciphertext ‖ tag` (the layout `sivDecrypt` reads). */
function gcmEncrypt(key: Buffer, iv: Buffer, plaintext: string, aad: string): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]);
}

/** Associated data binding a vault entry to its tenant, session and token (sealed by `tokenize`, opened by restore). */
export const vaultAad = (tenant: string, session: string, token: string) => `${tenant}\u0000${session}\u0000${token}`;

/** Associated data binding an `encrypt`ed value to its tenant and entity type (written by `encrypt`, read by decrypt). */
export const encryptAad = (tenant: string, entity: string) => `${tenant}\u0000${entity}`;

/**
 * Deterministic authenticated encryption (SIV construction over AES-256-GCM): the 96-bit IV is an HMAC of the
 * plaintext under a separate key, so the same value always gives the same ciphertext (joins still work), and the
 * GCM tag authenticates it. Reusing an IV only ever happens for identical plaintexts, which is the point.
 */
export function sivEncrypt(encKey: Buffer, macKey: Buffer, plaintext: string, aad: string): Buffer {
  const iv = createHmac('sha256', macKey).update(aad).update('\u0000').update(plaintext, 'utf8').digest().subarray(0, 12);
  return gcmEncrypt(encKey, iv, plaintext, aad);
}

export function sivDecrypt(encKey: Buffer, blob: Buffer, aad: string): string {
  if (blob.length < 12 + 16) throw new Error('ciphertext too short');
  const iv = blob.subarray(0, 12);
  const tag = blob.subarray(blob.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]).toString('utf8');
}

/** Randomized authenticated encryption for values at rest (vault). */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  return gcmEncrypt(key, randomBytes(12), plaintext, aad).toString('base64url');
}

export function unseal(key: Buffer, sealed: string, aad: string): string {
  return sivDecrypt(key, Buffer.from(sealed, 'base64url'), aad);
}

/** RFC 4648 base32 alphabet, lower-case: 32 symbols, so `byte % 32` is unbiased. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** Normalise a value before keyed hashing so that "Alice", " alice " and "ALICE" give one pseudonym. */
export function normalizeValue(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

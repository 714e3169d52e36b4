/**
 * Reversible tokens kept per tenant and session, so that `tokenize`d values can be put back into responses
 * (`/v1/restore`, proxy `restore: true`). Values are stored encrypted under a per-tenant key by the caller of
 * the vault (the `tokenize` operator seals them); a store only ever sees ciphertext.
 */
export interface VaultEntry {
  tenant: string;
  session: string;
  token: string;
  /** Sealed (encrypted, authenticated) value; never the plain value. */
  sealed: string;
  entity: string;
  /** Epoch milliseconds after which the entry is gone. */
  expiresAt: number;
}

export interface VaultStore {
  /** Store or return the existing token for (tenant, session, lookupKey). `lookupKey` is a keyed digest of the value. */
  putToken(entry: VaultEntry & { lookupKey: string }): Promise<string>;
  /** Look tokens up for a tenant + session; tokens of other tenants/sessions are never returned. */
  getTokens(tenant: string, session: string, tokens: readonly string[]): Promise<Map<string, VaultEntry>>;
  /** GDPR erasure of one session. Returns the number of entries removed. */
  deleteSession(tenant: string, session: string): Promise<number>;
  /** Whether a session has any entries (used to answer 404 for unknown sessions). */
  hasSession(tenant: string, session: string): Promise<boolean>;
  /** Drop expired entries; returns how many. */
  purgeExpired(now?: number): Promise<number>;
  /** GDPR erasure of a whole tenant (with key shredding); stores that cannot do it leave it out (501). */
  deleteTenant?(tenant: string): Promise<number>;
  close?(): Promise<void>;
}

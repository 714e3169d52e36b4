import type { VaultEntry, VaultStore } from './types';

/** In-process vault for the CLI and tests; the gateway uses the SQLite or PostgreSQL store. */
export class MemoryVaultStore implements VaultStore {
  private readonly byToken = new Map<string, VaultEntry>();
  private readonly byLookup = new Map<string, string>();

  private static key(tenant: string, session: string, part: string): string {
    return `${tenant}\u0000${session}\u0000${part}`;
  }

  async putToken(entry: VaultEntry & { lookupKey: string }): Promise<string> {
    const lookup = MemoryVaultStore.key(entry.tenant, entry.session, entry.lookupKey);
    const existing = this.byLookup.get(lookup);
    if (existing) {
      const e = this.byToken.get(MemoryVaultStore.key(entry.tenant, entry.session, existing));
      if (e && e.expiresAt > Date.now()) return existing;
    }
    const { lookupKey: _lookupKey, ...stored } = entry;
    this.byToken.set(MemoryVaultStore.key(entry.tenant, entry.session, entry.token), stored);
    this.byLookup.set(lookup, entry.token);
    return entry.token;
  }

  async getTokens(tenant: string, session: string, tokens: readonly string[]): Promise<Map<string, VaultEntry>> {
    const out = new Map<string, VaultEntry>();
    const now = Date.now();
    for (const t of tokens) {
      const e = this.byToken.get(MemoryVaultStore.key(tenant, session, t));
      if (e && e.expiresAt > now) out.set(t, e);
    }
    return out;
  }

  async deleteSession(tenant: string, session: string): Promise<number> {
    const prefix = MemoryVaultStore.key(tenant, session, '');
    let n = 0;
    for (const k of [...this.byToken.keys()]) if (k.startsWith(prefix)) n += Number(this.byToken.delete(k));
    for (const k of [...this.byLookup.keys()]) if (k.startsWith(prefix)) this.byLookup.delete(k);
    return n;
  }

  async hasSession(tenant: string, session: string): Promise<boolean> {
    const prefix = MemoryVaultStore.key(tenant, session, '');
    const now = Date.now();
    return [...this.byToken].some(([k, e]) => k.startsWith(prefix) && e.expiresAt > now);
  }

  async purgeExpired(now = Date.now()): Promise<number> {
    let n = 0;
    for (const [k, e] of [...this.byToken]) if (e.expiresAt <= now) n += Number(this.byToken.delete(k));
    return n;
  }
}

import type { KeyRing } from '../keys/key-ring';
import { encryptAad, sivDecrypt, unseal, vaultAad } from '../operators/crypto';
import { TOKEN_LENGTH } from '../operators/tokenize';
import type { VaultStore } from '../vault/types';

/**
 * Vault tokens as `tokenize` writes them (`<PERSON_k3x9q2m7ab>`), tolerating the light mangling models do:
 * brackets dropped or escaped, spaces inside them, the type's case changed.
 */
const TOKEN_RE = new RegExp(String.raw`(?:\\?<\s{0,2})?\b([A-Za-z][A-Za-z_]{1,29})_([A-Za-z2-7]{${TOKEN_LENGTH}})\b(?:\s{0,2}\\?>)?`, 'g');
const ENC_RE = /<ENC:([A-Z][A-Z_]{1,29}):([A-Za-z0-9_-]{20,4096})>/g;

/** Put a session's vault values back in place of its tokens. Other tenants' and sessions' tokens stay as they are. */
export async function restoreTokens(
  text: string,
  opts: { tenant: string; session: string; vault: VaultStore; keys: KeyRing },
): Promise<{ text: string; restored: number }> {
  const found = [...text.matchAll(TOKEN_RE)];
  if (found.length === 0) return { text, restored: 0 };
  const entries = await opts.vault.getTokens(opts.tenant, opts.session, [...new Set(found.map((m) => m[2].toLowerCase()))]);
  if (entries.size === 0) return { text, restored: 0 };
  const key = opts.keys.key(opts.tenant, 'vault');
  let restored = 0;
  const out = text.replace(TOKEN_RE, (whole, entity: string, token: string) => {
    const entry = entries.get(token.toLowerCase());
    if (!entry || entry.entity !== entity.toUpperCase()) return whole;
    restored++;
    return unseal(key, entry.sealed, vaultAad(opts.tenant, opts.session, entry.token));
  });
  return { text: out, restored };
}

/** Admin re-identification of `encrypt`ed values of one tenant. Values that fail authentication stay as they are. */
export function decryptValues(text: string, opts: { tenant: string; keys: KeyRing }): { text: string; restored: number } {
  let restored = 0;
  const key = opts.keys.key(opts.tenant, 'encrypt');
  const out = text.replace(ENC_RE, (whole, entity: string, blob: string) => {
    try {
      const value = sivDecrypt(key, Buffer.from(blob, 'base64url'), encryptAad(opts.tenant, entity));
      restored++;
      return value;
    } catch {
      return whole;
    }
  });
  return { text: out, restored };
}

/** Longest text a token can span, held back at a chunk's end until the next chunk shows whether it completes. */
const MAX_TOKEN_CHARS = 2 + 2 + 30 + 1 + TOKEN_LENGTH + 2 + 2;

/**
 * Restores tokens in a stream of text chunks (streamed model responses): a token split across chunks is held
 * back until it is complete. `push` returns what can be emitted now; `end` returns the rest.
 */
export class StreamRestorer {
  private pending = '';

  constructor(private readonly restore: (text: string) => Promise<{ text: string }>) {}

  async push(chunk: string): Promise<string> {
    this.pending += chunk;
    if (this.pending.length <= MAX_TOKEN_CHARS) return '';
    // A token that starts before `cut` ends inside `pending` (tokens are at most MAX_TOKEN_CHARS long), so it is
    // complete; only move the cut back so that it does not fall inside one.
    let cut = this.pending.length - MAX_TOKEN_CHARS;
    for (const m of this.pending.matchAll(TOKEN_RE)) {
      if (m.index >= cut) break;
      if (m.index + m[0].length > cut) cut = m.index;
    }
    const ready = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return (await this.restore(ready)).text;
  }

  async end(): Promise<string> {
    const rest = this.pending;
    this.pending = '';
    return (await this.restore(rest)).text;
  }
}

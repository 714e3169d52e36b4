import { z } from 'zod';
import { normalizeValue, randomToken, seal, vaultAad } from './crypto';
import type { Operator } from './types';

export const TOKEN_LENGTH = 10;

/**
 * Random token kept in the tenant's vault, reversible only through the vault (HIPAA §164.514(c): the code is not
 * derived from the PHI). Within one session the same value gets the same token, so "Alice … Alice" stays linked.
 * Output: `<PERSON_k3x9q2m7ab>`.
 */
export const tokenize: Operator<Record<string, never>> = {
  name: 'tokenize',
  params: z.strictObject({}),
  reversible: true,
  apply: async ({ value, entity }, _p, ctx) => {
    if (!ctx.vault) throw new Error('tokenize needs a vault');
    const lookupKey = ctx.keys.hmac(ctx.tenant, 'vault', `${ctx.session}\u0000${entity}\u0000${normalizeValue(value)}`);
    const candidate = randomToken(TOKEN_LENGTH);
    const token = await ctx.vault.putToken({
      tenant: ctx.tenant,
      session: ctx.session,
      token: candidate,
      lookupKey,
      sealed: seal(ctx.keys.key(ctx.tenant, 'vault'), value, vaultAad(ctx.tenant, ctx.session, candidate)),
      entity,
      expiresAt: ctx.now() + ctx.vaultTtlMs,
    });
    return `<${entity}_${token}>`;
  },
};

import { z } from 'zod';
import { encryptAad, sivEncrypt } from './crypto';
import type { Operator } from './types';

/**
 * Deterministic authenticated encryption under the tenant's key: `<ENC:PERSON:…>`. The same value always gives
 * the same ciphertext; an admin can re-identify through `/v1/restore` (admin) or `Engine.decrypt`.
 */
export const encrypt: Operator<Record<string, never>> = {
  name: 'encrypt',
  params: z.strictObject({}),
  reversible: true,
  apply: ({ value, entity }, _p, ctx) => {
    const blob = sivEncrypt(ctx.keys.key(ctx.tenant, 'encrypt'), ctx.keys.key(ctx.tenant, 'encrypt-iv'), value, encryptAad(ctx.tenant, entity));
    return `<ENC:${entity}:${blob.toString('base64url')}>`;
  },
};

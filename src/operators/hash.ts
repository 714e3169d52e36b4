import { z } from 'zod';
import { normalizeValue } from './crypto';
import type { Operator } from './types';

const params = z.strictObject({
  /** Hex characters kept from the HMAC-SHA256 digest (16–64). */
  length: z.number().int().min(16).max(64).default(64),
});

/** Keyed HMAC-SHA256 under the tenant's `hash` key — never an unkeyed hash, which a dictionary reverses. */
export const hash: Operator<z.infer<typeof params>> = {
  name: 'hash',
  params,
  reversible: false,
  apply: ({ value, entity }, p, ctx) => ctx.keys.hmac(ctx.tenant, 'hash', `${entity}\u0000${normalizeValue(value)}`).slice(0, p.length),
};

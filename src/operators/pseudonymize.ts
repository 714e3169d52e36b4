import { z } from 'zod';
import { normalizeValue } from './crypto';
import { fillTemplate } from './template';
import type { Operator } from './types';

const params = z.strictObject({
  template: z.string().max(200).default('<{entity}_{token}>'),
  /** Hex characters of the keyed digest used as the token (8–32). */
  length: z.number().int().min(8).max(32).default(8),
});

/**
 * Stable keyed pseudonym per tenant: the same value gives the same token in every request (GDPR pseudonymisation:
 * still personal data, linkable only with the tenant's key). Not reversible; use `tokenize` when you need restore.
 */
export const pseudonymize: Operator<z.infer<typeof params>> = {
  name: 'pseudonymize',
  params,
  reversible: false,
  apply: ({ value, entity }, p, ctx) => {
    const token = ctx.keys.hmac(ctx.tenant, 'pseudonymize', `${entity}\u0000${normalizeValue(value)}`).slice(0, p.length);
    return fillTemplate(p.template, { entity, token });
  },
};

import { z } from 'zod';
import type { Operator } from './types';

const params = z.strictObject({
  char: z.string().length(1).default('*'),
  keep_first: z.number().int().min(0).max(64).default(0),
  keep_last: z.number().int().min(0).max(64).default(0),
});

/**
 * Replaces characters with `char`, keeping the first/last n. Never keeps more than half of the value, so a
 * short value cannot be left entirely visible by a generous policy. Works on code points, not UTF-16 units.
 */
export const mask: Operator<z.infer<typeof params>> = {
  name: 'mask',
  params,
  reversible: false,
  apply: ({ value }, p) => {
    const chars = Array.from(value);
    const budget = Math.floor(chars.length / 2);
    const first = Math.min(p.keep_first, budget);
    const last = Math.min(p.keep_last, budget - first);
    return chars.map((c, i) => (i < first || i >= chars.length - last ? c : p.char)).join('');
  },
};

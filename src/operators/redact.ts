import { z } from 'zod';
import type { Operator } from './types';

/** Removes the finding entirely (Presidio's `redact`). */
export const redact: Operator<Record<string, never>> = {
  name: 'redact',
  params: z.strictObject({}),
  reversible: false,
  apply: () => '',
};

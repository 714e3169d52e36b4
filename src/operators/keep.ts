import { z } from 'zod';
import type { Operator } from './types';

/** Leaves the value as it is (the finding is still audited). */
export const keep: Operator<Record<string, never>> = {
  name: 'keep',
  params: z.strictObject({}),
  reversible: true,
  apply: ({ value }) => value,
};

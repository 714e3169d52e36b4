import { z } from 'zod';
import { fillTemplate } from './template';
import type { Operator } from './types';

const params = z.strictObject({
  /** Replacement text; `{entity}` is the entity type. Default `<{entity}>`, e.g. `<PERSON>`. */
  template: z.string().max(200).default('<{entity}>'),
});

export const replace: Operator<z.infer<typeof params>> = {
  name: 'replace',
  params,
  reversible: false,
  apply: ({ entity }, p) => fillTemplate(p.template, { entity }),
};

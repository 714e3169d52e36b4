import { z } from 'zod';
import { ENTITY_TYPES } from '../detectors/entities';
import { OPERATOR_NAMES } from '../operators/types';

/**
 * The YAML shape of a policy file (snake_case). Objects are strict: an unknown key is an error, so a typo never
 * silently weakens a policy. Operator params are checked against each operator's own schema in `loader.ts`.
 */
const entityType = z.enum(ENTITY_TYPES);
const score = z.number().min(0).max(1);
const words = z.array(z.string().min(1).max(100)).max(500);

const entityRule = z.strictObject({
  operator: z.enum(OPERATOR_NAMES).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  threshold: score.optional(),
  context: words.optional(),
});

const detectorRule = z.strictObject({
  enabled: z.boolean().optional(),
  threshold: score.optional(),
});

const listItem = z.union([z.string().min(1).max(1000), z.strictObject({ regex: z.string().min(1).max(1000) })]);

const denyItem = z.strictObject({
  entity: entityType,
  exact: z.array(z.string().min(1).max(1000)).max(10_000).optional(),
  regex: z.array(z.string().min(1).max(1000)).max(1000).optional(),
});

const customPattern = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected kebab-case name'),
  entity: entityType,
  regex: z.string().min(1).max(1000),
  flags: z.string().regex(/^[imsu]*$/, 'allowed flags: i, m, s, u').optional(),
  score: score.optional(),
  context: words.optional(),
});

const upstream = z.union([
  z.url({ protocol: /^https?$/ }),
  z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.strictObject({ value_from_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) })).optional(),
    timeout_ms: z.number().int().min(100).max(600_000).optional(),
  }),
]);

export const policyFileSchema = z.strictObject({
  tenant: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a lower-case tenant id').optional(),
  extends: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a profile name').optional(),
  description: z.string().max(2000).optional(),
  threshold: score.optional(),
  default: entityRule.optional(),
  entities: z.partialRecord(entityType, entityRule).optional(),
  detectors: z.record(z.string().regex(/^[a-z]+\.[a-z0-9._-]+$/, 'expected a detector id like pattern.us-ssn'), detectorRule).optional(),
  allow: z.array(listItem).max(10_000).optional(),
  deny: z.array(denyItem).max(1000).optional(),
  custom_patterns: z.array(customPattern).max(200).optional(),
  paths: z.array(z.string().min(1).max(500)).max(200).optional(),
  on_detector_error: z.enum(['block', 'redact_all']).optional(),
  propagate_mentions: z.array(entityType).max(ENTITY_TYPES.length).optional(),
  detector_timeout_ms: z.number().int().min(10).max(120_000).optional(),
  upstreams: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/), upstream).optional(),
  restore: z.boolean().optional(),
  vault_ttl_seconds: z.number().int().min(60).max(31_536_000).optional(),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;

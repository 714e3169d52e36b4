import type { Policy } from './types';
import { contentVersion } from './version';

/**
 * The policy used when none is named (CLI without `--policy`): every given detector on, default threshold 0.5,
 * every finding replaced by `<TYPE>`.
 */
export function defaultPolicy(detectorIds: readonly string[]): Policy {
  const body = {
    id: 'default',
    extends: [],
    threshold: 0.5,
    defaultRule: { operator: 'replace' as const, params: { template: '<{entity}>' }, context: [] },
    entities: {},
    detectors: Object.fromEntries(detectorIds.map((id) => [id, { enabled: true }])),
    allow: { exact: [], regex: [] },
    deny: [],
    customPatterns: [],
    paths: [],
    onDetectorError: 'block' as const,
    propagateMentions: ['PERSON' as const],
    detectorTimeoutMs: 30_000,
    upstreams: {},
    restore: false,
    vaultTtlSeconds: 86_400,
  };
  return Object.freeze({ ...body, version: contentVersion(body) });
}

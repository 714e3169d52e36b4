import type { EntityType } from '../detectors/entities';
import { patternDetector } from '../detectors/pattern-detector';
import type { DetectorRegistry } from '../detectors/registry';
import type { Detector } from '../detectors/types';
import type { Policy } from '../policy/types';
import { AllowList } from './allow-list';
import { denyListDetector } from './deny-list-detector';

/** What a policy needs at analysis time, built once per policy object. */
export interface CompiledPolicy {
  detectors: Detector[];
  allow: AllowList;
  contextWords: Partial<Record<EntityType, string[]>>;
}

export function compilePolicy(policy: Policy, registry: DetectorRegistry): CompiledPolicy {
  const builtIn = registry.list().filter((d) => policy.detectors[d.id]?.enabled ?? d.enabledByDefault ?? true);
  const custom = policy.customPatterns
    .map((p) =>
      patternDetector({
        id: `custom.${p.name}`,
        entity: p.entity,
        patterns: [{ name: p.name, regex: new RegExp(p.regex, p.flags), score: p.score }],
        context: p.context,
      }),
    )
    .filter((d) => policy.detectors[d.id]?.enabled ?? true);
  const deny = denyListDetector(policy.deny);
  const contextWords: Partial<Record<EntityType, string[]>> = {};
  for (const [entity, rule] of Object.entries(policy.entities)) if (rule?.context.length) contextWords[entity as EntityType] = rule.context;
  return { detectors: [...builtIn, ...custom, ...(deny ? [deny] : [])], allow: new AllowList(policy.allow), contextWords };
}

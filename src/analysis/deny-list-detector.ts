import { escapeRegExp } from '../detectors/escape-regexp';
import { nextIndex } from '../detectors/next-index';
import type { Detection, Detector } from '../detectors/types';
import type { DenyEntry } from '../policy/types';

/**
 * Terms a tenant always wants removed (a patient list, a project code name): exact entries match
 * case-insensitively on word boundaries; regex entries as written. Score 1.
 */
export function denyListDetector(entries: readonly DenyEntry[]): Detector | undefined {
  const rules = entries.flatMap((e) => {
    const sources = [...e.exact.map((s) => `(?<![\\p{L}\\p{N}])${escapeRegExp(s)}(?![\\p{L}\\p{N}])`), ...e.regex];
    return sources.length ? [{ entity: e.entity, regex: new RegExp(sources.join('|'), 'giu') }] : [];
  });
  if (rules.length === 0) return undefined;
  return {
    id: 'policy.deny',
    kind: 'custom',
    entities: [...new Set(rules.map((r) => r.entity))],
    description: 'terms the policy always removes',
    detect(text: string): Detection[] {
      const out: Detection[] = [];
      for (const { entity, regex } of rules) {
        regex.lastIndex = 0;
        for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
          if (m[0].length === 0) {
            regex.lastIndex = nextIndex(text, m.index);
            continue;
          }
          out.push({ entity, start: m.index, end: m.index + m[0].length, score: 1, detectorId: 'policy.deny' });
        }
      }
      return out;
    },
  };
}

import type { Detection } from '../detectors/types';
import type { RedactionItem } from '../engine/types';
import { OPERATORS } from '../operators/registry';
import type { OperatorContext } from '../operators/types';
import type { Policy } from '../policy/types';

/**
 * Apply the policy's operator to each (already conflict-free) finding, right to left so that earlier offsets stay
 * valid, and emit the redaction items from the same loop — the audit stores exactly these. Items carry offsets into
 * the original text and a keyed digest of the value, never the value.
 */
export async function anonymizeText(
  text: string,
  path: string,
  detections: readonly Detection[],
  policy: Policy,
  ctx: OperatorContext,
): Promise<{ text: string; items: RedactionItem[] }> {
  const ordered = [...detections].sort((a, b) => b.start - a.start);
  const items: RedactionItem[] = [];
  let out = text;
  for (const d of ordered) {
    const rule = policy.entities[d.entity] ?? policy.defaultRule;
    const value = text.slice(d.start, d.end);
    const replacement = await OPERATORS[rule.operator].apply({ value, entity: d.entity }, rule.params, ctx);
    out = out.slice(0, d.start) + replacement + out.slice(d.end);
    items.push({
      path,
      entity: d.entity,
      start: d.start,
      end: d.end,
      operator: rule.operator,
      detectorId: d.detectorId,
      score: Math.round(d.score * 1000) / 1000,
      valueDigest: ctx.keys.hmac(ctx.tenant, 'audit', `${d.entity}\u0000${value}`),
    });
  }
  return { text: out, items: items.reverse() };
}

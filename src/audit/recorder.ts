import type { RedactionItem } from '../engine/types';
import type { Policy } from '../policy/types';
import { emptyInput, type AuditDecision, type AuditInput } from './types';

/** Builds the records of one request from the engine's own items (nothing re-derived, no values). */
export interface RequestContext {
  requestId: string;
  route: string;
  policy?: Pick<Policy, 'id' | 'version'>;
  upstream?: string | null;
  at?: number;
}

export function countByEntity(items: ReadonlyArray<{ entity: string }>): Record<string, number> {
  const c: Record<string, number> = {};
  for (const i of items) c[i.entity] = (c[i.entity] ?? 0) + 1;
  return c;
}

/** The fields every record of the request carries. */
function contextFields(ctx: RequestContext) {
  return {
    requestId: ctx.requestId,
    route: ctx.route,
    at: ctx.at ?? Date.now(),
    policyId: ctx.policy?.id ?? null,
    policyVersion: ctx.policy?.version ?? null,
    upstream: ctx.upstream ?? null,
  };
}

export function requestRecord(
  ctx: RequestContext,
  decision: AuditDecision,
  status: number | null,
  counts: Record<string, number>,
  reason: string | null = null,
  kind: AuditInput['kind'] = 'request',
): AuditInput {
  return emptyInput({
    kind,
    ...contextFields(ctx),
    decision,
    status,
    counts,
    reason,
  });
}

export function itemRecords(ctx: RequestContext, items: readonly RedactionItem[], pathPrefix = ''): AuditInput[] {
  return items.map((it) =>
    emptyInput({
      kind: 'item',
      ...contextFields(ctx),
      path: pathPrefix ? (it.path ? `${pathPrefix}.${it.path}` : pathPrefix) : it.path,
      entity: it.entity,
      start: it.start,
      end: it.end,
      operator: it.operator,
      detector: it.detectorId,
      score: it.score,
      valueDigest: it.valueDigest,
    }),
  );
}

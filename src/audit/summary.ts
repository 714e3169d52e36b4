import type { AuditStore } from '../store/types';
import type { AuditFilter } from './types';

export interface AuditSummary {
  from: string | null;
  to: string | null;
  requests: number;
  requestsWithPhi: number;
  /** requestsWithPhi / requests (0 when no requests). */
  phiShare: number;
  blocked: number;
  errors: number;
  byDecision: Record<string, number>;
  byType: Record<string, number>;
  byOperator: Record<string, number>;
  /** Per UTC day (YYYY-MM-DD): requests, items, blocked, and items per type. */
  byDay: Record<string, { requests: number; items: number; blocked: number; byType: Record<string, number> }>;
}

const inc = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

/** Counts per type/operator/day, share of requests with PHI, blocked requests — from the tenant's records. */
export async function summarize(store: AuditStore, tenant: string, filter: AuditFilter): Promise<AuditSummary> {
  const s: AuditSummary = {
    from: filter.from !== undefined ? new Date(filter.from).toISOString() : null,
    to: filter.to !== undefined ? new Date(filter.to).toISOString() : null,
    requests: 0,
    requestsWithPhi: 0,
    phiShare: 0,
    blocked: 0,
    errors: 0,
    byDecision: {},
    byType: {},
    byOperator: {},
    byDay: {},
  };
  const day = (at: number) => {
    const d = new Date(at).toISOString().slice(0, 10);
    return (s.byDay[d] ??= { requests: 0, items: 0, blocked: 0, byType: {} });
  };
  for await (const r of store.iterate(tenant, { from: filter.from, to: filter.to, upstream: filter.upstream })) {
    if (r.kind === 'request') {
      s.requests += 1;
      const d = day(r.at);
      d.requests += 1;
      if (r.decision) inc(s.byDecision, r.decision);
      if (r.decision === 'blocked') {
        s.blocked += 1;
        d.blocked += 1;
      }
      if (r.decision === 'error') s.errors += 1;
      const total = r.counts ? Object.values(r.counts).reduce((a, b) => a + b, 0) : 0;
      if (total > 0) s.requestsWithPhi += 1;
    } else if (r.kind === 'outcome' && r.decision === 'error') {
      s.errors += 1;
      inc(s.byDecision, 'error');
    } else if (r.kind === 'item') {
      const d = day(r.at);
      d.items += 1;
      if (r.entity) {
        inc(s.byType, r.entity);
        inc(d.byType, r.entity);
      }
      if (r.operator) inc(s.byOperator, r.operator);
    }
  }
  s.phiShare = s.requests === 0 ? 0 : Math.round((s.requestsWithPhi / s.requests) * 10000) / 10000;
  return s;
}

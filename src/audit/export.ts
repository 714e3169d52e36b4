import type { AuditRecord } from './types';

/** Public shape of a record in API responses and exports (time as ISO 8601). */
export function publicRecord(r: AuditRecord): Record<string, unknown> {
  return {
    seq: r.seq,
    tenant: r.tenant,
    kind: r.kind,
    requestId: r.requestId,
    at: new Date(r.at).toISOString(),
    policy: r.policyId ? { id: r.policyId, version: r.policyVersion } : null,
    route: r.route,
    upstream: r.upstream,
    decision: r.decision,
    status: r.status,
    counts: r.counts,
    reason: r.reason,
    path: r.path,
    type: r.entity,
    start: r.start,
    end: r.end,
    operator: r.operator,
    detector: r.detector,
    score: r.score,
    valueDigest: r.valueDigest,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export const CSV_COLUMNS = [
  'seq',
  'tenant',
  'kind',
  'requestId',
  'at',
  'policyId',
  'policyVersion',
  'route',
  'upstream',
  'decision',
  'status',
  'counts',
  'reason',
  'path',
  'type',
  'start',
  'end',
  'operator',
  'detector',
  'score',
  'valueDigest',
  'prevHash',
  'hash',
] as const;

/** RFC 4180 field; also defuses spreadsheet formulas (cells starting with = + - @). */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(r: AuditRecord): string {
  const flat: Record<string, unknown> = { ...publicRecord(r), policyId: r.policyId, policyVersion: r.policyVersion };
  return CSV_COLUMNS.map((c) => csvField(flat[c])).join(',') + '\r\n';
}

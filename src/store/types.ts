import type { AuditFilter, AuditInput, AuditPage, AuditRecord } from '../audit/types';

/**
 * Audit storage. Routes and services depend on this interface only; SQLite (embedded default) and PostgreSQL
 * implement it. `append` links the records into the tenant's hash chain inside one transaction and resolves only
 * once the transaction is durable (SQLite WAL with synchronous=FULL; PostgreSQL commit).
 */
export interface AuditStore {
  readonly kind: 'sqlite' | 'postgres';
  append(tenant: string, inputs: readonly AuditInput[]): Promise<AuditRecord[]>;
  /** One page in chain order (oldest first). `limit` is clamped by the caller. */
  query(tenant: string, filter: AuditFilter, opts: { limit: number; cursor?: string | null }): Promise<AuditPage>;
  /** Every record of the tenant matching `filter`, in chain order, read in pages. */
  iterate(tenant: string, filter?: AuditFilter, pageSize?: number): AsyncIterable<AuditRecord>;
  /** The chain head kept beside the records (detects removal of trailing records). */
  head(tenant: string): Promise<{ seq: number; hash: string } | null>;
  /** Tenants that have records (admin views). */
  tenants(): Promise<string[]>;
  /** Throws when the store is not usable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MAX_PAGE = 1000;

/** Cursor: opaque base64url of the last seq returned. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^s:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new CursorError();
  return Number(m[1]);
}

export class CursorError extends Error {
  constructor() {
    super('invalid cursor');
  }
}

/** Build the WHERE clause shared by both SQL stores. `ph(i)` renders the i-th placeholder (1-based). */
export function whereClause(
  tenant: string,
  filter: AuditFilter,
  afterSeq: number,
  ph: (i: number) => string,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return ph(params.length);
  };
  const parts = [`tenant = ${add(tenant)}`, `seq > ${add(afterSeq)}`];
  if (filter.from !== undefined) parts.push(`at >= ${add(filter.from)}`);
  if (filter.to !== undefined) parts.push(`at < ${add(filter.to)}`);
  if (filter.type !== undefined) parts.push(`entity = ${add(filter.type)}`);
  if (filter.operator !== undefined) parts.push(`operator = ${add(filter.operator)}`);
  if (filter.requestId !== undefined) parts.push(`request_id = ${add(filter.requestId)}`);
  if (filter.upstream !== undefined) parts.push(`upstream = ${add(filter.upstream)}`);
  if (filter.kind !== undefined) parts.push(`kind = ${add(filter.kind)}`);
  if (filter.decision !== undefined) parts.push(`decision = ${add(filter.decision)}`);
  return { sql: parts.join(' AND '), params };
}

export const AUDIT_COLUMNS =
  'tenant, seq, kind, request_id, at, policy_id, policy_version, route, upstream, decision, status, counts, reason, path, entity, start_offset, end_offset, operator, detector, score, value_digest, prev_hash, hash';

export function recordToRow(r: AuditRecord): unknown[] {
  return [
    r.tenant,
    r.seq,
    r.kind,
    r.requestId,
    r.at,
    r.policyId,
    r.policyVersion,
    r.route,
    r.upstream,
    r.decision,
    r.status,
    r.counts ? JSON.stringify(r.counts) : null,
    r.reason,
    r.path,
    r.entity,
    r.start,
    r.end,
    r.operator,
    r.detector,
    r.score,
    r.valueDigest,
    r.prevHash,
    r.hash,
  ];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function rowToRecord(row: Record<string, unknown>): AuditRecord {
  return {
    tenant: String(row.tenant),
    seq: Number(row.seq),
    kind: row.kind as AuditRecord['kind'],
    requestId: String(row.request_id),
    at: Number(row.at),
    policyId: (row.policy_id as string | null) ?? null,
    policyVersion: (row.policy_version as string | null) ?? null,
    route: String(row.route),
    upstream: (row.upstream as string | null) ?? null,
    decision: (row.decision as AuditRecord['decision']) ?? null,
    status: num(row.status),
    counts: row.counts === null || row.counts === undefined ? null : (JSON.parse(String(row.counts)) as Record<string, number>),
    reason: (row.reason as string | null) ?? null,
    path: (row.path as string | null) ?? null,
    entity: (row.entity as string | null) ?? null,
    start: num(row.start_offset),
    end: num(row.end_offset),
    operator: (row.operator as string | null) ?? null,
    detector: (row.detector as string | null) ?? null,
    score: num(row.score),
    valueDigest: (row.value_digest as string | null) ?? null,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

/** Shared paging loop for `iterate`. */
export async function* iteratePages(
  query: (cursor: string | null) => Promise<AuditPage>,
): AsyncIterable<AuditRecord> {
  let cursor: string | null = null;
  for (;;) {
    const page: AuditPage = await query(cursor);
    for (const r of page.records) yield r;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

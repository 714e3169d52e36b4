import { createHash } from 'node:crypto';
import type { AuditInput, AuditRecord } from './types';

/** The genesis `prevHash` of every tenant's chain. */
export const GENESIS = '0'.repeat(64);

/** Field order of the canonical form. Every stored field except the hashes is covered. */
const FIELDS = [
  'tenant',
  'seq',
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
  'entity',
  'start',
  'end',
  'operator',
  'detector',
  'score',
  'valueDigest',
] as const;

function canonicalValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('audit: non-finite number');
    return JSON.stringify(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalValue).join(',')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalValue((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  throw new Error('audit: unsupported value type');
}

/** Canonical JSON of a record: fixed field order, object keys sorted, no whitespace. */
export function canonical(record: AuditInput & { tenant: string; seq: number }): string {
  const r = record as unknown as Record<string, unknown>;
  return `{${FIELDS.map((f) => `${JSON.stringify(f)}:${canonicalValue(r[f])}`).join(',')}}`;
}

export function chainHash(prevHash: string, record: AuditInput & { tenant: string; seq: number }): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical(record), 'utf8').digest('hex');
}

/** Link `inputs` after the head `(seq, hash)`. */
export function link(tenant: string, head: { seq: number; hash: string }, inputs: readonly AuditInput[]): AuditRecord[] {
  const out: AuditRecord[] = [];
  let { seq, hash } = head;
  for (const input of inputs) {
    seq += 1;
    const rec = { ...normalize(input), tenant, seq };
    const h = chainHash(hash, rec);
    out.push({ ...rec, prevHash: hash, hash: h });
    hash = h;
  }
  return out;
}

/** Normalize numbers the way the stores round-trip them (integers stay integers, scores stay doubles). */
export function normalize(input: AuditInput): AuditInput {
  const counts = input.counts ? Object.fromEntries(Object.entries(input.counts).map(([k, v]) => [k, Math.trunc(v)])) : null;
  return {
    kind: input.kind,
    requestId: input.requestId,
    at: Math.trunc(input.at),
    policyId: input.policyId ?? null,
    policyVersion: input.policyVersion ?? null,
    route: input.route,
    upstream: input.upstream ?? null,
    decision: input.decision ?? null,
    status: input.status ?? null,
    counts,
    reason: input.reason ?? null,
    path: input.path ?? null,
    entity: input.entity ?? null,
    start: input.start ?? null,
    end: input.end ?? null,
    operator: input.operator ?? null,
    detector: input.detector ?? null,
    score: input.score ?? null,
    valueDigest: input.valueDigest ?? null,
  };
}

/**
 * Walk records in seq order (as an async stream) and report the first broken link. `head` is the stored chain head
 * (detects removal of trailing records).
 */
export async function verifyChain(
  records: AsyncIterable<AuditRecord>,
  head: { seq: number; hash: string } | null,
): Promise<import('./types').VerifyResult> {
  let prev = GENESIS;
  let expectSeq = 1;
  let checked = 0;
  for await (const r of records) {
    if (r.seq !== expectSeq) {
      return { ok: false, checked, head, firstBroken: { seq: expectSeq, requestId: null, reason: 'missing_record' } };
    }
    if (r.prevHash !== prev) {
      return { ok: false, checked, head, firstBroken: { seq: r.seq, requestId: r.requestId, reason: 'prev_mismatch' } };
    }
    const { prevHash: _p, hash: _h, ...rest } = r;
    if (chainHash(prev, rest) !== r.hash) {
      return { ok: false, checked, head, firstBroken: { seq: r.seq, requestId: r.requestId, reason: 'hash_mismatch' } };
    }
    prev = r.hash;
    expectSeq += 1;
    checked += 1;
  }
  const lastSeq = expectSeq - 1;
  // Records without a head row (or a head that does not match the last record) mean rows or the head were altered.
  if (!head && lastSeq > 0) {
    return { ok: false, checked, head, firstBroken: { seq: lastSeq, requestId: null, reason: 'head_mismatch' } };
  }
  if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== prev))) {
    return { ok: false, checked, head, firstBroken: { seq: Math.min(head.seq, lastSeq + 1), requestId: null, reason: 'head_mismatch' } };
  }
  return { ok: true, checked, head };
}

/**
 * Audit records. They prove what was redacted, forwarded or blocked without holding any value: items carry
 * offsets, the entity type, operator, detector, score and `valueDigest` (an HMAC under the tenant's audit key,
 * computed by the engine). Records are chained per tenant: `hash = sha256(prevHash ‖ canonical(record))`.
 */
export type AuditKind = 'request' | 'item' | 'outcome' | 'restore' | 'erasure';

/**
 * forwarded: the redacted request was released to the upstream; returned: a redacted copy / findings went back to
 * the client; blocked: nothing left the gateway (detector failure, policy); error: the request failed (upstream
 * down/slow, internal error).
 */
export type AuditDecision = 'forwarded' | 'returned' | 'blocked' | 'error';

/** What callers append. `tenant`, `seq`, hashes are assigned by the store. */
export interface AuditInput {
  kind: AuditKind;
  requestId: string;
  /** Epoch milliseconds. */
  at: number;
  policyId: string | null;
  policyVersion: string | null;
  route: string;
  upstream: string | null;
  decision: AuditDecision | null;
  /** HTTP status returned to the client (request/outcome records). */
  status: number | null;
  /** Findings (or restored tokens) per entity type — request/outcome/restore records. */
  counts: Record<string, number> | null;
  /** Error code for blocked/error decisions (e.g. DETECTOR_FAILED, UPSTREAM_TIMEOUT). */
  reason: string | null;
  // Item fields (kind = 'item'):
  path: string | null;
  entity: string | null;
  start: number | null;
  end: number | null;
  operator: string | null;
  detector: string | null;
  score: number | null;
  valueDigest: string | null;
}

export interface AuditRecord extends AuditInput {
  tenant: string;
  /** 1-based position in the tenant's chain. */
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Entity type (item records). */
  type?: string;
  operator?: string;
  requestId?: string;
  upstream?: string;
  kind?: AuditKind;
  decision?: AuditDecision;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Opaque cursor for the next page, or null at the end. */
  nextCursor: string | null;
}

export interface VerifyResult {
  ok: boolean;
  /** Records checked before the first broken link (or all). */
  checked: number;
  /** The head of the chain (last seq, its hash). */
  head: { seq: number; hash: string } | null;
  firstBroken?: { seq: number; requestId: string | null; reason: 'hash_mismatch' | 'prev_mismatch' | 'missing_record' | 'head_mismatch' };
}

export function emptyInput(partial: Partial<AuditInput> & Pick<AuditInput, 'kind' | 'requestId' | 'route'>): AuditInput {
  return {
    at: Date.now(),
    policyId: null,
    policyVersion: null,
    upstream: null,
    decision: null,
    status: null,
    counts: null,
    reason: null,
    path: null,
    entity: null,
    start: null,
    end: null,
    operator: null,
    detector: null,
    score: null,
    valueDigest: null,
    ...partial,
  };
}

import type { Response } from 'express';
import type { AuditInput } from '../audit/types';
import type { RedactionItem } from '../engine/types';
import { DetectorError, GatewayError, ValidationError } from '../errors';
import type { Policy } from '../policy/types';
import type { ParsedBody } from './middleware/limits';
import type { AppDeps, Principal } from './types';

export const SESSION_RE = /^[A-Za-z0-9_-]{1,128}$/;

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

export function tenantOf(res: Response): string {
  return res.locals.tenant as string;
}

export function bodyOf(res: Response): ParsedBody {
  return (res.locals.body as ParsedBody | undefined) ?? { kind: 'none' };
}

export function policyFor(deps: AppDeps, tenant: string): Policy {
  const p = deps.policies.get(tenant);
  if (!p) throw new GatewayError('POLICY_MISSING', 503, 'no policy is loaded for this tenant');
  return p;
}

/** A JSON object body (routes under /v1). */
export function objectBody(res: Response): Record<string, unknown> {
  const b = bodyOf(res);
  if (b.kind !== 'json') throw new ValidationError('expected a JSON object body', 'INVALID_REQUEST');
  if (!b.value || typeof b.value !== 'object' || Array.isArray(b.value)) throw new ValidationError('body: expected a JSON object');
  return b.value as Record<string, unknown>;
}

/** `{text}` or `{json}` — exactly one. Field names only in messages. */
export function payloadOf(obj: Record<string, unknown>, where = 'body'): { text: string } | { json: unknown } {
  const hasText = Object.prototype.hasOwnProperty.call(obj, 'text');
  const hasJson = Object.prototype.hasOwnProperty.call(obj, 'json');
  if (hasText === hasJson) throw new ValidationError(`${where}: expected exactly one of text or json`);
  if (hasText) {
    if (typeof obj.text !== 'string') throw new ValidationError(`${where}.text: expected a string`);
    return { text: obj.text };
  }
  if (obj.json === undefined) throw new ValidationError(`${where}.json: expected a JSON value`);
  return { json: obj.json };
}

export function sessionOf(obj: Record<string, unknown>, required: boolean): string | undefined {
  const s = obj.session;
  if (s === undefined || s === null) {
    if (required) throw new ValidationError('session: required');
    return undefined;
  }
  if (typeof s !== 'string' || !SESSION_RE.test(s)) throw new ValidationError('session: expected 1-128 characters of A-Z a-z 0-9 _ -');
  return s;
}

/** Append to the audit trail (durable when resolved) and count the write. */
export async function appendAudit(deps: AppDeps, tenant: string, records: AuditInput[]): Promise<void> {
  try {
    await deps.audit.append(tenant, records);
    deps.metrics.auditWrites.inc({ outcome: 'ok' });
  } catch (err) {
    deps.metrics.auditWrites.inc({ outcome: 'error' });
    deps.logger.error('audit write failed', { tenant, errorName: err instanceof Error ? err.name : 'unknown' });
    // Fail closed: without a durable audit record nothing is released.
    throw new GatewayError('AUDIT_UNAVAILABLE', 503, 'audit store unavailable; request not processed');
  }
}

/** Metrics for a blocked request (detector failure). */
export function countBlocked(deps: AppDeps, tenant: string, err: unknown): string {
  const code = err instanceof GatewayError ? err.code : 'INTERNAL';
  deps.metrics.blocked.inc({ tenant, reason: code });
  if (err instanceof DetectorError) deps.metrics.detectorErrors.inc({ detector: err.detectorId });
  return code;
}

export function countFindings(deps: AppDeps, tenant: string, items: readonly RedactionItem[]): void {
  for (const i of items) deps.metrics.findings.inc({ tenant, entity: i.entity, operator: i.operator });
}

export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}

export function label(res: Response, route: string): void {
  res.locals.routeLabel = route;
}

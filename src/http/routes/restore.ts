import { Router, type Response } from 'express';
import { requestRecord } from '../../audit/recorder';
import { GatewayError, NotFoundError, ValidationError } from '../../errors';
import { requirePrincipal } from '../middleware/auth';
import { readBody } from '../middleware/limits';
import { SESSION_RE, appendAudit, label, objectBody, payloadOf, principalOf, requestIdOf, sessionOf } from '../context';
import type { AppDeps } from '../types';

/** Apply `fn` to every string in a JSON value (admin decrypt of JSON). */
function mapStrings(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, fn));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, mapStrings(x, fn)]));
  return v;
}

/** The tenant an admin key names (body or query): one with a loaded policy, else 404. */
function namedTenant(deps: AppDeps, res: Response, named: unknown): string {
  if (typeof named !== 'string' || !deps.policies.get(named)) throw new NotFoundError('tenant');
  res.locals.tenant = named;
  return named;
}

/**
 * POST /v1/restore — put tokens of a session back. A tenant key restores only its own sessions (another tenant's or
 * an unknown session → 404). An admin key names the tenant in the body and may also re-identify `encrypt`ed values.
 * Every restore is itself an audit record (re-identification is an auditable event).
 * DELETE /v1/sessions/:id — GDPR erasure of a session's vault entries (404 when the tenant has no such session).
 */
export function restoreRoutes(deps: AppDeps): Router {
  const r = Router();
  const body = readBody({ limit: deps.config.bodyLimitBytes, depthLimit: deps.config.jsonDepthLimit, accept: 'json' });

  r.post('/v1/restore', requirePrincipal, body, async (_req, res) => {
    label(res, '/v1/restore');
    const principal = principalOf(res);
    const obj = objectBody(res);
    const payload = payloadOf(obj);
    const requestId = requestIdOf(res);
    let tenant: string;
    let session: string | undefined;
    if (principal.type === 'tenant') {
      tenant = principal.tenant;
      session = sessionOf(obj, true);
      if (obj.tenant !== undefined && obj.tenant !== tenant) throw new NotFoundError('session');
    } else {
      tenant = namedTenant(deps, res, obj.tenant);
      session = sessionOf(obj, false);
    }
    if (session !== undefined && !(await deps.vault.hasSession(tenant, session))) throw new NotFoundError('session');
    let restored = 0;
    let decrypted = 0;
    let out: { text: string } | { json: unknown } = payload;
    if (session !== undefined) {
      if ('text' in out) {
        const x = await deps.engine.restore(out.text, { tenant, session });
        out = { text: x.text };
        restored = x.restored;
      } else {
        const x = await deps.engine.restoreJson(out.json, { tenant, session });
        out = { json: x.json };
        restored = x.restored;
      }
    }
    if (principal.type === 'admin') {
      const dec = (s: string) => {
        const x = deps.engine.decrypt(s, { tenant });
        decrypted += x.restored;
        return x.text;
      };
      out = 'text' in out ? { text: dec(out.text) } : { json: mapStrings(out.json, dec) };
    } else if (session === undefined) {
      throw new ValidationError('session: required');
    }
    const counts = { restored, decrypted };
    const policy = deps.policies.get(tenant);
    await appendAudit(deps, tenant, [
      requestRecord(
        { requestId, route: '/v1/restore', policy },
        'returned',
        200,
        counts,
        principal.type === 'admin' ? `ADMIN:${principal.name}` : null,
        'restore',
      ),
    ]);
    res.locals.counts = counts;
    res.json({ ...out, restored, ...(principal.type === 'admin' ? { decrypted } : {}), requestId });
  });

  r.delete('/v1/sessions/:id', requirePrincipal, async (req, res) => {
    label(res, '/v1/sessions/:id');
    const principal = principalOf(res);
    const id = String(req.params.id);
    const tenant = principal.type === 'tenant' ? principal.tenant : namedTenant(deps, res, req.query.tenant);
    if (!SESSION_RE.test(id) || !(await deps.vault.hasSession(tenant, id))) throw new NotFoundError('session');
    const removed = await deps.vault.deleteSession(tenant, id);
    await appendAudit(deps, tenant, [
      requestRecord({ requestId: requestIdOf(res), route: '/v1/sessions/:id', policy: deps.policies.get(tenant) }, 'returned', 200, { erased: removed }, null, 'erasure'),
    ]);
    res.json({ session: id, erased: removed, requestId: requestIdOf(res) });
  });

  /**
   * DELETE /v1/tenants/:tenant/vault (admin only) — erase every vault entry of a tenant (GDPR erasure of a whole
   * tenant): its tokens can no longer be restored by anyone.
   */
  r.delete('/v1/tenants/:tenant/vault', requirePrincipal, async (req, res) => {
    label(res, '/v1/tenants/:tenant/vault');
    const principal = principalOf(res);
    const tenant = String(req.params.tenant);
    if (principal.type !== 'admin') throw new NotFoundError('tenant');
    if (!deps.policies.get(tenant)) throw new NotFoundError('tenant');
    if (typeof deps.vault.deleteTenant !== 'function') throw new GatewayError('NOT_SUPPORTED', 501, 'this vault store cannot erase a tenant');
    res.locals.tenant = tenant;
    const removed = await deps.vault.deleteTenant(tenant);
    await appendAudit(deps, tenant, [
      requestRecord({ requestId: requestIdOf(res), route: '/v1/tenants/:tenant/vault', policy: deps.policies.get(tenant) }, 'returned', 200, { erased: removed }, `ADMIN:${principal.name}`, 'erasure'),
    ]);
    res.json({ tenant, erased: removed, requestId: requestIdOf(res) });
  });

  return r;
}

import { Router, type Response } from 'express';
import { requestRecord } from '../../audit/recorder';
import { GatewayError, NotFoundError, ValidationError } from '../../errors';
import { requirePrincipal } from '../middleware/auth';
import { readBody } from '../middleware/limits';
import { SESSION_RE, appendAudit, label, objectBody, payloadOf, principalOf, requestIdOf, sessionOf } from '../context';
import type { AppDeps } from '../types';

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
      if ('text' in out) {
        const x = await deps.engine.decrypt(out.text, { tenant });
        out = { text: x.text };
        decrypted = x.restored;
      } else {
        const x = await deps.engine.decryptJson(out.json, { tenant });
        out = { json: x.json };
        decrypted = x.restored;
      }
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
   * DELETE /v1/tenants/:tenant/vault (admin only) — GDPR erasure of a whole tenant: its keys are shredded first (the
   * stored salt is replaced, so values `encrypt`ed, hashed, pseudonymized or sealed under them can no longer be
   * decrypted, recomputed or linked by anyone, the holder of the master secret included), then its vault entries are
   * deleted. The tenant goes on under new keys.
   */
  r.delete('/v1/tenants/:tenant/vault', requirePrincipal, async (req, res) => {
    label(res, '/v1/tenants/:tenant/vault');
    const principal = principalOf(res);
    const tenant = String(req.params.tenant);
    if (principal.type !== 'admin') throw new NotFoundError('tenant');
    if (!deps.policies.get(tenant)) throw new NotFoundError('tenant');
    if (typeof deps.vault.deleteTenant !== 'function') throw new GatewayError('NOT_SUPPORTED', 501, 'this vault store cannot erase a tenant');
    if (!deps.keys.shreddable) throw new GatewayError('NOT_SUPPORTED', 501, 'this gateway keeps no tenant key salts: keys cannot be shredded');
    res.locals.tenant = tenant;
    const keyGeneration = await deps.keys.shred(tenant);
    const removed = await deps.vault.deleteTenant(tenant);
    await appendAudit(deps, tenant, [
      requestRecord(
        { requestId: requestIdOf(res), route: '/v1/tenants/:tenant/vault', policy: deps.policies.get(tenant) },
        'returned',
        200,
        { erased: removed, keyGeneration },
        `ADMIN:${principal.name}`,
        'erasure',
      ),
    ]);
    res.json({ tenant, erased: removed, keyGeneration, requestId: requestIdOf(res) });
  });

  return r;
}

import { Router, type Response } from 'express';
import { countByEntity, itemRecords, requestRecord } from '../../audit/recorder';
import { publicItems } from '../../engine/public-items';
import { ValidationError } from '../../errors';
import { requireTenant } from '../middleware/auth';
import { readBody } from '../middleware/limits';
import {
  appendAudit,
  countFindings,
  label,
  objectBody,
  payloadOf,
  policyFor,
  requestIdOf,
  sessionOf,
  tenantOf,
} from '../context';
import type { AppDeps } from '../types';
import { guarded } from './guard';

/** Label the route and resolve the tenant, its policy and the audit context (one route string for both). */
function begin(deps: AppDeps, res: Response, route: string) {
  label(res, route);
  const tenant = tenantOf(res);
  const policy = policyFor(deps, tenant);
  return { tenant, policy, ctx: { requestId: requestIdOf(res), route, policy } };
}

/** POST /v1/analyze, /v1/redact, /v1/check, /v1/batch/redact — the tenant comes from the key, never the body. */
export function engineRoutes(deps: AppDeps): Router {
  const r = Router();
  const body = readBody({ limit: deps.config.bodyLimitBytes, depthLimit: deps.config.jsonDepthLimit, accept: 'json' });

  r.post('/v1/analyze', requireTenant, body, async (_req, res) => {
    const { tenant, policy, ctx } = begin(deps, res, '/v1/analyze');
    const payload = payloadOf(objectBody(res));
    const result = await guarded(deps, tenant, ctx, () => deps.engine.analyze(payload, policy));
    const counts = countByEntity(result.entities);
    await appendAudit(deps, tenant, [requestRecord(ctx, 'returned', 200, counts)]);
    res.locals.counts = counts;
    res.json({
      entities: result.entities.map((e) => ({ path: e.path, type: e.entity, start: e.start, end: e.end, score: e.score, detector: e.detectorId })),
      policy: result.policy,
      model: result.models,
      requestId: ctx.requestId,
    });
  });

  r.post('/v1/redact', requireTenant, body, async (_req, res) => {
    const { tenant, policy, ctx } = begin(deps, res, '/v1/redact');
    const obj = objectBody(res);
    const payload = payloadOf(obj);
    const session = sessionOf(obj, false);
    const result = await guarded(deps, tenant, ctx, () => deps.engine.redact(payload, policy, { tenant, session }));
    const counts = countByEntity(result.items);
    // Durable before the redacted copy is released.
    await appendAudit(deps, tenant, [requestRecord(ctx, 'returned', 200, counts, result.degraded ? 'DEGRADED_REDACT_ALL' : null), ...itemRecords(ctx, result.items)]);
    countFindings(deps, tenant, result.items);
    res.locals.counts = counts;
    res.json({
      ...('text' in payload ? { text: result.text } : { json: result.json }),
      items: publicItems(result.items),
      session: result.session,
      policy: result.policy,
      model: result.models,
      degraded: result.degraded,
      requestId: ctx.requestId,
    });
  });

  r.post('/v1/check', requireTenant, body, async (_req, res) => {
    const { tenant, policy, ctx } = begin(deps, res, '/v1/check');
    const payload = payloadOf(objectBody(res));
    const result = await guarded(deps, tenant, ctx, () => deps.engine.check(payload, policy));
    await appendAudit(deps, tenant, [requestRecord(ctx, 'returned', 200, result.counts)]);
    res.locals.counts = result.counts;
    res.json({ compliant: result.compliant, counts: result.counts, policy: { id: policy.id, version: policy.version }, requestId: ctx.requestId });
  });

  r.post('/v1/batch/redact', requireTenant, body, async (_req, res) => {
    const { tenant, policy, ctx } = begin(deps, res, '/v1/batch/redact');
    const obj = objectBody(res);
    const session = sessionOf(obj, false);
    if (!Array.isArray(obj.items)) throw new ValidationError('items: expected an array');
    if (obj.items.length > deps.config.batchMaxItems) {
      throw new ValidationError(`items: at most ${deps.config.batchMaxItems} per batch`, 'BATCH_TOO_LARGE', 413);
    }
    const parsed = obj.items.map((it, i) => {
      if (!it || typeof it !== 'object' || Array.isArray(it)) throw new ValidationError(`items[${i}]: expected an object`);
      const o = it as Record<string, unknown>;
      if (typeof o.id !== 'string' || o.id.length > 256) throw new ValidationError(`items[${i}].id: expected a string of at most 256 characters`);
      return { id: o.id, payload: payloadOf(o, `items[${i}]`) };
    });
    // All items or none: one failing detector blocks the whole batch (fail closed).
    const results = await guarded(deps, tenant, ctx, async () => {
      const out = [];
      for (const p of parsed) out.push(await deps.engine.redact(p.payload, policy, { tenant, session }));
      return out;
    });
    const allItems = results.flatMap((r) => r.items);
    const counts = countByEntity(allItems);
    await appendAudit(deps, tenant, [
      requestRecord(ctx, 'returned', 200, counts),
      // The client's ids are not stored (they are content); items are located by index.
      ...results.flatMap((r, i) => itemRecords(ctx, r.items, `items[${i}]`)),
    ]);
    countFindings(deps, tenant, allItems);
    res.locals.counts = counts;
    res.json({
      results: results.map((r, i) => ({
        id: parsed[i].id,
        ...('text' in parsed[i].payload ? { text: r.text } : { json: r.json }),
        items: publicItems(r.items),
        session: r.session,
        degraded: r.degraded,
      })),
      policy: { id: policy.id, version: policy.version },
      requestId: ctx.requestId,
    });
  });

  return r;
}

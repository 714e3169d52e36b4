import { Router, type Request, type Response } from 'express';
import { verifyChain } from '../../audit/chain';
import { CSV_COLUMNS, csvRow, publicRecord } from '../../audit/export';
import { summarize } from '../../audit/summary';
import type { AuditFilter } from '../../audit/types';
import { NotFoundError, ValidationError } from '../../errors';
import { CursorError, MAX_PAGE } from '../../store/types';
import { label, principalOf } from '../context';
import { requirePrincipal } from '../middleware/auth';
import type { AppDeps } from '../types';

const KINDS = ['request', 'item', 'outcome', 'restore', 'erasure'] as const;
const DECISIONS = ['forwarded', 'returned', 'blocked', 'error'] as const;

function one(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ValidationError(`${name}: expected a single value`);
  return v;
}

function time(req: Request, name: string): number | undefined {
  const v = one(req, name);
  if (v === undefined || v === '') return undefined;
  const t = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t)) throw new ValidationError(`${name}: expected an ISO 8601 date/time or epoch milliseconds`);
  return t;
}

function matching(req: Request, name: string, re: RegExp, what: string): string | undefined {
  const v = one(req, name);
  if (v === undefined || v === '') return undefined;
  if (!re.test(v)) throw new ValidationError(`${name}: expected ${what}`);
  return v;
}

export function parseFilter(req: Request): AuditFilter {
  const kind = one(req, 'kind');
  if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) throw new ValidationError(`kind: expected one of ${KINDS.join(', ')}`);
  const decision = one(req, 'decision');
  if (decision !== undefined && !(DECISIONS as readonly string[]).includes(decision)) throw new ValidationError(`decision: expected one of ${DECISIONS.join(', ')}`);
  return {
    from: time(req, 'from'),
    to: time(req, 'to'),
    type: matching(req, 'type', /^[A-Z][A-Z0-9_]{0,63}$/, 'an entity type such as US_SSN'),
    operator: matching(req, 'operator', /^[a-z_]{1,32}$/, 'an operator name'),
    requestId: matching(req, 'requestId', /^[A-Za-z0-9-]{1,64}$/, 'a request id'),
    upstream: matching(req, 'upstream', /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an upstream name'),
    kind: kind as AuditFilter['kind'],
    decision: decision as AuditFilter['decision'],
  };
}

/**
 * The audit tenant: a tenant key sees only its own records (naming another tenant → 404, so existence does not
 * leak); an admin key must name the tenant with `?tenant=`.
 */
async function auditTenant(deps: AppDeps, req: Request, res: Response): Promise<string> {
  const p = principalOf(res);
  const asked = one(req, 'tenant');
  if (p.type === 'tenant') {
    if (asked !== undefined && asked !== p.tenant) throw new NotFoundError('tenant');
    return p.tenant;
  }
  if (!asked) throw new ValidationError('tenant: required with an admin key');
  if (!deps.policies.get(asked) && !(await deps.audit.tenants()).includes(asked)) throw new NotFoundError('tenant');
  res.locals.tenant = asked;
  return asked;
}

/** GET /audit, /audit/requests/:requestId, /audit/summary, /audit/verify, /audit/export. */
export function auditRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use(['/audit'], requirePrincipal);

  r.get('/audit', async (req, res) => {
    label(res, '/audit');
    const tenant = await auditTenant(deps, req, res);
    const filter = parseFilter(req);
    const limitRaw = one(req, 'limit');
    const limit = limitRaw === undefined ? 100 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ValidationError(`limit: expected an integer between 1 and ${MAX_PAGE}`);
    let page;
    try {
      page = await deps.audit.query(tenant, filter, { limit, cursor: one(req, 'cursor') ?? null });
    } catch (e) {
      if (e instanceof CursorError) throw new ValidationError('cursor: invalid');
      throw e;
    }
    res.json({ tenant, records: page.records.map(publicRecord), nextCursor: page.nextCursor });
  });

  r.get('/audit/requests/:requestId', async (req, res) => {
    label(res, '/audit/requests/:requestId');
    const tenant = await auditTenant(deps, req, res);
    const id = String(req.params.requestId);
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw new NotFoundError('request');
    const page = await deps.audit.query(tenant, { requestId: id }, { limit: MAX_PAGE });
    if (page.records.length === 0) throw new NotFoundError('request');
    res.json({ tenant, requestId: id, records: page.records.map(publicRecord), nextCursor: page.nextCursor });
  });

  r.get('/audit/summary', async (req, res) => {
    label(res, '/audit/summary');
    const tenant = await auditTenant(deps, req, res);
    const f = parseFilter(req);
    res.json({ tenant, ...(await summarize(deps.audit, tenant, { from: f.from, to: f.to, upstream: f.upstream })) });
  });

  r.get('/audit/verify', async (req, res) => {
    label(res, '/audit/verify');
    const tenant = await auditTenant(deps, req, res);
    const result = await verifyChain(deps.audit.iterate(tenant), await deps.audit.head(tenant));
    res.status(200).json({ tenant, ...result });
  });

  r.get('/audit/export', async (req, res) => {
    label(res, '/audit/export');
    const tenant = await auditTenant(deps, req, res);
    const format = one(req, 'format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv') throw new ValidationError('format: expected ndjson or csv');
    const filter = parseFilter(req);
    const iter = deps.audit.iterate(tenant, filter)[Symbol.asyncIterator]();
    // Read the first record before sending headers, so a store error still gives a JSON error.
    const first = await iter.next();
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${tenant}.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    if (format === 'csv') res.write(CSV_COLUMNS.join(',') + '\r\n');
    let cur = first;
    while (!cur.done) {
      const line = format === 'csv' ? csvRow(cur.value) : JSON.stringify(publicRecord(cur.value)) + '\n';
      if (!res.write(line)) await new Promise((ok) => res.once('drain', ok));
      cur = await iter.next();
    }
    res.end();
  });

  return r;
}

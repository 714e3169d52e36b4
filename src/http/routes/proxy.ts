import { restoreEventStream } from '../../engine/event-stream-restore';
import { Router, type Request, type Response } from 'express';
import { countByEntity, itemRecords, requestRecord } from '../../audit/recorder';
import type { RedactionItem } from '../../engine/types';
import type { Policy } from '../../policy/types';
import { GatewayError, UpstreamError, ValidationError } from '../../errors';
import { forward } from '../../upstream/forward';
import { clientHeaders, forwardRequestHeaders, responseHeaders, scansHeader } from '../../upstream/headers';
import { buildUpstreamUrl } from '../../upstream/url';
import { SESSION_RE, appendAudit, bodyOf, countFindings, label, policyFor, requestIdOf, tenantOf } from '../context';
import { requireTenant } from '../middleware/auth';
import { decodeUtf8, parseJsonText, readBody } from '../middleware/limits';
import type { AppDeps } from '../types';
import { guarded } from './guard';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The tenant policy with `paths` cleared, so that every URL string is scanned (cached per policy object). */
const allStringsCache = new WeakMap<Policy, Policy>();
function allStrings(policy: Policy): Policy {
  let p = allStringsCache.get(policy);
  if (!p) allStringsCache.set(policy, (p = { ...policy, paths: [] }));
  return p;
}
const ROUTE = '/proxy/:upstream/*';

/** Audit path of a scanned header: by name when it is a plain header name, else by its position among them. */
function headerPath(name: string, position: number): string {
  return /^[a-z][a-z0-9-]{0,63}$/.test(name) ? `$header.${name}` : `$header[#${position}]`;
}

/**
 * ANY /proxy/:upstream/* — forward to the tenant's allowlisted upstream with the body (JSON or text), the path
 * segments, the query values and the non-protocol header values (`scansHeader`) redacted by the tenant's policy.
 * Order: redact → audit (durable) → forward. A detector failure blocks the request before any byte leaves (503).
 * Upstream failures are audited as errors (502/504). With `restore: true`, tokens in JSON/text responses are put back
 * from this request's session.
 */
export function proxyRoutes(deps: AppDeps): Router {
  const r = Router();
  const fetchImpl = deps.fetch ?? fetch;
  const env = deps.env ?? process.env;
  const body = readBody({ limit: deps.config.bodyLimitBytes, depthLimit: deps.config.jsonDepthLimit, accept: 'json-or-text' });

  const handler = async (req: Request, res: Response) => {
    label(res, ROUTE);
    const tenant = tenantOf(res);
    const policy = policyFor(deps, tenant);
    const requestId = requestIdOf(res);
    const name = String(req.params.upstream);
    const upstream = NAME_RE.test(name) && Object.prototype.hasOwnProperty.call(policy.upstreams, name) ? policy.upstreams[name] : undefined;
    if (!upstream) {
      // The name is client input: it is neither logged nor audited.
      throw new UpstreamError('unknown', 'requested');
    }
    res.locals.upstreamName = name;
    const sessionHeader = req.get('x-phi-session');
    if (sessionHeader !== undefined && !SESSION_RE.test(sessionHeader)) throw new ValidationError('X-PHI-Session: expected 1-128 characters of A-Z a-z 0-9 _ -');

    // Raw path after /proxy/<name>, and the raw query string.
    const rawUrl = req.originalUrl;
    const q = rawUrl.indexOf('?');
    const pathPart = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const prefix = `/proxy/${encodeURIComponent(name)}`;
    const afterPrefix = pathPart.startsWith(prefix) ? pathPart.slice(prefix.length) : pathPart.replace(/^\/proxy\/[^/]*/, '');
    const restSegments = afterPrefix.replace(/^\//, '') === '' ? [] : afterPrefix.replace(/^\//, '').split('/');
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');

    const ctx = { requestId, route: ROUTE, policy, upstream: name };
    const parsed = bodyOf(res);
    let session = sessionHeader;
    const items: RedactionItem[] = [];
    const auditItems: ReturnType<typeof itemRecords> = [];
    let outBody: string | undefined;
    const headerPairs = clientHeaders(req.headers);

    await guarded(deps, tenant, ctx, async () => {
      // 1. Body.
      if (parsed.kind !== 'none') {
        const rr = await deps.engine.redact(parsed.kind === 'json' ? { json: parsed.value } : { text: parsed.value }, policy, { tenant, session });
        session = rr.session;
        items.push(...rr.items);
        auditItems.push(...itemRecords(ctx, rr.items, '$body'));
        outBody = parsed.kind === 'json' ? JSON.stringify(rr.json) : (rr.text ?? '');
      }
      // 2. URL path segments, query values (e.g. /patients/<name>?email=...) and the values of non-protocol headers
      // (`scansHeader`): one engine call over all of them, every string scanned whatever the policy's JSON `paths` say.
      const decoded = restSegments.map((seg) => {
        try {
          return decodeURIComponent(seg);
        } catch {
          throw new ValidationError('invalid path encoding');
        }
      });
      const entries = [...query.entries()];
      const scanned = headerPairs.flatMap((pair, i) => (scansHeader(pair[0]) ? [i] : []));
      const strings = [...decoded, ...entries.map(([, v]) => v), ...scanned.map((i) => headerPairs[i][1])];
      const firstHeader = decoded.length + entries.length;
      if (strings.some((x) => /[A-Za-z0-9]/.test(x))) {
        const rr = await deps.engine.redact({ json: strings }, allStrings(policy), { tenant, session });
        session = rr.session;
        if (rr.items.length > 0) {
          const out = rr.json as string[];
          for (const it of rr.items) {
            const m = /^\[(\d+)\]/.exec(it.path);
            const idx = m ? Number(m[1]) : -1;
            const where =
              idx < decoded.length ? `$url.path[${idx}]` : idx < firstHeader ? `$url.query[${idx - decoded.length}]` : headerPath(headerPairs[scanned[idx - firstHeader]][0], idx - firstHeader);
            items.push(it);
            auditItems.push(...itemRecords(ctx, [{ ...it, path: '' }], where));
          }
          for (let i = 0; i < decoded.length; i++) if (out[i] !== decoded[i]) restSegments[i] = encodeURIComponent(out[i]);
          // Deleting inside query.forEach skips entries (the list shrinks under the loop) and left original values
          // behind: clear by name from a copy of the keys, then write every pair back in order.
          for (const k of new Set(query.keys())) query.delete(k);
          entries.forEach(([k], i) => query.append(k, out[decoded.length + i]));
          scanned.forEach((h, i) => (headerPairs[h][1] = out[firstHeader + i]));
        }
      }
    });

    const url = buildUpstreamUrl(upstream.url, restSegments.join('/'), query.toString() ? `?${query.toString()}` : '');
    const headers = forwardRequestHeaders(headerPairs, upstream, name, env, requestId);
    if (outBody !== undefined && parsed.kind === 'json') headers.set('content-type', 'application/json');

    // 3. Durable audit BEFORE anything is forwarded.
    const counts = countByEntity(items);
    res.locals.counts = counts;
    await appendAudit(deps, tenant, [requestRecord(ctx, 'forwarded', null, counts), ...auditItems]);
    countFindings(deps, tenant, items);

    // 4. Forward.
    const client = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) client.abort();
    });
    let result;
    try {
      result = await forward(fetchImpl, {
        url,
        method: req.method,
        headers,
        body: outBody,
        timeoutMs: upstream.timeoutMs ?? deps.config.upstreamTimeoutMs,
        maxResponseBytes: deps.config.upstreamMaxResponseBytes,
        upstreamName: name,
        clientSignal: client.signal,
      });
    } catch (err) {
      const e = client.signal.aborted
        ? new GatewayError('CLIENT_CLOSED', 499, 'client closed the connection')
        : err instanceof GatewayError
          ? err
          : new UpstreamError('unreachable', name);
      deps.metrics.upstreamDuration.observe({ upstream: name, outcome: e.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'error' }, 0);
      await appendAudit(deps, tenant, [requestRecord(ctx, 'error', e.status, {}, e.code, 'outcome')]);
      throw e;
    }
    deps.metrics.upstreamDuration.observe({ upstream: name, outcome: String(Math.floor(result.status / 100)) + 'xx' }, result.durationMs / 1000);

    // 5. Response: restore tokens of this request's session when the policy says so.
    let outResponse: Buffer = result.body;
    const ct = result.headers.get('content-type') ?? '';
    if (policy.restore && session && result.body.length > 0) {
      try {
        if (/^application\/(?:[a-z0-9.+-]+\+)?json\b/i.test(ct)) {
          const json = parseJsonText(decodeUtf8(result.body), Math.max(deps.config.jsonDepthLimit, 256));
          const x = await deps.engine.restoreJson(json, { tenant, session });
          outResponse = Buffer.from(JSON.stringify(x.json), 'utf8');
        } else if (/^text\/event-stream\b/i.test(ct)) {
          const restoreOpts = { tenant, session };
          const x = await restoreEventStream(decodeUtf8(result.body), (text) => deps.engine.restore(text, restoreOpts));
          outResponse = Buffer.from(x.body, 'utf8');
        } else if (/^text\//i.test(ct)) {
          const x = await deps.engine.restore(decodeUtf8(result.body), { tenant, session });
          outResponse = Buffer.from(x.text, 'utf8');
        }
      } catch {
        // Unparseable upstream body: returned as received (it holds no restored values).
        outResponse = result.body;
      }
    }
    res.status(result.status);
    // The gateway's own security headers (helmet) win over the upstream's; set-cookie may repeat.
    const own = new Set(res.getHeaderNames());
    for (const [k, v] of responseHeaders(result.headers)) {
      if (own.has(k) && k !== 'content-type') continue;
      res.append(k, v);
    }
    if (session) res.setHeader('X-PHI-Session', session);
    res.setHeader('X-Request-Id', requestId);
    res.end(outResponse);
  };

  r.all('/proxy/:upstream', requireTenant, body, handler);
  r.all('/proxy/:upstream/*rest', requireTenant, body, handler);
  return r;
}

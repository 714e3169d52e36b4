import { GatewayError } from '../errors';
import type { Upstream } from '../policy/types';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus ones the gateway owns or recomputes. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
]);
const GATEWAY_OWNED = new Set(['host', 'authorization', 'content-length', 'content-encoding', 'accept-encoding', 'expect', 'x-phi-session', 'x-request-id', 'cookie']);

/** Header names listed in a Connection header value (they are hop-by-hop for this connection). */
function listedIn(connection: string): Set<string> {
  return new Set(
    connection
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Request headers to forward: everything except hop-by-hop (incl. those named in Connection), the gateway's
 * Authorization and recomputed framing; then the upstream's configured credential headers. */
export function forwardRequestHeaders(incoming: Record<string, string | string[] | undefined>, upstream: Upstream, upstreamName: string, env: NodeJS.ProcessEnv, requestId: string): Headers {
  const connectionListed = listedIn(String(incoming.connection ?? ''));
  const out = new Headers();
  for (const [k, v] of Object.entries(incoming)) {
    const name = k.toLowerCase();
    if (v === undefined || HOP_BY_HOP.has(name) || GATEWAY_OWNED.has(name) || connectionListed.has(name)) continue;
    if (Array.isArray(v)) v.forEach((x) => out.append(name, x));
    else out.set(name, v);
  }
  out.set('x-request-id', requestId);
  for (const [h, spec] of Object.entries(upstream.headers ?? {})) {
    let value = spec.value;
    if (spec.valueFromEnv) {
      value = env[spec.valueFromEnv];
      if (value === undefined || value === '') {
        throw new GatewayError('UPSTREAM_CREDENTIAL_MISSING', 502, `upstream ${upstreamName}: environment variable ${spec.valueFromEnv} is not set`);
      }
    }
    if (value !== undefined) out.set(h.toLowerCase(), value);
  }
  return out;
}

/** Response headers to return to the client: hop-by-hop and framing removed (the body is re-encoded). */
export function responseHeaders(h: Headers): Array<[string, string]> {
  const connectionListed = listedIn(h.get('connection') ?? '');
  const out: Array<[string, string]> = [];
  h.forEach((value, key) => {
    const name = key.toLowerCase();
    if (HOP_BY_HOP.has(name) || connectionListed.has(name) || name === 'content-length' || name === 'content-encoding' || name === 'set-cookie') return;
    out.push([name, value]);
  });
  for (const c of typeof h.getSetCookie === 'function' ? h.getSetCookie() : []) out.push(['set-cookie', c]);
  return out;
}

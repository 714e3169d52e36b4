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

/**
 * Headers of the HTTP protocol or of an LLM vendor's SDK, which carry versions, media types, account ids and
 * credentials, not content: forwarded as sent. Every other client header value (`X-Patient-Name`, `Referer`, a
 * custom trace field…) is scanned by the tenant policy like a query value before it is forwarded (`scansHeader`).
 */
const PROTOCOL_HEADERS = new Set([
  'accept',
  'accept-charset',
  'accept-language',
  'cache-control',
  'content-type',
  'if-match',
  'if-none-match',
  'pragma',
  'user-agent',
  'idempotency-key',
  'x-api-key', // Anthropic's and others' credential header, when the client sends its own
  'api-key', // Azure OpenAI's
  'openai-organization',
  'openai-project',
  'openai-beta',
  'anthropic-version',
  'anthropic-beta',
]);
const PROTOCOL_PREFIXES = ['x-stainless-'];

/** Whether a forwarded client header's value is scanned (see `PROTOCOL_HEADERS`). */
export function scansHeader(name: string): boolean {
  const n = name.toLowerCase();
  return !PROTOCOL_HEADERS.has(n) && !PROTOCOL_PREFIXES.some((p) => n.startsWith(p));
}

/** The client's headers that may be forwarded, as `[name, value]` pairs (lower-case names, repeated names kept):
 * hop-by-hop ones (and those named in Connection), the gateway's Authorization and recomputed framing removed. */
export function clientHeaders(incoming: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const connectionListed = listedIn(String(incoming.connection ?? ''));
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(incoming)) {
    const name = k.toLowerCase();
    if (v === undefined || HOP_BY_HOP.has(name) || GATEWAY_OWNED.has(name) || connectionListed.has(name)) continue;
    for (const x of Array.isArray(v) ? v : [v]) out.push([name, x]);
  }
  return out;
}

/** Request headers to forward: the client's (`clientHeaders`, values already redacted where scanned), the request
 * id, then the upstream's configured credential headers. */
export function forwardRequestHeaders(pairs: ReadonlyArray<readonly [string, string]>, upstream: Upstream, upstreamName: string, env: NodeJS.ProcessEnv, requestId: string): Headers {
  const out = new Headers();
  // A replacement may hold characters a header cannot (a policy's mask character): those become '?'.
  for (const [name, value] of pairs) out.append(name, value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?'));
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

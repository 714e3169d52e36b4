import { GatewayError, UpstreamError } from '../errors';

export interface ForwardResult {
  status: number;
  headers: Headers;
  body: Buffer;
  durationMs: number;
}

export class UpstreamResponseTooLargeError extends GatewayError {
  constructor(upstream: string) {
    super('UPSTREAM_RESPONSE_TOO_LARGE', 502, `upstream ${upstream} response exceeds the configured limit`);
  }
}

/**
 * One upstream call: no redirects followed (`redirect: 'manual'` — a 3xx is returned to the client as is), a
 * deadline covering connect + headers + body, and a response size cap. Failures map to 502 (unreachable) and 504
 * (timeout); the caller audits them.
 */
export async function forward(
  fetchImpl: typeof fetch,
  opts: { url: URL; method: string; headers: Headers; body?: Buffer | string; timeoutMs: number; maxResponseBytes: number; upstreamName: string; clientSignal?: AbortSignal },
): Promise<ForwardResult> {
  const started = Date.now();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.clientSignal ? AbortSignal.any([timeout, opts.clientSignal]) : timeout;
  const isTimeout = () => timeout.aborted;
  let res: Response;
  try {
    res = await fetchImpl(opts.url, {
      method: opts.method,
      headers: opts.headers,
      body: opts.body === undefined || opts.method === 'GET' || opts.method === 'HEAD' ? undefined : opts.body,
      redirect: 'manual',
      signal,
    });
  } catch {
    throw new UpstreamError(isTimeout() ? 'timeout' : 'unreachable', opts.upstreamName);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > opts.maxResponseBytes) {
          await reader.cancel().catch(() => undefined);
          throw new UpstreamResponseTooLargeError(opts.upstreamName);
        }
        chunks.push(Buffer.from(value));
      }
    }
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    throw new UpstreamError(isTimeout() ? 'timeout' : 'unreachable', opts.upstreamName);
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks), durationMs: Date.now() - started };
}

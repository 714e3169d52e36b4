import { ForbiddenError } from '../errors';

/**
 * Resolve the forwarded URL from the tenant's configured base URL and the client's rest path + query. The result is
 * always the base's origin and under the base's path: `..`/`.` segments (also percent-encoded), backslashes, NULs
 * and absolute/scheme-relative forms are refused, so no request can reach a URL outside the tenant's list.
 */
export function buildUpstreamUrl(base: string, restPath: string, search: string): URL {
  const b = new URL(base);
  if (b.protocol !== 'http:' && b.protocol !== 'https:') throw new ForbiddenError('upstream URL must be http(s)');
  const segments = restPath === '' ? [] : restPath.split('/');
  for (const seg of segments) {
    let dec: string;
    try {
      dec = decodeURIComponent(seg);
    } catch {
      throw new ForbiddenError('invalid path encoding');
    }
    if (dec === '.' || dec === '..' || /[\\\0]/.test(dec) || dec.includes('/') || seg.includes('\\')) {
      throw new ForbiddenError('path segment not allowed');
    }
  }
  const basePath = b.pathname.endsWith('/') ? b.pathname.slice(0, -1) : b.pathname;
  const path = segments.length ? `${basePath}/${segments.join('/')}` : basePath || '/';
  const target = new URL(b.origin);
  target.pathname = path;
  target.search = search;
  if (target.origin !== b.origin || !(target.pathname === (basePath || '/') || target.pathname.startsWith(`${basePath}/`))) {
    throw new ForbiddenError('target outside the configured upstream');
  }
  return target;
}

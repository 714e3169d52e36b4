import type { NextFunction, Request, Response } from 'express';
import type { RateLimit } from '../../config/config';
import { RateLimitError } from '../../errors';
import type { Metrics } from '../../metrics';
import type { Principal } from '../types';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket per principal (each tenant, each admin name): `burst` requests at once, refilled at `perSecond`.
 * One tenant's traffic can then not use up the gateway (and its model) for the others. Runs after `authenticate`,
 * so only configured principals get a bucket and the map stays as small as the key list. The limit is per replica.
 * A refused request gets 429 `RATE_LIMITED` with `Retry-After` (whole seconds until one request is allowed again)
 * and is not read further.
 */
export function rateLimit(limit: RateLimit, metrics?: Pick<Metrics, 'rateLimited'>, now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();
  return (_req: Request, res: Response, next: NextFunction) => {
    const p = res.locals.principal as Principal | undefined;
    if (!p) return next();
    const id = p.type === 'tenant' ? p.tenant : `admin:${p.name}`;
    const t = now();
    const b = buckets.get(id) ?? { tokens: limit.burst, at: t };
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
    buckets.set(id, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
    metrics?.rateLimited.inc({ principal: id });
    res.set('Retry-After', String(retryAfter));
    next(new RateLimitError());
  };
}

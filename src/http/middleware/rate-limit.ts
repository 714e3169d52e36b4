import type { NextFunction, Request, Response } from 'express';
import { GatewayError, RateLimitError } from '../../errors';
import type { Metrics } from '../../metrics';
import type { RateDecision, RateLimiter } from '../rate-limiter';
import type { Principal } from '../types';

/**
 * Applies the principal's token bucket (`RateLimiter`): one tenant's traffic can then not use up the gateway (and
 * its model) for the others. Runs after `authenticate`, so only configured principals get a bucket. A refused
 * request gets 429 `RATE_LIMITED` with `Retry-After` and is not read further. If the limiter cannot answer (its
 * database is down) the request is refused with 503 `RATE_LIMIT_UNAVAILABLE`, as the audit store's failures are:
 * the gateway does not run requests it cannot account for.
 */
export function rateLimit(limiter: RateLimiter, metrics?: Pick<Metrics, 'rateLimited'>) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const p = res.locals.principal as Principal | undefined;
    if (!p) return next();
    const id = p.type === 'tenant' ? p.tenant : `admin:${p.name}`;
    const apply = (d: RateDecision) => {
      if (d.allowed) return next();
      metrics?.rateLimited.inc({ principal: id });
      res.set('Retry-After', String(d.retryAfterSeconds));
      next(new RateLimitError());
    };
    let decision: RateDecision | Promise<RateDecision>;
    try {
      decision = limiter.take(id);
    } catch (cause) {
      return next(unavailable(cause));
    }
    if (decision instanceof Promise) decision.then(apply, (cause) => next(unavailable(cause)));
    else apply(decision);
  };
}

function unavailable(cause: unknown): GatewayError {
  return new GatewayError('RATE_LIMIT_UNAVAILABLE', 503, 'rate limit store unavailable; request not processed', { cause });
}

import type { RateLimit } from '../config/config';

/** Whether one more request of a principal may run now, and if not, in how many whole seconds it may. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Token buckets, one per principal (each tenant, each admin name): `burst` requests at once, refilled at
 * `perSecond`. In memory for one replica (`MemoryRateLimiter`); in PostgreSQL when several replicas share a
 * database (`PgRateLimiter`), so a tenant's limit holds across all of them.
 */
export interface RateLimiter {
  take(principal: string): RateDecision | Promise<RateDecision>;
  close?(): Promise<void>;
}

/** Seconds until a bucket holding `tokens` (< 1) has one again; at least 1, as `Retry-After` counts whole seconds. */
export function retryAfterSeconds(tokens: number, limit: RateLimit): number {
  return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets in this process; the map holds one entry per principal that has made a request. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(principal: string): RateDecision {
    const t = this.now();
    const b = this.buckets.get(principal) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    this.buckets.set(principal, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: retryAfterSeconds(b.tokens, this.limit) };
  }
}

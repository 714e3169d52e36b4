import type { Pool, PoolConfig } from 'pg';
import type { RateLimit } from '../config/config';
import { retryAfterSeconds, type RateDecision, type RateLimiter } from '../http/rate-limiter';
import { openPool } from './pg';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rate_buckets (
  principal TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  allowed BOOLEAN NOT NULL
);
`;

/**
 * One statement per request: refill the principal's bucket by the time since its last update (the database's
 * clock, so replicas with skewed clocks agree), take a token if there is one, and say whether it did. The row lock
 * of the upsert orders concurrent requests from every replica; `at` never goes back, so a request whose statement
 * started before another's committed cannot refill the bucket twice. Every SET expression sees the old row.
 */
const TAKE = `
INSERT INTO rate_buckets AS b (principal, tokens, at, allowed) VALUES ($1, $2::float8 - 1, now(), true)
ON CONFLICT (principal) DO UPDATE SET
  allowed = LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * $3::float8) >= 1,
  tokens = LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * $3::float8)
    - CASE WHEN LEAST($2::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM now() - b.at)) * $3::float8) >= 1 THEN 1 ELSE 0 END,
  at = GREATEST(b.at, now())
RETURNING allowed, tokens`;

/** Token buckets in PostgreSQL, shared by every replica that uses the same database. */
export class PgRateLimiter implements RateLimiter {
  private constructor(
    private readonly pool: Pool,
    private readonly limit: RateLimit,
  ) {}

  static async open(config: string | PoolConfig, limit: RateLimit): Promise<PgRateLimiter> {
    return new PgRateLimiter(await openPool(config, SCHEMA), limit);
  }

  async take(principal: string): Promise<RateDecision> {
    const { rows } = await this.pool.query(TAKE, [principal, this.limit.burst, this.limit.perSecond]);
    const { allowed, tokens } = rows[0] as { allowed: boolean; tokens: number };
    return allowed ? { allowed, retryAfterSeconds: 0 } : { allowed, retryAfterSeconds: retryAfterSeconds(Number(tokens), this.limit) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

import request from 'supertest';
import { loadConfig } from '../../src/config/config';
import { rateLimit } from '../../src/http/middleware/rate-limit';
import { MemoryRateLimiter, type RateLimiter } from '../../src/http/rate-limiter';
import { GatewayError, RateLimitError } from '../../src/errors';
import { startHarness, type Harness } from './harness';

/** Runs the middleware for a principal; resolves with what it passed to next() and the headers it set. */
function callWith(limiter: RateLimiter, principal: object): Promise<{ err: unknown; headers: Record<string, string> }> {
  const mw = rateLimit(limiter);
  const headers: Record<string, string> = {};
  return new Promise((done) => {
    mw({} as never, { locals: { principal }, set: (k: string, v: string) => (headers[k] = v) } as never, (e?: unknown) => done({ err: e, headers }));
  });
}

describe('rate limit: token bucket per principal', () => {
  function driver(limit: { perSecond: number; burst: number }) {
    let t = 0;
    const mw = rateLimit(new MemoryRateLimiter(limit, () => t));
    const call = (principal: object) => {
      const headers: Record<string, string> = {};
      let err: unknown = 'unset';
      mw({} as never, { locals: { principal }, set: (k: string, v: string) => (headers[k] = v) } as never, (e?: unknown) => (err = e));
      return { err, headers };
    };
    return { call, advance: (ms: number) => (t += ms) };
  }
  const alpha = { type: 'tenant', tenant: 'alpha' };
  const beta = { type: 'tenant', tenant: 'beta' };

  it('lets a burst through, refuses the next with Retry-After, and refills at the configured rate', () => {
    const d = driver({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i++) expect(d.call(alpha).err).toBeUndefined();
    const refused = d.call(alpha);
    expect(refused.err).toBeInstanceOf(RateLimitError);
    expect((refused.err as RateLimitError).status).toBe(429);
    expect(refused.headers['Retry-After']).toBe('1');
    d.advance(499);
    expect(d.call(alpha).err).toBeInstanceOf(RateLimitError);
    d.advance(2);
    expect(d.call(alpha).err).toBeUndefined();
    d.advance(60_000); // a long pause refills to the burst, not beyond
    for (let i = 0; i < 3; i++) expect(d.call(alpha).err).toBeUndefined();
    expect(d.call(alpha).err).toBeInstanceOf(RateLimitError);
  });

  it('keeps one bucket per tenant and per admin name, so one cannot use up another', () => {
    const d = driver({ perSecond: 1, burst: 1 });
    expect(d.call(alpha).err).toBeUndefined();
    expect(d.call(alpha).err).toBeInstanceOf(RateLimitError);
    expect(d.call(beta).err).toBeUndefined();
    expect(d.call({ type: 'admin', name: 'alpha' }).err).toBeUndefined();
  });

  it('says how long to wait at slow rates', () => {
    const d = driver({ perSecond: 0.1, burst: 1 });
    d.call(alpha);
    expect(d.call(alpha).headers['Retry-After']).toBe('10');
    d.advance(4000);
    expect(d.call(alpha).headers['Retry-After']).toBe('6');
  });
});

describe('rate limit with a limiter that answers later or not at all', () => {
  const alpha = { type: 'tenant', tenant: 'alpha' };

  it('waits for an asynchronous limiter (the PostgreSQL one) and applies its answer', async () => {
    const seen: string[] = [];
    const limiter: RateLimiter = {
      take: async (id) => (seen.push(id), id === 'alpha' ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: 7 }),
    };
    expect((await callWith(limiter, alpha)).err).toBeUndefined();
    const refused = await callWith(limiter, { type: 'admin', name: 'ops' });
    expect(refused.err).toBeInstanceOf(RateLimitError);
    expect(refused.headers['Retry-After']).toBe('7');
    expect(seen).toEqual(['alpha', 'admin:ops']);
  });

  it('fails closed: a limiter that throws or rejects refuses the request with 503, naming no value', async () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:5432 tenant=alpha');
    for (const limiter of [{ take: () => Promise.reject(cause) }, { take: () => { throw cause; } }] as RateLimiter[]) {
      const { err } = await callWith(limiter, alpha);
      expect(err).toBeInstanceOf(GatewayError);
      expect(err).toMatchObject({ status: 503, code: 'RATE_LIMIT_UNAVAILABLE', message: 'rate limit store unavailable; request not processed' });
    }
  });
});

describe('PHI_GATEWAY_RATE_LIMIT', () => {
  it('parses RATE and RATE/BURST, 0 or unset as off, and refuses anything else by name without the value', () => {
    expect(loadConfig({}).rateLimit).toBeUndefined();
    expect(loadConfig({ PHI_GATEWAY_RATE_LIMIT: '0' }).rateLimit).toBeUndefined();
    expect(loadConfig({ PHI_GATEWAY_RATE_LIMIT: '20' }).rateLimit).toEqual({ perSecond: 20, burst: 20 });
    expect(loadConfig({ PHI_GATEWAY_RATE_LIMIT: '0.5/10' }).rateLimit).toEqual({ perSecond: 0.5, burst: 10 });
    for (const bad of ['fast', '-1', '5/0', '5/2.5', '1/999999']) {
      expect(() => loadConfig({ PHI_GATEWAY_RATE_LIMIT: bad })).toThrow(/PHI_GATEWAY_RATE_LIMIT: expected RATE or RATE\/BURST/);
    }
  });
});

describe('rate limit through the gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { rateLimit: { perSecond: 0.01, burst: 2 } } });
  });
  afterAll(() => h.close());

  it('answers 429 RATE_LIMITED past the burst, per tenant, counts it, and keeps health checks open', async () => {
    const redact = (key: string) => request(h.app).post('/v1/redact').set('authorization', `Bearer ${key}`).send({ text: 'SSN 123-45-6789' });
    expect((await redact(h.keys.alpha)).status).toBe(200);
    expect((await redact(h.keys.alpha)).status).toBe(200);
    const refused = await redact(h.keys.alpha);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(99);
    expect(JSON.stringify(refused.body)).not.toContain('123-45-6789');
    expect((await redact(h.keys.beta)).status).toBe(200);
    expect((await request(h.app).get('/healthz')).status).toBe(200);
    // unknown keys are refused as unauthorized, not counted against anyone
    expect((await request(h.app).post('/v1/redact').set('authorization', 'Bearer not-a-key-at-all-0000').send({ text: 'x' })).status).toBe(401);
    const metrics = await h.deps.metrics.registry.metrics();
    expect(metrics).toContain('phi_gateway_rate_limited_total{principal="alpha"} 1');
    expect(metrics).not.toContain('principal="beta"');
  });
});

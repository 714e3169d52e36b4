import request from 'supertest';
import { bearer, rawPost, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const SECRET = 'Jonathan Q. Publicson 123-45-6789';

describe('bad input is refused with {error:{code,message}} and never echoed', () => {
  const expectNoEcho = (res: request.Response) => {
    expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(res.text).not.toContain('123-45-6789');
    expect(res.text).not.toContain('Publicson');
  };

  it('body over the limit → 413', async () => {
    const big = JSON.stringify({ text: `${SECRET} ${'x'.repeat(1024 * 1024)}` });
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expectNoEcho(res);
  });

  it('body over the limit with chunked transfer (no content-length) → 413', async () => {
    const big = Buffer.from(JSON.stringify({ text: `${SECRET} ${'x'.repeat(1100 * 1024)}` }));
    const res = await rawPost(h, '/v1/redact', big, { ...bearer(h.keys.alpha), 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('JSON deeper than the limit → 400 JSON_TOO_DEEP', async () => {
    const deep = '{"text":"' + SECRET + '","x":' + '['.repeat(40) + ']'.repeat(40) + '}';
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('JSON_TOO_DEEP');
    expectNoEcho(res);
  });

  it('a 1 MB run of brackets is refused quickly, not parsed recursively', async () => {
    const started = Date.now();
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json').send('['.repeat(1000 * 1000));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('JSON_TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('invalid JSON → 400 INVALID_JSON without the parser message', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json').send(`{"text": "${SECRET}", oops}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expectNoEcho(res);
  });

  it('unsupported content type → 415', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/x-www-form-urlencoded').send(`text=${SECRET}`);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expectNoEcho(res);
  });

  it('non-UTF-8 charset → 415', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json; charset=latin1').send(JSON.stringify({ text: SECRET }));
    expect(res.status).toBe(415);
  });

  it('invalid UTF-8 → 400 INVALID_UTF8', async () => {
    const body = Buffer.concat([Buffer.from(`{"text":"${SECRET} `), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    // Raw bytes over a real socket (supertest would re-serialize a Buffer as JSON).
    const res = await rawPost(h, '/v1/redact', body, { ...bearer(h.keys.alpha), 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'INVALID_UTF8', message: expect.any(String) } });
    expect(res.text).not.toContain('123-45-6789');
  });

  it('wrong shape → 400 naming the field', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: 42, extra: SECRET });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('text');
    expectNoEcho(res);
  });

  it('missing key → 401, unknown key → 401, malformed header → 401', async () => {
    for (const headers of [{}, bearer('not-a-real-key-0000000000'), { Authorization: `Basic ${h.keys.alpha}` }]) {
      const res = await request(h.app).post('/v1/redact').set(headers).send({ text: SECRET });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
      expectNoEcho(res);
    }
  });

  it.each(['/audit', '/AUDIT', '/audit/', '/audit/verify', '//audit', '/./audit', '/v1/../audit', '/%61udit', '/Audit/summary'])('no key, odd path %s → never 200', async (path) => {
    const res = await request(h.app).get(path);
    expect([401, 404]).toContain(res.status);
  });

  it.each(['/V1/redact', '/v1//redact', '/v1/./redact', '/v1/restore', '/PROXY/echo/x'])('no key, odd path %s (POST) → never forwarded or processed', async (path) => {
    const before = h.upstream.received.length;
    const res = await request(h.app).post(path).send({ text: SECRET, session: 's' });
    expect([401, 404]).toContain(res.status);
    expect(h.upstream.received.length).toBe(before);
  });

  it('admin keys cannot act as a tenant on /v1/redact (403)', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.admin)).send({ text: SECRET });
    expect(res.status).toBe(403);
  });

  it('unknown routes → 404 without echoing the path', async () => {
    const res = await request(h.app).get('/nope/123-45-6789');
    expect(res.status).toBe(404);
    expectNoEcho(res);
  });

  it('batch over the bounded count → 413 BATCH_TOO_LARGE', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ id: String(i), text: 'hi' }));
    const res = await request(h.app).post('/v1/batch/redact').set(bearer(h.keys.alpha)).send({ items });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BATCH_TOO_LARGE');
  });
});

describe('hardening headers and request ids', () => {
  it('helmet headers on, x-powered-by off, request id generated and echoed', async () => {
    const res = await request(h.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a client UUID request id is echoed; a free-form one is replaced', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('x-request-id', id).send({ text: 'hello' });
    expect(res.headers['x-request-id']).toBe(id);
    expect(res.body.requestId).toBe(id);
    const res2 = await request(h.app).get('/healthz').set('x-request-id', '123-45-6789');
    expect(res2.headers['x-request-id']).not.toBe('123-45-6789');
    expect(res2.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('error responses also carry the request id', async () => {
    const res = await request(h.app).post('/v1/redact').send({});
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

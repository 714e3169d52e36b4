import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { bearer, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.upstream.received.length = 0;
  h.upstream.handler = (r, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, received: r.body }));
  };
});

const SSN = '078-05-1120';
const EMAIL = 'jane.patient@example.org';

async function recordsOf(tenant: string, requestId: string) {
  return (await h.audit.query(tenant, { requestId }, { limit: 100 })).records;
}

describe('proxy forwarding', () => {
  it('redacts the JSON body, strips the gateway key and hop-by-hop headers, sets the upstream credential', async () => {
    const res = await request(h.app)
      .post('/proxy/echo/chat/completions?model=small')
      .set(bearer(h.keys.alpha))
      .set('Connection', 'keep-alive, x-hop')
      .set('x-hop', 'drop-me')
      .set('x-custom', 'kept')
      .set('Proxy-Authorization', 'Basic abc')
      .send({ messages: [{ role: 'user', content: `My SSN is ${SSN}, mail ${EMAIL}` }] });
    expect(res.status).toBe(200);
    expect(h.upstream.received).toHaveLength(1);
    const got = h.upstream.received[0];
    expect(got.url).toBe('/api/chat/completions?model=small');
    expect(got.body).not.toContain(SSN);
    expect(got.body).not.toContain(EMAIL);
    expect(JSON.parse(got.body).messages[0].role).toBe('user');
    expect(got.headers.authorization).toBe('Bearer upstream-alpha-credential');
    expect(JSON.stringify(got.headers)).not.toContain(h.keys.alpha);
    expect(got.headers['x-hop']).toBeUndefined();
    expect(got.headers['proxy-authorization']).toBeUndefined();
    expect(got.headers['x-custom']).toBe('kept');
    expect(got.headers['x-request-id']).toBe(res.headers['x-request-id']);
    const recs = await recordsOf('alpha', res.headers['x-request-id']);
    expect(recs[0]).toMatchObject({ kind: 'request', decision: 'forwarded', upstream: 'echo', route: '/proxy/:upstream/*' });
    expect(recs.filter((r) => r.kind === 'item').map((r) => r.entity).sort()).toEqual(['EMAIL_ADDRESS', 'US_SSN']);
    expect(recs.find((r) => r.entity === 'US_SSN')?.path).toBe('$body.messages[0].content');
  });

  it('the audit records are committed before the upstream sees the request', async () => {
    let seenAtUpstream: Array<{ kind: string; decision: string | null }> = [];
    h.upstream.handler = (r, res) => {
      // A second connection to the SQLite file, as after a crash: only committed data is visible.
      const db = new Database(join(h.dir, 'data', 'audit.sqlite'), { readonly: true });
      seenAtUpstream = db.prepare('SELECT kind, decision FROM audit_records WHERE request_id = ? ORDER BY seq').all(String(r.headers['x-request-id'])) as typeof seenAtUpstream;
      db.close();
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    };
    const res = await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.alpha)).send({ note: `SSN ${SSN}` });
    expect(res.status).toBe(200);
    expect(seenAtUpstream).toEqual([
      { kind: 'request', decision: 'forwarded' },
      { kind: 'item', decision: null },
    ]);
  });

  it('redacts text bodies, path segments and query values', async () => {
    const res = await request(h.app)
      .post(`/proxy/echo/patients/${SSN}?email=${encodeURIComponent(EMAIL)}&page=2`)
      .set(bearer(h.keys.alpha))
      .set('content-type', 'text/plain')
      .send(`note: ${EMAIL}`);
    expect(res.status).toBe(200);
    const got = h.upstream.received[0];
    expect(got.url).not.toContain(SSN);
    expect(decodeURIComponent(got.url)).not.toContain(EMAIL);
    expect(got.url).toContain('page=2');
    expect(got.body).not.toContain(EMAIL);
    const paths = (await recordsOf('alpha', res.headers['x-request-id'])).filter((r) => r.kind === 'item').map((r) => `${r.path}:${r.entity}`);
    expect(paths.sort()).toEqual(['$body:EMAIL_ADDRESS', '$url.path[1]:US_SSN', '$url.query[0]:EMAIL_ADDRESS']);
  });

  it('redacts header values (not protocol or SDK headers) before forwarding, audited by header name', async () => {
    const res = await request(h.app)
      .post('/proxy/echo/chat')
      .set(bearer(h.keys.alpha))
      .set('x-patient-ssn', SSN)
      .set('referer', `https://portal.example/search?ssn=${SSN}`)
      .set('x-trace', 'run 7')
      .set('anthropic-version', '2023-06-01')
      .set('user-agent', 'acme-sdk/1.2 (build 2024-01-15)')
      .send({ prompt: 'hello' });
    expect(res.status).toBe(200);
    const got = h.upstream.received[0];
    expect(JSON.stringify(got.headers)).not.toContain(SSN);
    expect(got.headers['x-patient-ssn']).toBeDefined();
    expect(got.headers.referer).not.toContain(SSN);
    expect(got.headers['x-trace']).toBe('run 7');
    expect(got.headers['anthropic-version']).toBe('2023-06-01');
    expect(got.headers['user-agent']).toBe('acme-sdk/1.2 (build 2024-01-15)');
    const paths = (await recordsOf('alpha', res.headers['x-request-id'])).filter((r) => r.kind === 'item').map((r) => `${r.path}:${r.entity}`);
    expect(paths).toContain('$header.x-patient-ssn:US_SSN');
    expect(paths.filter((p) => p.startsWith('$header.referer:'))).toHaveLength(1);
    expect(paths.every((p) => p.startsWith('$header.x-patient-ssn:') || p.startsWith('$header.referer:'))).toBe(true);
  });

  it('rewrites every query value once, in order, whatever the number of parameters', async () => {
    const res = await request(h.app).get(`/proxy/echo/find?a=1&ssn=${SSN}&c=3&d=4`).set(bearer(h.keys.alpha));
    expect(res.status).toBe(200);
    const got = h.upstream.received[0];
    expect(got.url).not.toContain(SSN);
    const forwarded = new URLSearchParams(got.url.slice(got.url.indexOf('?') + 1));
    expect([...forwarded.keys()]).toEqual(['a', 'ssn', 'c', 'd']);
    expect([forwarded.get('a'), forwarded.get('c'), forwarded.get('d')]).toEqual(['1', '3', '4']);
  });

  it('restores vault tokens in the upstream response when the policy says restore: true', async () => {
    h.upstream.handler = (r, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ answer: `Echo: ${JSON.parse(r.body).messages[0].content}` }));
    };
    const res = await request(h.app)
      .post('/proxy/echo/chat')
      .set(bearer(h.keys.alpha))
      .send({ messages: [{ role: 'user', content: `Write to ${EMAIL} today.` }] });
    expect(res.status).toBe(200);
    const sent = h.upstream.received[0].body;
    // alpha tokenizes e-mail addresses: the token went out, the value came back.
    expect(sent).not.toContain(EMAIL);
    expect(res.body.answer).toBe(`Echo: Write to ${EMAIL} today.`);
    expect(res.headers['x-phi-session']).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('restores tokens split across the deltas of a streamed (text/event-stream) answer', async () => {
    h.upstream.handler = (r, res) => {
      // Echo the redacted prompt back as an OpenAI-style stream, four characters per delta: tokens get split.
      const echoed = `You said: ${JSON.parse(r.body).messages[0].content}`;
      res.setHeader('content-type', 'text/event-stream');
      for (let i = 0; i < echoed.length; i += 4) {
        res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: echoed.slice(i, i + 4) } }] })}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    };
    const res = await request(h.app)
      .post('/proxy/echo/chat/completions')
      .set(bearer(h.keys.alpha))
      .send({ stream: true, messages: [{ role: 'user', content: `Mail ${EMAIL} and ${EMAIL}.` }] })
      .buffer(true)
      .parse((response, cb) => {
        let data = '';
        response.on('data', (c: Buffer) => (data += c.toString('utf8')));
        response.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(h.upstream.received[0].body).not.toContain(EMAIL);
    const deltas = (res.body as string)
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)).choices[0].delta.content)
      .join('');
    expect(deltas).toBe(`You said: Mail ${EMAIL} and ${EMAIL}.`);
    expect(res.body).toMatch(/data: \[DONE\]\n\n$/);
  });

  it('an upstream not in the tenant policy → 404 and nothing is sent', async () => {
    const res = await request(h.app).post('/proxy/evil/x').set(bearer(h.keys.alpha)).send({ a: 1 });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('UPSTREAM_UNKNOWN');
    expect(h.upstream.received).toHaveLength(0);
  });

  it.each(['/proxy/echo/../slow', '/proxy/echo/%2e%2e/slow', '/proxy/echo/a/%2E%2E/%2e%2e/x', '/proxy/echo/a%2f..%2fb', '/proxy/echo/a%5c..'])(
    'path escaping the upstream base is refused: %s',
    async (path) => {
      const res = await request(h.app).get(path).set(bearer(h.keys.alpha));
      expect([403, 404]).toContain(res.status);
      expect(h.upstream.received.every((r) => r.url.startsWith('/api'))).toBe(true);
    },
  );

  it('redirects are not followed: a 3xx is returned to the client as is', async () => {
    h.upstream.handler = (_r, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data');
      res.end();
    };
    const res = await request(h.app).get('/proxy/echo/go').set(bearer(h.keys.alpha)).redirects(0);
    expect(res.status).toBe(302);
    expect(h.upstream.received).toHaveLength(1);
  });

  it('non-JSON/non-text bodies → 415 and nothing is sent', async () => {
    const res = await request(h.app).post('/proxy/echo/upload').set(bearer(h.keys.alpha)).set('content-type', 'application/octet-stream').send(Buffer.from(SSN));
    expect(res.status).toBe(415);
    expect(h.upstream.received).toHaveLength(0);
  });
});

describe('faults', () => {
  it('upstream down → 502 and the request is audited as error', async () => {
    const res = await request(h.app).post('/proxy/down/x').set(bearer(h.keys.alpha)).send({ text: `ssn ${SSN}` });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: { code: 'UPSTREAM_FAILED', message: expect.any(String) } });
    expect(res.text).not.toContain(SSN);
    const recs = await recordsOf('alpha', res.headers['x-request-id']);
    expect(recs.map((r) => [r.kind, r.decision])).toEqual(expect.arrayContaining([['request', 'forwarded'], ['outcome', 'error']]));
    expect(recs.find((r) => r.kind === 'outcome')).toMatchObject({ status: 502, reason: 'UPSTREAM_FAILED', upstream: 'down' });
  });

  it('upstream slow → 504 and the request is audited as error', async () => {
    h.upstream.handler = (_r, res) => {
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      }, 1500);
    };
    // the upstream answers only after 1.5 s; the 300 ms timeout (harness) must answer first, with 504
    const res = await request(h.app).post('/proxy/slow/x').set(bearer(h.keys.alpha)).send({ q: 'hello' });
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('UPSTREAM_TIMEOUT');
    const recs = await recordsOf('alpha', res.headers['x-request-id']);
    expect(recs.find((r) => r.kind === 'outcome')).toMatchObject({ decision: 'error', status: 504, reason: 'UPSTREAM_TIMEOUT' });
  });

  it('a missing upstream credential variable → 502 naming the variable, nothing sent', async () => {
    const saved = h.deps.env!.ALPHA_UPSTREAM_AUTH;
    delete h.deps.env!.ALPHA_UPSTREAM_AUTH;
    try {
      const res = await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.alpha)).send({ a: 1 });
      expect(res.status).toBe(502);
      expect(res.body.error.message).toContain('ALPHA_UPSTREAM_AUTH');
      expect(h.upstream.received).toHaveLength(0);
    } finally {
      h.deps.env!.ALPHA_UPSTREAM_AUTH = saved;
    }
  });

  it.each([
    ['throws', 'gamma'],
    ['times out', 'delta'],
  ])('a detector that %s (tenant %s) → 503 DETECTOR_FAILED, upstream never called, audited as blocked', async (_what, tenant) => {
    const key = h.keys[tenant as 'gamma' | 'delta'];
    const res = await request(h.app).post('/proxy/echo/chat').set(bearer(key)).send({ messages: [{ content: `SSN ${SSN}` }] });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'DETECTOR_FAILED', message: expect.any(String) } });
    expect(res.text).not.toContain(SSN);
    expect(h.upstream.received).toHaveLength(0);
    const recs = await recordsOf(tenant, res.headers['x-request-id']);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ kind: 'request', decision: 'blocked', status: 503, reason: 'DETECTOR_FAILED' });
    const r2 = await request(h.app).post('/v1/redact').set(bearer(key)).send({ text: `SSN ${SSN}` });
    expect(r2.status).toBe(503);
    expect(r2.body.error.code).toBe('DETECTOR_FAILED');
    const metrics = await request(h.app).get('/metrics');
    expect(metrics.text).toMatch(/phi_gateway_detector_errors_total\{detector="test\.(boom|hang)"\} [1-9]/);
    expect(metrics.text).toMatch(new RegExp(`phi_gateway_blocked_requests_total\\{tenant="${tenant}",reason="DETECTOR_FAILED"\\} [1-9]`));
  });

  it('the audit store failing blocks the request before anything is forwarded (fail closed)', async () => {
    const orig = h.audit.append.bind(h.audit);
    h.audit.append = async () => {
      throw new Error('disk full');
    };
    try {
      const res = await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.alpha)).send({ a: `ssn ${SSN}` });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('AUDIT_UNAVAILABLE');
      expect(h.upstream.received).toHaveLength(0);
    } finally {
      h.audit.append = orig;
    }
  });

  it('the tenant key store failing blocks the request before anything is forwarded (fail closed)', async () => {
    const orig = h.salts.current.bind(h.salts);
    h.salts.current = async () => {
      throw new Error('connection refused');
    };
    try {
      const res = await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.alpha)).send({ a: `ssn ${SSN}` });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'KEYS_UNAVAILABLE', message: 'tenant key store unavailable; request not processed' } });
      expect(h.upstream.received).toHaveLength(0);
      const recs = await recordsOf('alpha', res.headers['x-request-id']);
      expect(recs[0]).toMatchObject({ kind: 'request', decision: 'error', status: 503, reason: 'KEYS_UNAVAILABLE' });
    } finally {
      h.salts.current = orig;
    }
    expect((await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.alpha)).send({ a: `ssn ${SSN}` })).status).toBe(200);
  });

  it('bounded burst of concurrent proxy calls keeps the audit chain intact', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => request(h.app).post('/proxy/echo/x').set(bearer(h.keys.beta)).send({ n: i, t: `mail ${EMAIL}` })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const v = await request(h.app).get('/audit/verify').set(bearer(h.keys.beta));
    expect(v.body.ok).toBe(true);
    expect(h.upstream.received.every((r) => !r.body.includes(EMAIL))).toBe(true);
  });
});

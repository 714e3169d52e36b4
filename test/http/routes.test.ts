import request from 'supertest';
import { bearer, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const SSN = '078-05-1120';
const EMAIL = 'jane.patient@example.org';

describe('/v1 routes', () => {
  it('POST /v1/analyze returns offsets, types, policy and model — no values', async () => {
    const text = `SSN ${SSN} mail ${EMAIL}`;
    const res = await request(h.app).post('/v1/analyze').set(bearer(h.keys.alpha)).send({ text });
    expect(res.status).toBe(200);
    expect(res.body.policy).toEqual({ id: 'alpha', version: expect.any(String) });
    expect(Array.isArray(res.body.model)).toBe(true);
    const types = res.body.entities.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['US_SSN', 'EMAIL_ADDRESS']));
    const ssn = res.body.entities.find((e: { type: string }) => e.type === 'US_SSN');
    expect(text.slice(ssn.start, ssn.end)).toBe(SSN);
    expect(res.text).not.toContain(SSN);
  });

  it('POST /v1/redact (text and json) returns the redacted copy and items without digests; audit gets one record per item', async () => {
    const res = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `SSN ${SSN}` });
    expect(res.status).toBe(200);
    expect(res.body.text).not.toContain(SSN);
    expect(res.body.items).toEqual([expect.objectContaining({ type: 'US_SSN', path: '', start: 4, end: 15, operator: 'redact' })]);
    expect(res.body.items[0].valueDigest).toBeUndefined();
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const recs = (await h.audit.query('alpha', { requestId: res.body.requestId }, { limit: 10 })).records;
    expect(recs.map((r) => r.kind)).toEqual(['request', 'item']);
    expect(recs[0]).toMatchObject({ decision: 'returned', status: 200, counts: { US_SSN: 1 }, policyId: 'alpha', route: '/v1/redact' });
    expect(recs[1]).toMatchObject({ entity: 'US_SSN', operator: 'redact', start: 4, end: 15, valueDigest: expect.stringMatching(/^[0-9a-f]{16,}$/) });

    const j = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ json: { a: [{ b: `x ${SSN}` }], n: 3 } });
    expect(j.status).toBe(200);
    expect(j.body.json.n).toBe(3);
    expect(j.body.json.a[0].b).not.toContain(SSN);
    expect(j.body.items[0].path).toBe('a[0].b');
  });

  it('POST /v1/check reports compliance and counts without changing anything', async () => {
    const bad = await request(h.app).post('/v1/check').set(bearer(h.keys.alpha)).send({ text: `SSN ${SSN}` });
    expect(bad.body).toMatchObject({ compliant: false, counts: { US_SSN: 1 } });
    const good = await request(h.app).post('/v1/check').set(bearer(h.keys.alpha)).send({ text: 'nothing here' });
    expect(good.body).toMatchObject({ compliant: true });
  });

  it('POST /v1/batch/redact keeps order and ids', async () => {
    const res = await request(h.app)
      .post('/v1/batch/redact')
      .set(bearer(h.keys.alpha))
      .send({ items: [{ id: 'a', text: `SSN ${SSN}` }, { id: 'b', json: { m: EMAIL } }, { id: 'c', text: 'plain' }] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c']);
    expect(res.body.results[0].text).not.toContain(SSN);
    expect(res.body.results[1].json.m).not.toBe(EMAIL);
    expect(res.body.results[2].text).toBe('plain');
    const recs = (await h.audit.query('alpha', { requestId: res.body.requestId, kind: 'item' }, { limit: 10 })).records;
    expect(recs.map((r) => r.path)).toEqual(['items[0]', 'items[1].m']);
  });

  it('restore puts tokens back for the own session only; DELETE /v1/sessions/:id erases', async () => {
    const red = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `mail ${EMAIL}`, session: 'sess-1' });
    expect(red.body.session).toBe('sess-1');
    expect(red.body.text).not.toContain(EMAIL);
    const back = await request(h.app).post('/v1/restore').set(bearer(h.keys.alpha)).send({ text: `Reply: ${red.body.text}`, session: 'sess-1' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ text: `Reply: mail ${EMAIL}`, restored: 1 });
    // beta cannot see alpha's session (404, not 403), even naming it.
    const other = await request(h.app).post('/v1/restore').set(bearer(h.keys.beta)).send({ text: red.body.text, session: 'sess-1' });
    expect(other.status).toBe(404);
    const unknown = await request(h.app).post('/v1/restore').set(bearer(h.keys.alpha)).send({ text: 'x', session: 'nope' });
    expect(unknown.status).toBe(404);
    const delOther = await request(h.app).delete('/v1/sessions/sess-1').set(bearer(h.keys.beta));
    expect(delOther.status).toBe(404);
    const del = await request(h.app).delete('/v1/sessions/sess-1').set(bearer(h.keys.alpha));
    expect(del.status).toBe(200);
    expect(del.body.erased).toBeGreaterThanOrEqual(1);
    const after = await request(h.app).post('/v1/restore').set(bearer(h.keys.alpha)).send({ text: red.body.text, session: 'sess-1' });
    expect(after.status).toBe(404);
    const audit = await request(h.app).get('/audit?kind=erasure').set(bearer(h.keys.alpha));
    expect(audit.body.records).toHaveLength(1);
  });

  it('admin restore names the tenant; a tenant key cannot name another tenant', async () => {
    const red = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `mail ${EMAIL}`, session: 'sess-2' });
    const admin = await request(h.app).post('/v1/restore').set(bearer(h.keys.admin)).send({ text: red.body.text, session: 'sess-2', tenant: 'alpha' });
    expect(admin.status).toBe(200);
    expect(admin.body.text).toBe(`mail ${EMAIL}`);
    const wrongTenant = await request(h.app).post('/v1/restore').set(bearer(h.keys.admin)).send({ text: red.body.text, session: 'sess-2', tenant: 'beta' });
    expect(wrongTenant.status).toBe(404);
    const asBeta = await request(h.app).post('/v1/restore').set(bearer(h.keys.beta)).send({ text: red.body.text, session: 'sess-2', tenant: 'alpha' });
    expect(asBeta.status).toBe(404);
    const rec = (await h.audit.query('alpha', { kind: 'restore' }, { limit: 10 })).records;
    expect(rec.some((r) => r.reason === 'ADMIN:ops')).toBe(true);
  });
});

it('admin erases a whole tenant vault; tenant keys cannot (404)', async () => {
  const red = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `mail ${EMAIL}`, session: 'sess-3' });
  expect((await request(h.app).delete('/v1/tenants/alpha/vault').set(bearer(h.keys.alpha))).status).toBe(404);
  expect((await request(h.app).delete('/v1/tenants/nobody/vault').set(bearer(h.keys.admin))).status).toBe(404);
  const del = await request(h.app).delete('/v1/tenants/alpha/vault').set(bearer(h.keys.admin));
  expect(del.status).toBe(200);
  expect(del.body.erased).toBeGreaterThanOrEqual(1);
  const after = await request(h.app).post('/v1/restore').set(bearer(h.keys.alpha)).send({ text: red.body.text, session: 'sess-3' });
  expect(after.status).toBe(404);
});

it('erasing a tenant shreds its keys: encrypted values stop decrypting, hashes stop linking; other tenants keep theirs', async () => {
  const PHONE = '(617) 555-0142';
  const IP = '203.0.113.77';
  const text = `call ${PHONE} from ${IP}`;
  const redact = async (key: string) => (await request(h.app).post('/v1/redact').set(bearer(key)).send({ text })).body.text as string;
  const decrypt = (body: object) => request(h.app).post('/v1/restore').set(bearer(h.keys.admin)).send({ tenant: 'alpha', ...body });
  const hashOf = (t: string) => /\b[0-9a-f]{8,}\b/.exec(t.slice(t.indexOf('from ')))?.[0];

  const alphaBefore = await redact(h.keys.alpha);
  const betaBefore = await redact(h.keys.beta);
  expect(alphaBefore).toMatch(/<ENC:PHONE_NUMBER:[A-Za-z0-9_-]+>/);
  expect(alphaBefore).not.toContain(PHONE);
  expect(alphaBefore).not.toContain(IP);
  expect(hashOf(alphaBefore)).toBeDefined();
  expect(hashOf(alphaBefore)).not.toBe(hashOf(betaBefore)); // per-tenant keys
  const readable = await decrypt({ text: alphaBefore });
  expect(readable.status).toBe(200);
  expect(readable.body).toMatchObject({ decrypted: 1 });
  expect(readable.body.text).toContain(PHONE);
  const json = await decrypt({ json: { notes: [alphaBefore] } });
  expect(json.body.json.notes[0]).toContain(PHONE);

  const del = await request(h.app).delete('/v1/tenants/alpha/vault').set(bearer(h.keys.admin));
  expect(del.status).toBe(200);
  expect(del.body.keyGeneration).toBeGreaterThanOrEqual(2);

  const unreadable = await decrypt({ text: alphaBefore });
  expect(unreadable.status).toBe(200);
  expect(unreadable.body).toMatchObject({ text: alphaBefore, decrypted: 0 });
  const alphaAfter = await redact(h.keys.alpha);
  expect(alphaAfter).not.toBe(alphaBefore);
  expect(hashOf(alphaAfter)).not.toBe(hashOf(alphaBefore));
  expect((await decrypt({ text: alphaAfter })).body.text).toContain(PHONE); // the tenant goes on under new keys
  expect(await redact(h.keys.beta)).toBe(betaBefore);
  const rec = (await h.audit.query('alpha', { kind: 'erasure' }, { limit: 10 })).records.at(-1);
  expect(rec).toMatchObject({ counts: { keyGeneration: del.body.keyGeneration } });
  expect(JSON.stringify(rec)).not.toContain(PHONE);
});

describe('audit routes', () => {
  it('GET /audit filters, paginates with a cursor and is scoped to the caller', async () => {
    for (let i = 0; i < 3; i++) await request(h.app).post('/v1/redact').set(bearer(h.keys.beta)).send({ text: `SSN ${SSN}` });
    const p1 = await request(h.app).get('/audit?limit=2').set(bearer(h.keys.beta));
    expect(p1.status).toBe(200);
    expect(p1.body.records).toHaveLength(2);
    expect(p1.body.records.every((r: { tenant: string }) => r.tenant === 'beta')).toBe(true);
    const p2 = await request(h.app).get(`/audit?limit=2&cursor=${p1.body.nextCursor}`).set(bearer(h.keys.beta));
    expect(p2.body.records[0].seq).toBe(3);
    const ssn = await request(h.app).get('/audit?type=US_SSN&operator=redact').set(bearer(h.keys.beta));
    expect(ssn.body.records).toHaveLength(3);
    expect(ssn.body.records[0]).toMatchObject({ kind: 'item', type: 'US_SSN', valueDigest: expect.any(String) });
    const ranged = await request(h.app).get(`/audit?from=${encodeURIComponent(new Date(Date.now() + 60000).toISOString())}`).set(bearer(h.keys.beta));
    expect(ranged.body.records).toHaveLength(0);
    const bad = await request(h.app).get('/audit?from=yesterday-ish').set(bearer(h.keys.beta));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from');
    const badCursor = await request(h.app).get('/audit?cursor=zzz').set(bearer(h.keys.beta));
    expect(badCursor.status).toBe(400);
  });

  it("another tenant's audit → 404 (by ?tenant= or by request id)", async () => {
    const red = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `SSN ${SSN}` });
    const own = await request(h.app).get(`/audit/requests/${red.body.requestId}`).set(bearer(h.keys.alpha));
    expect(own.status).toBe(200);
    const other = await request(h.app).get(`/audit/requests/${red.body.requestId}`).set(bearer(h.keys.beta));
    expect(other.status).toBe(404);
    for (const path of ['/audit?tenant=alpha', '/audit/verify?tenant=alpha', '/audit/summary?tenant=alpha', '/audit/export?tenant=alpha']) {
      const res = await request(h.app).get(path).set(bearer(h.keys.beta));
      expect(res.status).toBe(404);
    }
    const filtered = await request(h.app).get(`/audit?requestId=${red.body.requestId}`).set(bearer(h.keys.beta));
    expect(filtered.body.records).toHaveLength(0);
    const admin = await request(h.app).get('/audit?tenant=alpha').set(bearer(h.keys.admin));
    expect(admin.status).toBe(200);
    expect(admin.body.records.length).toBeGreaterThan(0);
    const adminNoTenant = await request(h.app).get('/audit').set(bearer(h.keys.admin));
    expect(adminNoTenant.status).toBe(400);
  });

  it('summary, verify and export', async () => {
    const sum = await request(h.app).get('/audit/summary').set(bearer(h.keys.beta));
    expect(sum.status).toBe(200);
    expect(sum.body.requests).toBeGreaterThanOrEqual(3);
    expect(sum.body.byType.US_SSN).toBeGreaterThanOrEqual(3);
    expect(sum.body.byOperator.redact).toBeGreaterThanOrEqual(3);
    expect(Object.keys(sum.body.byDay)).toHaveLength(1);
    expect(sum.body.phiShare).toBeGreaterThan(0);
    const v = await request(h.app).get('/audit/verify').set(bearer(h.keys.beta));
    expect(v.body).toMatchObject({ ok: true, tenant: 'beta' });
    const nd = await request(h.app).get('/audit/export?format=ndjson').set(bearer(h.keys.beta));
    expect(nd.headers['content-type']).toContain('application/x-ndjson');
    const lines = nd.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(v.body.checked);
    const csv = await request(h.app).get('/audit/export?format=csv&type=US_SSN').set(bearer(h.keys.beta));
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0].split(',')).toContain('valueDigest');
    expect(rows).toHaveLength(4);
    const header = rows[0].split(',');
    const item = rows.slice(1).map((r) => r.split(',')).find((cells) => cells[header.indexOf('kind')] === 'item')!;
    expect(item[header.indexOf('type')]).toBe('US_SSN');
    expect(item[header.indexOf('policyId')]).toBe('beta');
    expect(item[header.indexOf('policyVersion')]).toMatch(/^[0-9a-f]{16}$/);
    expect(item[header.indexOf('valueDigest')]).toMatch(/^[0-9a-f]{64}$/);
    expect(csv.text).not.toContain(SSN);
  });
});

describe('health, readiness, metrics, openapi', () => {
  it('healthz/readyz', async () => {
    expect((await request(h.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const r = await request(h.app).get('/readyz');
    expect(r.status).toBe(200);
    expect(r.body.checks).toMatchObject({ policies: { ok: true }, store: { ok: true }, detectors: { ok: true }, model: { ok: true } });
  });

  it('metrics use route patterns and closed label sets', async () => {
    await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `SSN ${SSN}` });
    await request(h.app).delete('/v1/sessions/some-session-id').set(bearer(h.keys.alpha));
    const m = await request(h.app).get('/metrics');
    expect(m.text).toContain('phi_gateway_http_requests_total{route="/v1/redact",method="POST",status="200"}');
    expect(m.text).toContain('route="/v1/sessions/:id"');
    expect(m.text).not.toContain('some-session-id');
    expect(m.text).toMatch(/phi_gateway_findings_total\{tenant="alpha",entity="US_SSN",operator="redact"\} \d+/);
    expect(m.text).toContain('phi_gateway_http_request_duration_seconds_bucket');
  });

  it('openapi.json describes every route', async () => {
    const o = await request(h.app).get('/openapi.json');
    expect(o.body.openapi).toBe('3.1.0');
    for (const p of ['/v1/analyze', '/v1/redact', '/v1/check', '/v1/batch/redact', '/v1/restore', '/v1/sessions/{id}', '/proxy/{upstream}/{path}', '/audit', '/audit/summary', '/audit/verify', '/audit/export', '/healthz', '/readyz', '/metrics']) {
      expect(o.body.paths[p]).toBeDefined();
    }
  });
});

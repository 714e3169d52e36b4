import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { watchPolicies, type PolicyWatcher } from '../../src/policy/watcher';
import { bearer, startHarness, tenantYaml, type Harness } from '../http/harness';

/**
 * In-process end to end: real engine, SQLite files, fake upstream on 127.0.0.1. The seeded values below must never
 * reach the upstream, the logs, the SQLite files or /metrics.
 */
const SEEDS = {
  ssn: '536-22-8726',
  email: 'maria.gonzalez@healthmail.example',
  phone: '(212) 736-4412',
  card: '4111 1111 1111 1111',
};
const SEED_FORMS = [...Object.values(SEEDS), '536228726', '4111111111111111', '2127364412', 'maria.gonzalez'];

let h: Harness;
let watcher: PolicyWatcher;
const reloads: Array<{ errors: unknown[] }> = [];
beforeAll(async () => {
  h = await startHarness();
  watcher = watchPolicies(h.policiesDir, h.policies, h.deps.logger, { debounceMs: 50, onReload: (r) => reloads.push(r) });
});
afterAll(async () => {
  watcher.close();
  await h.close();
});

const chat = () => ({
  model: 'gpt-x',
  messages: [
    { role: 'system', content: 'You are a clinical assistant.' },
    { role: 'user', content: `Patient SSN ${SEEDS.ssn}, reach her at ${SEEDS.email} or ${SEEDS.phone}.` },
    {
      role: 'assistant',
      tool_calls: [{ type: 'function', function: { name: 'bill', arguments: JSON.stringify({ card: SEEDS.card, note: `email ${SEEDS.email}` }) } }],
    },
    { role: 'user', content: [{ type: 'text', text: `Card on file: ${SEEDS.card}` }] },
  ],
});

describe('e2e', () => {
  it('a payload with an SSN, e-mail, phone and card reaches the upstream with none of them', async () => {
    const res = await request(h.app).post('/proxy/echo/v1/chat/completions').set(bearer(h.keys.beta)).send(chat());
    expect(res.status).toBe(200);
    expect(h.upstream.received).toHaveLength(1);
    const got = h.upstream.received[0];
    for (const v of SEED_FORMS) expect(got.body).not.toContain(v);
    const sent = JSON.parse(got.body);
    expect(sent.messages[0].content).toBe('You are a clinical assistant.');
    expect(sent.model).toBe('gpt-x');
    const recs = (await h.audit.query('beta', { requestId: res.headers['x-request-id'], kind: 'item' }, { limit: 100 })).records;
    const types = new Set(recs.map((r) => r.entity));
    for (const t of ['US_SSN', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD']) expect(types).toContain(t);
    // Also through /v1/redact and /v1/batch/redact.
    const r2 = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ json: chat() });
    for (const v of SEED_FORMS) expect(JSON.stringify(r2.body)).not.toContain(v);
    const r3 = await request(h.app).post('/v1/batch/redact').set(bearer(h.keys.alpha)).send({ items: [{ id: '1', text: `ssn ${SEEDS.ssn}, mail ${SEEDS.email}, phone ${SEEDS.phone}, card ${SEEDS.card}.` }] });
    for (const v of SEED_FORMS) expect(JSON.stringify(r3.body)).not.toContain(v);
  });

  it("tenant A's key cannot read, verify, restore or proxy as tenant B", async () => {
    // B = alpha (its policy tokenizes e-mail addresses, so its session has vault entries); A = beta.
    const b = await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).send({ text: `mail ${SEEDS.email}`, session: 'alpha-session' });
    expect(b.status).toBe(200);
    expect(b.body.text).not.toContain(SEEDS.email);
    const bId = b.body.requestId;
    const A = bearer(h.keys.beta);
    expect((await request(h.app).get(`/audit/requests/${bId}`).set(A)).status).toBe(404);
    expect((await request(h.app).get('/audit?tenant=alpha').set(A)).status).toBe(404);
    expect((await request(h.app).get(`/audit?requestId=${bId}`).set(A)).body.records).toEqual([]);
    expect((await request(h.app).get('/audit/verify?tenant=alpha').set(A)).status).toBe(404);
    expect((await request(h.app).get('/audit/summary?tenant=alpha').set(A)).status).toBe(404);
    expect((await request(h.app).get('/audit/export?tenant=alpha').set(A)).status).toBe(404);
    const stolen = await request(h.app).post('/v1/restore').set(A).send({ text: b.body.text, session: 'alpha-session' });
    expect(stolen.status).toBe(404);
    expect(stolen.text).not.toContain(SEEDS.email);
    expect((await request(h.app).post('/v1/restore').set(A).send({ text: b.body.text, session: 'alpha-session', tenant: 'alpha' })).status).toBe(404);
    expect((await request(h.app).delete('/v1/sessions/alpha-session').set(A)).status).toBe(404);
    // B's own key restores its own session.
    const own = await request(h.app).post('/v1/restore').set(bearer(h.keys.alpha)).send({ text: b.body.text, session: 'alpha-session' });
    expect(own.status).toBe(200);
    expect(own.body.text).toBe(`mail ${SEEDS.email}`);
    // beta's upstream `betaonly` is not in alpha's list: alpha cannot proxy as beta, whatever it sends.
    const before = h.upstream.received.length;
    const px = await request(h.app).post('/proxy/betaonly/x?tenant=beta').set(bearer(h.keys.alpha)).set('x-tenant', 'beta').send({ a: 1 });
    expect(px.status).toBe(404);
    expect(h.upstream.received.length).toBe(before);
    // Headers and parameters never choose the tenant: this lands in beta's trail, under beta's policy.
    const viaHeader = await request(h.app).post('/v1/redact?tenant=alpha').set(A).set('x-tenant', 'alpha').send({ text: 'hi' });
    expect(viaHeader.body.policy.id).toBe('beta');
    expect((await h.audit.query('beta', { requestId: viaHeader.body.requestId }, { limit: 5 })).records).toHaveLength(1);
    expect((await h.audit.query('alpha', { requestId: viaHeader.body.requestId }, { limit: 5 })).records).toHaveLength(0);
  });

  it('editing one audit row in the SQLite file makes /audit/verify fail at that record', async () => {
    await request(h.app).post('/v1/redact').set(bearer(h.keys.gamma)).send({ text: 'hello' }).expect(503); // blocked → 1 record
    const ok = await request(h.app).get('/audit/verify').set(bearer(h.keys.alpha));
    expect(ok.body.ok).toBe(true);
    const target = (await h.audit.query('alpha', { kind: 'item' }, { limit: 1 })).records[0];
    const db = new Database(join(h.dir, 'data', 'audit.sqlite'));
    db.prepare('UPDATE audit_records SET operator = ? WHERE tenant = ? AND seq = ?').run('keep', 'alpha', target.seq);
    db.close();
    const broken = await request(h.app).get('/audit/verify').set(bearer(h.keys.alpha));
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: 'hash_mismatch' } });
    expect(broken.body.checked).toBe(target.seq - 1);
    // Other tenants' chains are unaffected.
    expect((await request(h.app).get('/audit/verify').set(bearer(h.keys.beta))).body.ok).toBe(true);
    // Restore the row: the chain verifies again.
    const db2 = new Database(join(h.dir, 'data', 'audit.sqlite'));
    db2.prepare('UPDATE audit_records SET operator = ? WHERE tenant = ? AND seq = ?').run(target.operator, 'alpha', target.seq);
    db2.close();
    expect((await request(h.app).get('/audit/verify').set(bearer(h.keys.alpha))).body.ok).toBe(true);
  });

  it('hot reload: a broken edit keeps serving the old policy and logs file + field path; a good edit applies', async () => {
    const file = join(h.policiesDir, 'tenants', 'beta.yaml');
    const original = readFileSync(file, 'utf8');
    const v0 = (await request(h.app).post('/v1/redact').set(bearer(h.keys.beta)).send({ text: `SSN ${SEEDS.ssn}` })).body;
    expect(v0.text).not.toContain(SEEDS.ssn);
    const n = reloads.length;
    writeFileSync(file, original.replace('threshold: 0.5', 'threshold: "high"'));
    await waitFor(() => reloads.length > n);
    expect(reloads[reloads.length - 1].errors.length).toBeGreaterThan(0);
    const v1 = (await request(h.app).post('/v1/redact').set(bearer(h.keys.beta)).send({ text: `SSN ${SEEDS.ssn}` })).body;
    expect(v1.text).not.toContain(SEEDS.ssn);
    expect(v1.policy.version).toBe(v0.policy.version);
    const errLog = h.logs.find((l) => l.includes('policy reload failed'));
    expect(errLog).toBeDefined();
    expect(errLog).toContain('beta.yaml');
    expect(errLog).toMatch(/threshold|entities/);
    // A valid edit is picked up.
    const m = reloads.length;
    writeFileSync(file, tenantYaml('beta', h.upstream.port, h.closedPort, 'entities:\n  US_SSN: { operator: mask, params: { keep_last: 4 } }\n'));
    await waitFor(() => reloads.length > m && reloads[reloads.length - 1].errors.length === 0);
    const v2 = (await request(h.app).post('/v1/redact').set(bearer(h.keys.beta)).send({ text: `SSN ${SEEDS.ssn}` })).body;
    expect(v2.policy.version).not.toBe(v0.policy.version);
    expect(v2.text).toContain('8726');
    expect(v2.text).not.toContain(SEEDS.ssn);
  });

  it('after the run, no seeded value appears in the logs, the SQLite files or /metrics', async () => {
    // One more request of every kind, including errors and blocked ones.
    await request(h.app).post('/proxy/down/x').set(bearer(h.keys.alpha)).send(chat());
    await request(h.app).post('/proxy/echo/x').set(bearer(h.keys.gamma)).send(chat());
    await request(h.app).post('/v1/analyze').set(bearer(h.keys.alpha)).send({ text: Object.values(SEEDS).join(' ') });
    await request(h.app).post('/v1/check').set(bearer(h.keys.alpha)).send({ text: Object.values(SEEDS).join(' ') });
    await request(h.app).post('/v1/redact').set(bearer(h.keys.alpha)).set('content-type', 'application/json').send(`{"text": "${SEEDS.ssn}" broken`);
    await request(h.app).get(`/audit/export?format=csv`).set(bearer(h.keys.alpha));
    const metrics = (await request(h.app).get('/metrics')).text;
    await new Promise((r) => setTimeout(r, 50));
    const logs = h.logs.join('');
    expect(logs.length).toBeGreaterThan(1000);
    const dataDir = join(h.dir, 'data');
    const files = readdirSync(dataDir).map((f) => ({ f, bytes: readFileSync(join(dataDir, f)) }));
    expect(files.map((x) => x.f)).toEqual(expect.arrayContaining(['audit.sqlite', 'vault.sqlite']));
    for (const v of SEED_FORMS) {
      expect(logs).not.toContain(v);
      expect(metrics).not.toContain(v);
      for (const { f, bytes } of files) {
        if (bytes.includes(Buffer.from(v, 'utf8'))) throw new Error(`seeded value found in ${f}`);
      }
    }
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 25));
  }
}

import { createDefaultRegistry, DetectorRegistry } from '../../src/detectors/registry';
import type { Detection, Detector } from '../../src/detectors/types';
import { createEngine } from '../../src/engine/engine';
import { DetectorError } from '../../src/errors';
import { loadPolicy } from '../../src/policy/loader';
import { defaultPolicy } from '../../src/policy/default-policy';
import type { Policy } from '../../src/policy/types';
import { MemoryVaultStore } from '../../src/vault/memory-vault';
import { join } from 'node:path';
import { testKeys } from '../helpers/keys';

const POLICIES = join(__dirname, '..', '..', 'policies');
const hipaa = loadPolicy(join(POLICIES, 'tenants', 'acme-clinic.yaml'), { profilesDir: POLICIES });
const gdpr = loadPolicy(join(POLICIES, 'tenants', 'shopwise.yaml'), { profilesDir: POLICIES });

const SSN = '123-45-6789';
const EMAIL = 'ann.lee@example.org';
const PHONE = '(617) 555-0142';
const CARD = '4111 1111 1111 1111';
const NOTE = `Patient SSN ${SSN}, email ${EMAIL}, call ${PHONE}, card ${CARD}. Patient id ACME-123456.`;

function engineWith(registry = createDefaultRegistry(), vault = new MemoryVaultStore()) {
  return createEngine({ registry, keys: testKeys(), vault });
}

describe('engine.redact', () => {
  it('removes every identifier of a text under the HIPAA tenant and reports items without values', async () => {
    const engine = engineWith();
    const r = await engine.redact({ text: NOTE }, hipaa, { tenant: 'acme-clinic' });
    for (const v of [SSN, EMAIL, PHONE, CARD, 'ACME-123456']) expect(r.text).not.toContain(v);
    const types = r.items.map((i) => i.entity);
    expect(types).toEqual(expect.arrayContaining(['US_SSN', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'MEDICAL_RECORD_NUMBER']));
    const ssn = r.items.find((i) => i.entity === 'US_SSN')!;
    expect(NOTE.slice(ssn.start, ssn.end)).toBe(SSN);
    expect(ssn.operator).toBe('redact');
    const mrn = r.items.find((i) => i.entity === 'MEDICAL_RECORD_NUMBER')!;
    expect(mrn.detectorId).toBe('custom.acme-patient-id');
    expect(mrn.operator).toBe('tokenize');
    expect(r.text).toMatch(/<MEDICAL_RECORD_NUMBER_[a-z2-7]{10}>/);
    const serialized = JSON.stringify(r.items);
    for (const v of [SSN, EMAIL, PHONE, CARD]) expect(serialized).not.toContain(v);
    expect(r.items.every((i) => /^[0-9a-f]{64}$/.test(i.valueDigest))).toBe(true);
    expect(r.policy).toEqual({ id: 'acme-clinic', version: hipaa.version });
  });

  it('a value right after another one is still found (a rejected candidate does not swallow it)', async () => {
    const engine = engineWith();
    const text = `call (212) 736-4412 ${CARD} now`;
    const r = await engine.redact({ text }, hipaa, { tenant: 'acme-clinic' });
    expect(r.items.map((i) => [i.entity, text.slice(i.start, i.end)])).toEqual([
      ['PHONE_NUMBER', '(212) 736-4412'],
      ['CREDIT_CARD', CARD],
    ]);
    expect(r.text).toBe('call <PHONE_NUMBER> <CREDIT_CARD> now');
  });

  it('keeps the JSON shape, scans tool-call arguments, and honours policy paths', async () => {
    const engine = engineWith();
    const body = {
      messages: [
        { role: 'user', content: `reach me at ${EMAIL}` },
        { role: 'assistant', tool_calls: [{ function: { arguments: JSON.stringify({ email: EMAIL, n: 1 }) } }] },
      ],
      customer: { note: `card ${CARD}` },
      metadata: { contact: EMAIL },
    };
    const r = await engine.redact({ json: body }, gdpr, { tenant: 'shopwise' });
    const out = r.json as any;
    expect(out.messages[0].content).toMatch(/^reach me at <EMAIL_ADDRESS_[0-9a-f]{8}>$/);
    expect(out.customer.note).toBe('card ***************1111');
    // shopwise scans only messages[*].content and customer.**: metadata is left as it is
    expect(out.metadata.contact).toBe(EMAIL);
    expect(out.messages[1].tool_calls[0].function.arguments).toContain(EMAIL);
    expect(r.items.map((i) => i.path)).toEqual(['messages[0].content', 'customer.note']);

    const all = await engine.redact({ json: body }, defaultPolicy(createDefaultRegistry().list().map((d) => d.id)), { tenant: 'x' });
    expect(JSON.stringify(all.json)).not.toContain(EMAIL);
    expect(JSON.parse((all.json as any).messages[1].tool_calls[0].function.arguments)).toEqual({ email: '<EMAIL_ADDRESS>', n: 1 });
    expect(all.items.map((i) => i.path)).toContain('messages[1].tool_calls[0].function.arguments.email');
  });

  it('redacts PHI held in JSON object keys, and item paths never carry a key that is not a field name', async () => {
    const engine = engineWith();
    const body = { results: { [`Jane Roe ${SSN}`]: { note: `mail ${EMAIL}` } } };
    const r = await engine.redact({ json: body }, hipaa, { tenant: 'acme-clinic' });
    const out = JSON.stringify(r.json);
    for (const v of ['Jane Roe', SSN, EMAIL]) expect(out).not.toContain(v);
    expect(r.items.map((i) => `${i.path}:${i.entity}`)).toEqual(['results[#0]#key:PERSON', 'results[#0]#key:US_SSN', 'results[#0].note:EMAIL_ADDRESS']);
  });

  it('gives the same token to the same value in one session and restores it', async () => {
    const engine = engineWith();
    const r = await engine.redact({ text: 'Jane Roe called; Jane Roe again.' }, hipaa, { tenant: 'acme-clinic', session: 'visit-1' });
    const tokens = r.text!.match(/<PERSON_[a-z2-7]{10}>/g)!;
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect((await engine.restore(`Answer for ${tokens[0]}`, { tenant: 'acme-clinic', session: 'visit-1' })).text).toBe('Answer for Jane Roe');
    expect((await engine.restore(`Answer for ${tokens[0]}`, { tenant: 'shopwise', session: 'visit-1' })).restored).toBe(0);
  });

  it('applies the allow list and thresholds', async () => {
    const engine = engineWith();
    const p: Policy = { ...hipaa, allow: { exact: [EMAIL], regex: [] } };
    const r = await engine.analyze({ text: `mail ${EMAIL}` }, p);
    expect(r.entities).toEqual([]);
    const loose = await engine.analyze({ text: `call ${PHONE}` }, hipaa);
    expect(loose.entities.map((e) => e.entity)).toEqual(['PHONE_NUMBER']);
    const phoneScore = loose.entities[0].score;
    const strict: Policy = { ...hipaa, entities: { ...hipaa.entities, PHONE_NUMBER: { ...hipaa.entities.PHONE_NUMBER!, threshold: Math.min(1, phoneScore + 0.01) } } };
    expect((await engine.analyze({ text: `call ${PHONE}` }, strict)).entities).toEqual([]);
    const detectorOff: Policy = { ...hipaa, detectors: { ...hipaa.detectors, 'pattern.phone-number': { enabled: false } } };
    expect((await engine.analyze({ text: `call ${PHONE}` }, detectorOff)).entities).toEqual([]);
  });

  it('check reports counts without changing anything', async () => {
    const engine = engineWith();
    expect(await engine.check({ text: `SSN ${SSN}` }, hipaa)).toEqual({ compliant: false, counts: { US_SSN: 1 } });
    expect(await engine.check({ text: 'nothing to see here' }, hipaa)).toEqual({ compliant: true, counts: {} });
  });
});

describe('overlapping findings under a policy that keeps some types', () => {
  it("a model's kept ORGANIZATION guess on an id does not carry the id out when a pattern finds it too", async () => {
    // a stand-in for the model, as phi-ner-small 0.5.1 tags "ABC-998-7712" ORGANIZATION with 0.88
    const guess: Detector = {
      id: 'ner.stand-in',
      kind: 'ner',
      entities: ['ORGANIZATION'],
      detect: (text) =>
        [...text.matchAll(/ABC-998-7712/gu)].map((m) => ({
          entity: 'ORGANIZATION' as const,
          start: m.index!,
          end: m.index! + m[0].length,
          score: 0.88,
          detectorId: 'ner.stand-in',
        })),
    };
    const registry = createDefaultRegistry().register(guess);
    const text = 'Policy number: ABC-998-7712, order shipped to Acme Corp.';
    // shopwise (GDPR) keeps ORGANIZATION and replaces what it does not list, such as HEALTH_PLAN_ID
    const r = await engineWith(registry).redact({ text }, gdpr, { tenant: 'shopwise' });
    expect(r.text).not.toContain('ABC-998-7712');
    expect(r.items.map((i) => [i.entity, i.operator, text.slice(i.start, i.end)])).toContainEqual(['HEALTH_PLAN_ID', 'replace', 'ABC-998-7712']);
  });
});

describe('fail closed', () => {
  const throwing: Detector = { id: 'test.broken', kind: 'custom', entities: ['PERSON'], detect: () => { throw new Error(`saw ${SSN}`); } };
  const slow: Detector = { id: 'test.slow', kind: 'ner', entities: ['PERSON'], detect: () => new Promise((r) => setTimeout(() => r([]), 5_000).unref()) };

  it.each([
    ['throws', throwing, 'failed'],
    ['times out', slow, 'timed out'],
  ])('a detector that %s blocks the request with DetectorError naming the detector, not the value', async (_n, det, word) => {
    // One fast pattern detector beside the failing one, so that a loaded machine cannot make the pattern
    // detector the one that overruns the 50 ms deadline.
    const registry = new DetectorRegistry().register(createDefaultRegistry().get('pattern.us-ssn')!).register(det);
    const engine = engineWith(registry);
    const policy: Policy = { ...hipaa, detectorTimeoutMs: 50 };
    const err = await engine.redact({ text: NOTE }, policy, { tenant: 'acme-clinic' }).catch((e) => e);
    expect(err).toBeInstanceOf(DetectorError);
    expect(err.code).toBe('DETECTOR_FAILED');
    expect(err.message).toContain(det.id);
    expect(err.message).toContain(word);
    expect(err.message).not.toContain(SSN);
  });

  it('on_detector_error: redact_all withholds every scanned string instead', async () => {
    const engine = engineWith(new DetectorRegistry().register(throwing));
    const r = await engine.redact({ json: { a: NOTE, b: 'harmless', n: 1 } }, { ...hipaa, onDetectorError: 'redact_all' }, { tenant: 'acme-clinic' });
    expect(r.json).toEqual({ a: '<REDACTED>', b: '<REDACTED>', n: 1 });
    expect(r.degraded).toBe(true);
  });
});

describe('mention propagation', () => {
  // A stand-in for the model: it finds a name only after "Patient " (its context), never a bare repetition.
  const contextual: Detector = {
    id: 'ner.context-only',
    kind: 'ner',
    entities: ['PERSON'],
    detect: (text) =>
      [...text.matchAll(/(?<=Patient )\p{Lu}\p{L}+ \p{Lu}\p{L}+/gu)].map((m) => ({
        entity: 'PERSON' as const,
        start: m.index!,
        end: m.index! + m[0].length,
        score: 0.8,
        detectorId: 'ner.context-only',
      })),
  };
  const registry = () => new DetectorRegistry().register(contextual).register(createDefaultRegistry().get('pattern.email')!);
  const body = {
    messages: [
      { role: 'user', content: 'Patient Kofi Adeyemi, 54, chest pain.' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'Adeyemi (kofi.a@example.org) asks if Kofi Adeyemi can drive. Kofi says yes.' },
    ],
  };

  it('removes the later bare mentions of a name the model found once, in other messages too', async () => {
    const r = await engineWith(registry()).redact({ json: body }, hipaa, { tenant: 'acme-clinic' });
    const out = JSON.stringify(r.json);
    for (const v of ['Kofi', 'Adeyemi', 'kofi.a@example.org']) expect(out).not.toContain(v);
    const mentions = r.items.filter((i) => i.detectorId === 'analysis.mention');
    expect(mentions.map((i) => [i.path, body.messages[2].content.slice(i.start, i.end)])).toEqual([
      ['messages[2].content', 'Adeyemi'],
      ['messages[2].content', 'Kofi Adeyemi'],
      ['messages[2].content', 'Kofi'],
    ]);
    expect(mentions.every((i) => i.entity === 'PERSON' && i.score === 0.8)).toBe(true);
  });

  it("retypes the model's LOCATION guess on a bare surname of a name it found, so the person gets one type throughout", async () => {
    // the stand-in also takes a bare "Adeyemi" before " says" for a place, as the real model does with "Jordan said"
    const confused: Detector = {
      ...contextual,
      entities: ['PERSON', 'LOCATION'],
      detect: (text) => [
        ...(contextual.detect(text, {}) as Detection[]),
        ...[...text.matchAll(/Adeyemi(?= says)/gu)].map((m) => ({
          entity: 'LOCATION' as const,
          start: m.index!,
          end: m.index! + m[0].length,
          score: 0.7,
          detectorId: 'ner.context-only',
        })),
      ],
    };
    const msg = { messages: [{ role: 'user', content: 'Patient Kofi Adeyemi, 54.' }, { role: 'user', content: 'Adeyemi says the pain is worse.' }] };
    const seen = async (policy: Policy) => {
      const r = await engineWith(new DetectorRegistry().register(confused)).redact({ json: msg }, policy, { tenant: 'acme-clinic' });
      expect(JSON.stringify(r.json)).not.toContain('Adeyemi');
      return r.items.filter((i) => i.path === 'messages[1].content').map((i) => [i.entity, i.detectorId, i.start, i.end]);
    };
    expect(await seen(hipaa)).toEqual([['PERSON', 'analysis.mention', 0, 7]]);
    expect(await seen({ ...hipaa, propagateMentions: [] })).toEqual([['LOCATION', 'ner.context-only', 0, 7]]);
  });

  it('propagate_mentions: [] turns it off, and the allow list still applies to propagated mentions', async () => {
    const off = await engineWith(registry()).redact({ json: body }, { ...hipaa, propagateMentions: [] }, { tenant: 'acme-clinic' });
    expect((off.json as typeof body).messages[2].content).toContain('Adeyemi (');
    expect(off.items.some((i) => i.detectorId === 'analysis.mention')).toBe(false);
    const allowKofi: Policy = { ...hipaa, allow: { exact: [...hipaa.allow.exact, 'Kofi'], regex: hipaa.allow.regex } };
    const r = await engineWith(registry()).redact({ json: body }, allowKofi, { tenant: 'acme-clinic' });
    expect((r.json as typeof body).messages[2].content).toMatch(/ Kofi says yes\.$/);
    expect(JSON.stringify(r.json)).not.toContain('Adeyemi');
  });
});

import { OPERATORS } from '../../src/operators/registry';
import { RESTRICTED_ZIP3 } from '../../src/operators/generalize';
import { shiftDays } from '../../src/operators/date-shift';
import { decryptValues, restoreTokens } from '../../src/engine/restore';
import type { EntityType } from '../../src/detectors/entities';
import { operatorContext, testKeys } from '../helpers/keys';

const apply = async (op: keyof typeof OPERATORS, value: string, entity: EntityType, params: Record<string, unknown> = {}, ctx = operatorContext()) =>
  OPERATORS[op].apply({ value, entity }, OPERATORS[op].params.parse(params), ctx);

describe('redact / replace / keep', () => {
  it('redact removes the value', async () => expect(await apply('redact', 'John', 'PERSON')).toBe(''));
  it('replace defaults to <TYPE>', async () => expect(await apply('replace', 'John', 'PERSON')).toBe('<PERSON>'));
  it('replace fills a template', async () => expect(await apply('replace', 'John', 'PERSON', { template: '[{entity} removed]' })).toBe('[PERSON removed]'));
  it('keep returns the value', async () => expect(await apply('keep', 'John', 'PERSON')).toBe('John'));
  it('rejects unknown params', () => expect(OPERATORS.replace.params.safeParse({ templat: 'x' }).success).toBe(false));
});

describe('mask', () => {
  it.each([
    ['4111111111111111', { keep_last: 4 }, '************1111'],
    ['alice@example.com', { keep_first: 2, char: '#' }, 'al###############'],
    ['secret', {}, '******'],
    // never more than half of the value stays visible
    ['1234', { keep_first: 4, keep_last: 4 }, '12**'],
    ['José😀', { keep_last: 1 }, '****😀'],
  ])('%s %j → %s', async (value, params, expected) => expect(await apply('mask', value, 'CREDIT_CARD', params)).toBe(expected));
  it('rejects a multi-character mask char', () => expect(OPERATORS.mask.params.safeParse({ char: '**' }).success).toBe(false));
});

describe('hash and pseudonymize are keyed and stable', () => {
  it('hash is HMAC, not a plain sha256', async () => {
    const h = await apply('hash', 'alice@example.com', 'EMAIL_ADDRESS');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(h).not.toBe(createHash('sha256').update('alice@example.com').digest('hex'));
  });
  it('pseudonym is stable across calls and case, differs per tenant and value', async () => {
    const a1 = await apply('pseudonymize', 'Alice Smith', 'PERSON');
    const a2 = await apply('pseudonymize', 'ALICE  smith', 'PERSON', {}, operatorContext({ session: 'other' }));
    const b = await apply('pseudonymize', 'Bob Jones', 'PERSON');
    const otherTenant = await apply('pseudonymize', 'Alice Smith', 'PERSON', {}, operatorContext({ tenant: 't2' }));
    expect(a1).toMatch(/^<PERSON_[0-9a-f]{8}>$/);
    expect(a2).toBe(a1);
    expect(b).not.toBe(a1);
    expect(otherTenant).not.toBe(a1);
  });
});

describe('tokenize + restore', () => {
  it('gives one random token per value within a session and restores only that session', async () => {
    const ctx = operatorContext();
    const t1 = await apply('tokenize', 'Alice', 'PERSON', {}, ctx);
    const t2 = await apply('tokenize', 'alice', 'PERSON', {}, ctx);
    const t3 = await apply('tokenize', 'Bob', 'PERSON', {}, ctx);
    expect(t1).toMatch(/^<PERSON_[a-z2-7]{10}>$/);
    expect(t2).toBe(t1);
    expect(t3).not.toBe(t1);
    const text = `Hi ${t1}, meet ${t3}. Again: ${t1.slice(1, -1)} and <${t3.slice(1, -1).replace('PERSON', 'person')}>`;
    const restored = await restoreTokens(text, { tenant: 't1', session: 's1', vault: ctx.vault!, keys: ctx.keys });
    expect(restored.text).toBe('Hi Alice, meet Bob. Again: Alice and Bob');
    expect(restored.restored).toBe(4);
    const wrongSession = await restoreTokens(text, { tenant: 't1', session: 's2', vault: ctx.vault!, keys: ctx.keys });
    expect(wrongSession.text).toBe(text);
    const wrongTenant = await restoreTokens(text, { tenant: 't2', session: 's1', vault: ctx.vault!, keys: ctx.keys });
    expect(wrongTenant.text).toBe(text);
  });
  it('fails without a vault (the request is blocked, not forwarded raw)', async () => {
    await expect(apply('tokenize', 'Alice', 'PERSON', {}, operatorContext({ vault: undefined }))).rejects.toThrow('vault');
  });
});

describe('encrypt', () => {
  it('is deterministic, authenticated and reversible with the tenant key only', async () => {
    const e1 = await apply('encrypt', 'Alice', 'PERSON');
    const e2 = await apply('encrypt', 'Alice', 'PERSON');
    expect(e1).toBe(e2);
    expect(e1).toMatch(/^<ENC:PERSON:[A-Za-z0-9_-]+>$/);
    expect(e1).not.toContain('Alice');
    const keys = testKeys();
    expect(decryptValues(`x ${e1} y`, { tenant: 't1', keys }).text).toBe('x Alice y');
    expect(decryptValues(e1, { tenant: 't2', keys }).restored).toBe(0);
    const tampered = e1.slice(0, 20) + (e1[20] === 'A' ? 'B' : 'A') + e1.slice(21);
    expect(decryptValues(tampered, { tenant: 't1', keys }).restored).toBe(0);
  });
});

describe('generalize (HIPAA Safe Harbor)', () => {
  it.each([
    ['March 3rd, 2024', 'DATE_TIME', {}, '2024'],
    ['03/14/1962', 'DATE_TIME', {}, '1962'],
    ['14-Mar-2024', 'DATE_TIME', {}, '2024'],
    ['2024-03-14', 'DATE_TIME', { to: 'month_year' }, 'March 2024'],
    ['3/14', 'DATE_TIME', {}, '<DATE_TIME>'],
    ['02139', 'US_ZIP_CODE', {}, '021'],
    ['02139-4307', 'US_ZIP_CODE', {}, '021'],
    ['03601', 'US_ZIP_CODE', {}, '000'],
    ['89301', 'US_ZIP_CODE', {}, '000'],
    ['93-year-old', 'AGE', {}, '90+-year-old'],
    ['aged 91', 'AGE', {}, 'aged 90+'],
    ['89', 'AGE', {}, '89'],
    ['Springfield', 'LOCATION', {}, '<LOCATION>'],
  ] as const)('%s (%s) → %s', async (value, entity, params, expected) => expect(await apply('generalize', value, entity, params)).toBe(expected));
  it('knows the 17 restricted ZIP3 areas', () => expect(RESTRICTED_ZIP3.size).toBe(17));
});

describe('date_shift', () => {
  it('shifts every date of a session by the same non-zero offset and keeps the style', async () => {
    const ctx = operatorContext();
    const days = shiftDays(ctx, 365);
    expect(days).not.toBe(0);
    expect(Math.abs(days)).toBeLessThanOrEqual(365);
    const a = await apply('date_shift', '2024-03-01', 'DATE_TIME', {}, ctx);
    const b = await apply('date_shift', '03/11/2024', 'DATE_TIME', {}, ctx);
    expect(a).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(b).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const da = Date.parse(a);
    const [m, d, y] = b.split('/').map(Number);
    expect((Date.UTC(y, m - 1, d) - da) / 86_400_000).toBe(10); // interval kept
    expect((da - Date.parse('2024-03-01')) / 86_400_000).toBe(days);
  });
  it('differs across sessions and replaces dates it cannot shift', async () => {
    const offsets = new Set(['a', 'b', 'c', 'd', 'e'].map((s) => shiftDays(operatorContext({ session: s }), 365)));
    expect(offsets.size).toBeGreaterThan(1);
    expect(await apply('date_shift', 'March 3rd', 'DATE_TIME')).toBe('<DATE_TIME>');
  });
});

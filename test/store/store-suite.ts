import { emptyInput, type AuditInput } from '../../src/audit/types';
import { verifyChain } from '../../src/audit/chain';
import { summarize } from '../../src/audit/summary';
import type { AuditStore } from '../../src/store/types';
import type { TenantSaltStore } from '../../src/keys/tenant-salts';
import type { VaultStore } from '../../src/vault/types';

/** The store contract, run against every implementation (SQLite and PostgreSQL). */
export interface StoreFactory {
  name: string;
  /** Fresh, empty stores. `now` drives vault TTLs. */
  open(now: () => number): Promise<{ audit: AuditStore; vault: VaultStore; tamper(sql: string, params: unknown[]): Promise<void> }>;
  /** Two tenant salt stores on one fresh database (two replicas, or two connections to one file). */
  openSalts(): Promise<[TenantSaltStore, TenantSaltStore]>;
}

const req = (requestId: string, at: number, extra: Partial<AuditInput> = {}): AuditInput =>
  emptyInput({
    kind: 'request',
    requestId,
    route: '/v1/redact',
    at,
    policyId: 'acme',
    policyVersion: 'v1',
    decision: 'returned',
    status: 200,
    counts: { US_SSN: 1 },
    ...extra,
  });
const item = (requestId: string, at: number, entity: string, operator: string, extra: Partial<AuditInput> = {}): AuditInput =>
  emptyInput({
    kind: 'item',
    requestId,
    route: '/v1/redact',
    at,
    policyId: 'acme',
    policyVersion: 'v1',
    path: 'messages[0].content',
    entity,
    start: 3,
    end: 14,
    operator,
    detector: 'pattern.us-ssn',
    score: 0.8500000000000001,
    valueDigest: 'ab'.repeat(32),
    ...extra,
  });

export function storeContract(factory: StoreFactory, enabled = true): void {
  const d = enabled ? describe : describe.skip;
  d(`store contract: ${factory.name}`, () => {
    let now = 1_700_000_000_000;
    let s: Awaited<ReturnType<StoreFactory['open']>>;
    beforeEach(async () => {
      s = await factory.open(() => now);
    });
    afterEach(async () => {
      await s.audit.close();
      await s.vault.close?.();
    });

    it('appends a per-tenant hash chain that verifies, and keeps tenants apart', async () => {
      const a1 = await s.audit.append('a', [req('r1', now), item('r1', now, 'US_SSN', 'redact')]);
      await s.audit.append('b', [req('rb', now)]);
      const a2 = await s.audit.append('a', [req('r2', now + 1)]);
      expect(a1.map((r) => r.seq)).toEqual([1, 2]);
      expect(a2[0].seq).toBe(3);
      expect(a2[0].prevHash).toBe(a1[1].hash);
      expect(a1[0].prevHash).toBe('0'.repeat(64));
      const page = await s.audit.query('a', {}, { limit: 10 });
      expect(page.records.map((r) => r.requestId)).toEqual(['r1', 'r1', 'r2']);
      expect(page.records[1].score).toBe(0.8500000000000001);
      expect(page.records[0].counts).toEqual({ US_SSN: 1 });
      expect((await s.audit.query('b', {}, { limit: 10 })).records).toHaveLength(1);
      const v = await verifyChain(s.audit.iterate('a'), await s.audit.head('a'));
      expect(v).toMatchObject({ ok: true, checked: 3 });
      expect(await s.audit.tenants()).toEqual(['a', 'b']);
    });

    it('filters and paginates with a cursor', async () => {
      for (let i = 0; i < 5; i++) {
        await s.audit.append('a', [
          req(`r${i}`, now + i * 86_400_000, { upstream: i % 2 ? 'openai' : null }),
          item(`r${i}`, now + i * 86_400_000, i % 2 ? 'EMAIL_ADDRESS' : 'US_SSN', i % 2 ? 'mask' : 'redact'),
        ]);
      }
      const p1 = await s.audit.query('a', {}, { limit: 4 });
      expect(p1.records).toHaveLength(4);
      expect(p1.nextCursor).toBeTruthy();
      const p2 = await s.audit.query('a', {}, { limit: 4, cursor: p1.nextCursor });
      const p3 = await s.audit.query('a', {}, { limit: 4, cursor: p2.nextCursor });
      expect(p3.nextCursor).toBeNull();
      expect([...p1.records, ...p2.records, ...p3.records].map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await s.audit.query('a', { type: 'EMAIL_ADDRESS' }, { limit: 100 })).records).toHaveLength(2);
      expect((await s.audit.query('a', { operator: 'redact' }, { limit: 100 })).records).toHaveLength(3);
      expect((await s.audit.query('a', { requestId: 'r3' }, { limit: 100 })).records).toHaveLength(2);
      expect((await s.audit.query('a', { upstream: 'openai', kind: 'request' }, { limit: 100 })).records).toHaveLength(2);
      const ranged = await s.audit.query('a', { from: now + 86_400_000, to: now + 3 * 86_400_000 }, { limit: 100 });
      expect(ranged.records.map((r) => r.requestId)).toEqual(['r1', 'r1', 'r2', 'r2']);
      const sum = await summarize(s.audit, 'a', {});
      expect(sum.requests).toBe(5);
      expect(sum.byType).toEqual({ US_SSN: 3, EMAIL_ADDRESS: 2 });
      expect(sum.byOperator).toEqual({ redact: 3, mask: 2 });
      expect(Object.keys(sum.byDay)).toHaveLength(5);
      expect(sum.phiShare).toBe(1);
    });

    it('verify reports the first altered record and removed records', async () => {
      await s.audit.append('a', [req('r1', now), item('r1', now, 'US_SSN', 'redact'), req('r2', now), item('r2', now, 'US_SSN', 'redact')]);
      await s.tamper('UPDATE audit_records SET entity = $1 WHERE tenant = $2 AND seq = $3', ['PERSON', 'a', 2]);
      const v = await verifyChain(s.audit.iterate('a'), await s.audit.head('a'));
      expect(v.ok).toBe(false);
      expect(v.firstBroken).toMatchObject({ seq: 2, reason: 'hash_mismatch', requestId: 'r1' });
      await s.tamper('DELETE FROM audit_records WHERE tenant = $1 AND seq = $2', ['a', 4]);
      await s.tamper('UPDATE audit_records SET entity = $1 WHERE tenant = $2 AND seq = $3', ['US_SSN', 'a', 2]);
      const v2 = await verifyChain(s.audit.iterate('a'), await s.audit.head('a'));
      expect(v2.firstBroken).toMatchObject({ reason: 'head_mismatch', seq: 4 });
    });

    it('serializes concurrent appends into one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => s.audit.append('a', [req(`c${i}`, now), item(`c${i}`, now, 'US_SSN', 'redact')])));
      const v = await verifyChain(s.audit.iterate('a', {}, 7), await s.audit.head('a'));
      expect(v).toMatchObject({ ok: true, checked: 40 });
    });

    it('vault: same value → same token per session; tenants and sessions isolated; TTL; erasure', async () => {
      const base = { entity: 'PERSON', sealed: 'sealed-1', expiresAt: now + 1000 };
      const t1 = await s.vault.putToken({ ...base, tenant: 'a', session: 's1', token: 'TOK_1', lookupKey: 'lk1' });
      const t2 = await s.vault.putToken({ ...base, tenant: 'a', session: 's1', token: 'TOK_2', lookupKey: 'lk1' });
      expect(t1).toBe('TOK_1');
      expect(t2).toBe('TOK_1');
      await s.vault.putToken({ ...base, tenant: 'b', session: 's1', token: 'TOK_B', lookupKey: 'lk1', sealed: 'sealed-b' });
      const got = await s.vault.getTokens('a', 's1', ['TOK_1', 'TOK_B', 'TOK_X']);
      expect([...got.keys()]).toEqual(['TOK_1']);
      expect(got.get('TOK_1')).toMatchObject({ tenant: 'a', session: 's1', sealed: 'sealed-1', entity: 'PERSON' });
      expect((await s.vault.getTokens('a', 's2', ['TOK_1'])).size).toBe(0);
      expect(await s.vault.hasSession('a', 's1')).toBe(true);
      expect(await s.vault.hasSession('a', 's2')).toBe(false);
      now += 2000;
      expect((await s.vault.getTokens('a', 's1', ['TOK_1'])).size).toBe(0);
      expect(await s.vault.hasSession('a', 's1')).toBe(false);
      const t3 = await s.vault.putToken({ ...base, expiresAt: now + 1000, tenant: 'a', session: 's1', token: 'TOK_3', lookupKey: 'lk1' });
      expect(t3).toBe('TOK_3');
      expect(await s.vault.purgeExpired(now)).toBe(1); // b's entry expired
      expect(await s.vault.deleteSession('a', 's1')).toBe(1);
      expect(await s.vault.hasSession('a', 's1')).toBe(false);
      // Whole-tenant erasure.
      await s.vault.putToken({ ...base, expiresAt: now + 1000, tenant: 'c', session: 'x', token: 'T1', lookupKey: 'l1' });
      await s.vault.putToken({ ...base, expiresAt: now + 1000, tenant: 'c', session: 'y', token: 'T2', lookupKey: 'l2' });
      await s.vault.putToken({ ...base, expiresAt: now + 1000, tenant: 'd', session: 'x', token: 'T3', lookupKey: 'l3' });
      const v = s.vault as VaultStore & { deleteTenant(t: string): Promise<number> };
      expect(await v.deleteTenant('c')).toBe(2);
      expect(await s.vault.hasSession('c', 'x')).toBe(false);
      expect(await s.vault.hasSession('d', 'x')).toBe(true);
    });

    it('tenant salts: created once (concurrent first uses agree), shred replaces one tenant, seen by every replica', async () => {
      const [r1, r2] = await factory.openSalts();
      try {
        const first = await Promise.all([...Array(6)].map((_, i) => (i % 2 ? r1 : r2).current('a')));
        expect(first[0].generation).toBe(1);
        expect(first[0].salt).toHaveLength(32);
        for (const f of first) expect(f.salt.equals(first[0].salt)).toBe(true);
        const b = await r1.current('b');
        expect(b.salt.equals(first[0].salt)).toBe(false);
        const shredded = await r2.shred('a');
        expect(shredded.generation).toBe(2);
        expect(shredded.salt.equals(first[0].salt)).toBe(false);
        const seen = await r1.current('a');
        expect(seen).toEqual(shredded);
        expect(await r1.current('b')).toEqual(b);
        // Shredding a tenant never seen creates its first salt.
        expect((await r1.shred('new')).generation).toBe(1);
        // Upgrades: generation 0 (empty salt) only for tenants without one; a later shred moves it to 1.
        expect(await r2.adoptLegacy(['old', 'a', 'new'])).toBe(1);
        expect(await r1.current('old')).toEqual({ generation: 0, salt: Buffer.alloc(0) });
        expect(await r1.current('a')).toEqual(shredded);
        const fresh = await r1.shred('old');
        expect(fresh.generation).toBe(1);
        expect(fresh.salt).toHaveLength(32);
        expect(await r2.adoptLegacy([])).toBe(0);
      } finally {
        await Promise.all([r1.close(), r2.close()]);
      }
    });
  });
}

import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDefaultRegistry } from '../../src/detectors/registry';
import { createEngine } from '../../src/engine/engine';
import { KeyRing } from '../../src/keys/key-ring';
import type { TenantSalt, TenantSaltStore } from '../../src/keys/tenant-salts';
import { encrypt } from '../../src/operators/encrypt';
import type { OperatorContext } from '../../src/operators/types';
import { SqliteTenantSalts } from '../../src/store/sqlite-tenant-salts';
import { MemoryVaultStore } from '../../src/vault/memory-vault';

const MASTER = Buffer.alloc(32, 7);
const dirs: string[] = [];
const open: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phi-keys-'));
  dirs.push(dir);
  return join(dir, 'vault.sqlite');
}

function saltsAt(file: string): SqliteTenantSalts {
  const s = new SqliteTenantSalts(file);
  open.push(s);
  return s;
}

const ctxOf = (keys: KeyRing, tenant: string): OperatorContext => ({ tenant, session: 's', keys, vaultTtlMs: 1000, now: Date.now });

/** An `encrypt`ed value, as the operator writes it into a forwarded request. */
async function encrypted(keys: KeyRing, tenant: string, value: string): Promise<string> {
  await keys.load(tenant);
  return encrypt.apply({ value, entity: 'PERSON' }, {}, ctxOf(keys, tenant));
}

const engineOn = (keys: KeyRing) => createEngine({ registry: createDefaultRegistry(), keys, vault: new MemoryVaultStore() });

describe('KeyRing without a salt store (CLI, library)', () => {
  it('derives per tenant and purpose from the master secret alone, and cannot shred', async () => {
    const a = new KeyRing(MASTER);
    const b = new KeyRing(Buffer.from(MASTER));
    expect(a.key('t1', 'encrypt').equals(b.key('t1', 'encrypt'))).toBe(true);
    expect(a.key('t1', 'encrypt').equals(a.key('t2', 'encrypt'))).toBe(false);
    expect(a.key('t1', 'encrypt').equals(a.key('t1', 'hash'))).toBe(false);
    expect(a.shreddable).toBe(false);
    await expect(a.shred('t1')).rejects.toThrow(/cannot be shredded/);
  });
});

describe('KeyRing with stored tenant salts', () => {
  it('refuses a key before the salt is loaded, and mixes the stored salt into every key', async () => {
    const keys = new KeyRing(MASTER, { salts: saltsAt(tempFile()) });
    expect(keys.shreddable).toBe(true);
    expect(() => keys.key('t1', 'encrypt')).toThrow(/before their salt was loaded/);
    await keys.load('t1');
    const k = keys.key('t1', 'encrypt');
    expect(k.equals(new KeyRing(MASTER).key('t1', 'encrypt'))).toBe(false); // not derivable from the master alone
    // Another gateway data dir, same master: its own random salt, other keys.
    const elsewhere = new KeyRing(MASTER, { salts: saltsAt(tempFile()) });
    await elsewhere.load('t1');
    expect(elsewhere.key('t1', 'encrypt').equals(k)).toBe(false);
  });

  it('keeps keys across a restart, so encrypted values stay readable by the admin', async () => {
    const file = tempFile();
    const before = new KeyRing(MASTER, { salts: saltsAt(file) });
    const blob = await encrypted(before, 't1', 'Ann Lee');
    const restarted = new KeyRing(MASTER, { salts: saltsAt(file) });
    const out = await engineOn(restarted).decrypt(`note: ${blob}`, { tenant: 't1' });
    expect(out).toEqual({ text: 'note: Ann Lee', restored: 1 });
  });

  it('shredding is permanent: old values stay unreadable after a restart, other tenants keep their keys', async () => {
    const file = tempFile();
    const keys = new KeyRing(MASTER, { salts: saltsAt(file) });
    const t1Blob = await encrypted(keys, 't1', 'Ann Lee');
    const t2Blob = await encrypted(keys, 't2', 'Bo Chen');
    const t1Hash = keys.hmac('t1', 'hash', 'Ann Lee');
    expect(await keys.shred('t1')).toBe(2);
    expect(keys.hmac('t1', 'hash', 'Ann Lee')).not.toBe(t1Hash); // links to old hashes are cut at once
    expect((await engineOn(keys).decrypt(t1Blob, { tenant: 't1' })).restored).toBe(0);

    const restarted = new KeyRing(MASTER, { salts: saltsAt(file) });
    const engine = engineOn(restarted);
    expect(await engine.decrypt(t1Blob, { tenant: 't1' })).toEqual({ text: t1Blob, restored: 0 });
    expect(await engine.decrypt(t2Blob, { tenant: 't2' })).toEqual({ text: 'Bo Chen', restored: 1 });
    // The tenant goes on under its new keys.
    const fresh = await encrypted(restarted, 't1', 'Ann Lee');
    expect(fresh).not.toBe(t1Blob);
    expect((await engine.decrypt(fresh, { tenant: 't1' })).text).toBe('Ann Lee');
  });

  it('leaves the old salt neither in the database file nor in its WAL', async () => {
    const file = tempFile();
    const store = saltsAt(file);
    const old = await store.current('t1');
    await store.current('t2');
    const next = await store.shred('t1');
    expect(next.generation).toBe(2);
    expect(next.salt.equals(old.salt)).toBe(false);
    const onDisk = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(onDisk.some((b) => b.includes(next.salt))).toBe(true); // the search can find a salt on disk
    expect(onDisk.some((b) => b.includes(old.salt))).toBe(false);
  });

  it('a replica sees another replica’s shred after refreshMs, and at once when decrypting', async () => {
    const file = tempFile();
    let now = 1_000_000;
    const a = new KeyRing(MASTER, { salts: saltsAt(file), refreshMs: 1000, now: () => now });
    const b = new KeyRing(MASTER, { salts: saltsAt(file), refreshMs: 1000, now: () => now });
    const blob = await encrypted(a, 't1', 'Ann Lee');
    await b.load('t1');
    const bOld = b.key('t1', 'hash');
    await a.shred('t1');
    now += 999;
    await b.load('t1');
    expect(b.key('t1', 'hash').equals(bOld)).toBe(true); // still inside refreshMs
    expect((await engineOn(b).decrypt(blob, { tenant: 't1' })).restored).toBe(0); // decryption reads afresh
    expect(b.key('t1', 'hash').equals(a.key('t1', 'hash'))).toBe(true);
    const c = new KeyRing(MASTER, { salts: saltsAt(file), refreshMs: 1000, now: () => now });
    await c.load('t1');
    const cOld = c.key('t1', 'pseudonymize');
    await a.shred('t1');
    now += 1000;
    await c.load('t1');
    expect(c.key('t1', 'pseudonymize').equals(cOld)).toBe(false);
    expect(c.key('t1', 'pseudonymize').equals(a.key('t1', 'pseudonymize'))).toBe(true);
  });

  it('a tenant adopted at an upgrade keeps its pre-salt keys until its first shred', async () => {
    const beforeUpgrade = new KeyRing(MASTER); // a gateway version without salts
    const blob = await encrypted(beforeUpgrade, 't1', 'Ann Lee');
    const pseudonym = beforeUpgrade.hmac('t1', 'pseudonymize', 'Ann Lee');
    const file = tempFile();
    const store = saltsAt(file);
    expect(await store.adoptLegacy(['t1'])).toBe(1);
    const keys = new KeyRing(MASTER, { salts: store });
    const engine = engineOn(keys);
    expect(await engine.decrypt(blob, { tenant: 't1' })).toEqual({ text: 'Ann Lee', restored: 1 });
    expect(keys.hmac('t1', 'pseudonymize', 'Ann Lee')).toBe(pseudonym);
    await keys.load('t2'); // not adopted: a random salt
    expect(keys.key('t2', 'hash').equals(beforeUpgrade.key('t2', 'hash'))).toBe(false);
    expect(await keys.shred('t1')).toBe(1);
    expect(await engine.decrypt(blob, { tenant: 't1' })).toEqual({ text: blob, restored: 0 });
    expect(await store.adoptLegacy(['t1', 't2'])).toBe(0); // never replaces a salt: a restart with the variable still set changes nothing
    const restarted = new KeyRing(MASTER, { salts: saltsAt(file) });
    expect((await engineOn(restarted).decrypt(blob, { tenant: 't1' })).restored).toBe(0);
  });

  it('never goes back to a salt read before a shred that finished first', async () => {
    let release: (s: TenantSalt) => void = () => undefined;
    const gen1: TenantSalt = { generation: 1, salt: Buffer.alloc(32, 1) };
    const gen2: TenantSalt = { generation: 2, salt: Buffer.alloc(32, 2) };
    const slow: TenantSaltStore = {
      current: () => new Promise<TenantSalt>((ok) => (release = ok)),
      shred: async () => gen2,
      adoptLegacy: async () => 0,
      close: async () => undefined,
    };
    const keys = new KeyRing(MASTER, { salts: slow });
    const loading = keys.load('t1'); // its read began before the shred …
    await keys.shred('t1');
    const afterShred = keys.key('t1', 'encrypt');
    release(gen1); // … and answers after it
    await loading;
    expect(keys.key('t1', 'encrypt').equals(afterShred)).toBe(true);
  });
});

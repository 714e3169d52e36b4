import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteAuditStore } from '../../src/store/sqlite-audit-store';
import { SqliteTenantSalts } from '../../src/store/sqlite-tenant-salts';
import { SqliteVaultStore } from '../../src/store/sqlite-vault-store';
import { storeContract } from './store-suite';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

storeContract({
  name: 'sqlite',
  async open(now) {
    const dir = mkdtempSync(join(tmpdir(), 'phi-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'audit.sqlite');
    const audit = new SqliteAuditStore(file);
    const vault = new SqliteVaultStore(join(dir, 'vault.sqlite'), now);
    return {
      audit,
      vault,
      async tamper(sql, params) {
        // A second connection edits the file, as an attacker with file access would.
        const db = new Database(file);
        db.prepare(sql.replace(/\$\d+/g, '?')).run(...(params as unknown[]));
        db.close();
      },
    };
  },
  async openSalts() {
    const dir = mkdtempSync(join(tmpdir(), 'phi-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'vault.sqlite');
    return [new SqliteTenantSalts(file), new SqliteTenantSalts(file)];
  },
});

it('sqlite audit store runs in WAL mode with synchronous=FULL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phi-sqlite-'));
  dirs.push(dir);
  const store = new SqliteAuditStore(join(dir, 'a.sqlite'));
  const db = (store as unknown as { db: Database.Database }).db;
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  void store.close();
});

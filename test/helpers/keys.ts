import { KeyRing } from '../../src/keys/key-ring';
import type { OperatorContext } from '../../src/operators/types';
import { MemoryVaultStore } from '../../src/vault/memory-vault';

/** A key ring with a fixed test secret (never used outside tests). */
export function testKeys(): KeyRing {
  return new KeyRing(Buffer.alloc(32, 7));
}

export function operatorContext(over: Partial<OperatorContext> = {}): OperatorContext {
  return { tenant: 't1', session: 's1', keys: testKeys(), vault: new MemoryVaultStore(), vaultTtlMs: 60_000, now: Date.now, ...over };
}

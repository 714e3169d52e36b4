import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRegistry } from '../detectors/build-registry';
import { createEngine, type Engine } from '../engine/engine';
import { loadMasterSecret, KeyRing } from '../keys/key-ring';
import { packageRoot } from '../package-root';
import { defaultPolicy } from '../policy/default-policy';
import { loadPolicy } from '../policy/loader';
import { PolicyStore } from '../policy/store';
import type { Policy } from '../policy/types';
import { MemoryVaultStore } from '../vault/memory-vault';

export interface CliSetupOptions {
  policy?: string;
  /** Model folder, or null for patterns only; undefined = the shipped model if present. */
  modelDir?: string | null;
  threads?: number;
}

export interface CliSetup {
  engine: Engine;
  policy: Policy;
  tenant: string;
}

export function policiesDir(): string {
  return resolve(process.env.PHI_GATEWAY_POLICIES ?? join(packageRoot(), 'policies'));
}

/**
 * `--policy` is a file path (resolved against the policies folder for `extends`) or a tenant/profile name.
 * Without it: every detector on, default thresholds.
 */
export function resolvePolicy(ref: string | undefined, detectorIds: readonly string[]): Policy {
  if (ref === undefined) return defaultPolicy(detectorIds);
  const dir = policiesDir();
  if (existsSync(ref) && statSync(ref).isFile()) return loadPolicy(ref, { profilesDir: dir });
  const store = new PolicyStore(dir);
  store.load();
  return store.resolve(ref);
}

export async function setupCli(opts: CliSetupOptions): Promise<CliSetup> {
  const { registry } = await buildRegistry({ modelDir: opts.modelDir, threads: opts.threads ?? 2 });
  const policy = resolvePolicy(opts.policy, registry.list().map((d) => d.id));
  const dataDir = resolve(process.env.PHI_GATEWAY_DATA_DIR ?? 'data');
  const secret = loadMasterSecret(process.env.PHI_GATEWAY_SECRET, dataDir);
  if (secret.origin !== 'env') {
    process.stderr.write(`phi-gateway: warning: PHI_GATEWAY_SECRET is not set; using a development key in ${secret.path}\n`);
  }
  const engine = createEngine({ registry, keys: new KeyRing(secret.secret), vault: new MemoryVaultStore() });
  return { engine, policy, tenant: policy.tenant ?? policy.id };
}

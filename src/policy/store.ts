import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyError } from '../errors';
import { loadPolicy } from './loader';
import type { Policy } from './types';

export interface PolicyLoadError {
  file: string;
  message: string;
}

/**
 * Tenant → policy. `dir` holds the base profiles (`*.yaml`) and `tenants/*.yaml`. `load()` is strict (start-up
 * fails on any invalid file); `reload()` keeps the previous policy of any tenant whose file now fails, so a bad
 * edit never takes a tenant's protection away.
 */
export class PolicyStore {
  private policies = new Map<string, Policy>();
  /** file → tenant it defined, so a failing file's tenant keeps its previous policy on reload. */
  private tenantOfFile = new Map<string, string>();

  constructor(readonly dir: string) {}

  private tenantFiles(): string[] {
    const tenantsDir = join(this.dir, 'tenants');
    if (!existsSync(tenantsDir)) return [];
    return readdirSync(tenantsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(tenantsDir, f));
  }

  private read(file: string): Policy {
    const policy = loadPolicy(file, { profilesDir: this.dir });
    if (!policy.tenant) throw new PolicyError(`${policy.source}: tenant: required in tenant files`);
    return policy;
  }

  /** Read every tenant file; nothing is changed. A file that fails is reported, never thrown. */
  private readAll(): { next: Map<string, Policy>; files: Map<string, string>; errors: PolicyLoadError[] } {
    const next = new Map<string, Policy>();
    const files = new Map<string, string>();
    const errors: PolicyLoadError[] = [];
    for (const file of this.tenantFiles()) {
      try {
        const policy = this.read(file);
        if (next.has(policy.tenant!)) throw new PolicyError(`${policy.source}: tenant: duplicate tenant id`);
        next.set(policy.tenant!, policy);
        files.set(file, policy.tenant!);
      } catch (err) {
        errors.push({ file, message: err instanceof PolicyError ? err.message : `${file}: could not be read` });
      }
    }
    return { next, files, errors };
  }

  load(): void {
    const { next, files, errors } = this.readAll();
    if (errors.length > 0) throw new PolicyError(errors[0].message);
    this.policies = next;
    this.tenantOfFile = files;
  }

  reload(): { errors: PolicyLoadError[]; changed: string[] } {
    const { next, files, errors } = this.readAll();
    // The tenant a failing file defined keeps its previous policy.
    for (const { file } of errors) {
      const tenant = this.tenantOfFile.get(file);
      const previous = tenant === undefined ? undefined : this.policies.get(tenant);
      if (tenant !== undefined && previous && !next.has(tenant)) {
        next.set(tenant, previous);
        files.set(file, tenant);
      }
    }
    const changed = [...new Set([...next.keys(), ...this.policies.keys()])].filter((t) => next.get(t)?.version !== this.policies.get(t)?.version);
    this.policies = next;
    this.tenantOfFile = files;
    return { errors, changed };
  }

  get(tenant: string): Policy | undefined {
    return this.policies.get(tenant);
  }

  tenants(): string[] {
    return [...this.policies.keys()].sort();
  }

  /** A base profile or tenant policy by name (for `policy show`). */
  resolve(name: string): Policy {
    const tenant = this.policies.get(name);
    if (tenant) return tenant;
    const file = join(this.dir, `${name}.yaml`);
    if (!existsSync(file)) throw new PolicyError(`${name}: no such tenant or profile in ${this.dir}`);
    return loadPolicy(file, { profilesDir: this.dir });
  }
}

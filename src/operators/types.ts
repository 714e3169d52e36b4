import type { z } from 'zod';
import type { EntityType } from '../detectors/entities';
import type { KeyRing } from '../keys/key-ring';
import type { VaultStore } from '../vault/types';

export const OPERATOR_NAMES = [
  'redact',
  'replace',
  'mask',
  'hash',
  'pseudonymize',
  'tokenize',
  'encrypt',
  'generalize',
  'date_shift',
  'keep',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** What an operator may use besides the value. One context per anonymize call (one request). */
export interface OperatorContext {
  tenant: string;
  /** Session for vault tokens and date shifting; a fresh random one per request when the caller gives none. */
  session: string;
  keys: KeyRing;
  /** Needed by `tokenize`; an operator that needs it and finds none throws (the request fails closed). */
  vault?: VaultStore;
  /** Vault TTL in ms for tokens written by this call. */
  vaultTtlMs: number;
  /** Reference "now" (tests inject it). */
  now: () => number;
}

export interface OperatorInput {
  value: string;
  entity: EntityType;
}

/**
 * An operator is a lowercase verb with a zod parameter schema. The policy loader validates params once, at load;
 * `apply` receives already-validated params.
 */
export interface Operator<P = unknown> {
  readonly name: OperatorName;
  readonly params: z.ZodType<P>;
  /** Whether the original can be recovered through the gateway (vault or key). Shown in `policy show` and docs. */
  readonly reversible: boolean;
  apply(input: OperatorInput, params: P, ctx: OperatorContext): string | Promise<string>;
}

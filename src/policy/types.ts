import type { EntityType } from '../detectors/entities';
import type { OperatorName } from '../operators/types';

/** How one entity type is treated. */
export interface EntityRule {
  operator: OperatorName;
  /** Operator params, validated against the operator's zod schema at load. */
  params: Record<string, unknown>;
  /** Minimum score for this type; falls back to the policy's `threshold`. */
  threshold?: number;
  /** Extra context words (lower-case) that raise weak-pattern scores for this type. */
  context: string[];
}

export interface DetectorRule {
  enabled: boolean;
  /** Minimum score for findings of this detector (applied before entity thresholds). */
  threshold?: number;
}

/** A pattern detector declared in YAML. */
export interface CustomPattern {
  name: string;
  entity: EntityType;
  regex: string;
  flags: string;
  score: number;
  context: string[];
}

export interface ListEntry {
  exact: string[];
  regex: string[];
}

export interface DenyEntry {
  entity: EntityType;
  exact: string[];
  regex: string[];
}

export interface Upstream {
  url: string;
  /** Header set on forwarded requests, e.g. `authorization`, value from `valueFromEnv` (never in YAML). */
  headers: Record<string, { valueFromEnv?: string; value?: string }>;
  timeoutMs?: number;
}

export type OnDetectorError = 'block' | 'redact_all';

/** A policy after `extends:` was resolved and every field validated. Immutable once built. */
export interface Policy {
  /** Tenant name for tenant files, profile name for base profiles. */
  id: string;
  /** sha256 (first 16 hex) of the normalized resolved content; travels with every result. */
  version: string;
  tenant?: string;
  /** The chain of profiles this policy extends, nearest first. */
  extends: string[];
  description?: string;
  /** Global minimum score. */
  threshold: number;
  /** Rule for a detected type that `entities` does not list. */
  defaultRule: EntityRule;
  entities: Partial<Record<EntityType, EntityRule>>;
  detectors: Record<string, DetectorRule>;
  allow: ListEntry;
  deny: DenyEntry[];
  customPatterns: CustomPattern[];
  /** JSON paths to scan (`messages[*].content`, `input`, `**`); empty = every string value. */
  paths: string[];
  onDetectorError: OnDetectorError;
  /** Entity types whose findings are looked up again in every scanned string of the request (empty: off). */
  propagateMentions: EntityType[];
  /** Per-request detector deadline. */
  detectorTimeoutMs: number;
  upstreams: Record<string, Upstream>;
  /** Restore vault tokens in upstream responses. */
  restore: boolean;
  /** Vault token lifetime in seconds. */
  vaultTtlSeconds: number;
  /** Path of the YAML file it came from (for error messages and `policy show`). */
  source?: string;
}

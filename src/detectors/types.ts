import type { EntityType } from './entities';

/**
 * One finding. Offsets are UTF-16 code-unit indices into the scanned text: `text.slice(start, end)` is the
 * finding. A detection never carries the text itself, so nothing downstream can copy a value by accident.
 */
export interface Detection {
  entity: EntityType;
  start: number;
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** `kind.name`, e.g. `pattern.us-ssn`, `ner.phi-ner-small`, `custom.<policy-pattern-name>`. */
  detectorId: string;
}

export type DetectorKind = 'pattern' | 'ner' | 'custom';

/** Per-call options a detector may use. All optional; detectors must work with `{}`. */
export interface DetectOptions {
  /**
   * Extra context words per entity type (from the policy), lower-case. Pattern detectors with weak patterns
   * raise their score when one of their own or these words occurs near the match.
   */
  contextWords?: Partial<Record<EntityType, readonly string[]>>;
  /** Abort signal: set when the analysis deadline has passed; long-running detectors should stop. */
  signal?: AbortSignal;
}

/**
 * The one interface every detector implements: deterministic patterns, the NER model, and custom patterns a
 * policy declares. Adding a detector is one `registry.register(detector)` call; the policy enables/disables it by
 * `id` and sets its threshold.
 */
export interface Detector {
  readonly id: string;
  readonly kind: DetectorKind;
  /** Entity types this detector can emit. */
  readonly entities: readonly EntityType[];
  /** Human-readable one-liner for `policy show` and /readyz. */
  readonly description?: string;
  /** Default: true. A detector that is `enabledByDefault: false` runs only when a policy turns it on. */
  readonly enabledByDefault?: boolean;
  detect(text: string, options: DetectOptions): Detection[] | Promise<Detection[]>;
  /** Optional one-off warm-up (load a model, run one inference). */
  warmup?(): Promise<void>;
  /** Optional: model name/version etc. for /readyz and analyze responses. */
  info?(): Record<string, unknown>;
}

import type { EntityType } from '../detectors/entities';
import type { Detection } from '../detectors/types';
import type { OperatorName } from '../operators/types';

/** What the engine accepts: plain text, or any JSON document (every string value scanned, or the policy's paths). */
export type Payload = { text: string } | { json: unknown };

/** A detection located in the payload: `path` is `''` for plain text, else e.g. `messages[2].content`. */
export interface LocatedDetection extends Detection {
  path: string;
}

/**
 * What was redacted, emitted by the same right-to-left loop that applies operators. Offsets are into the
 * ORIGINAL segment text. Never holds the value; `valueDigest` is an HMAC under the tenant's audit key (for the
 * audit trail only — API responses omit it).
 */
export interface RedactionItem {
  path: string;
  entity: EntityType;
  start: number;
  end: number;
  operator: OperatorName;
  detectorId: string;
  score: number;
  valueDigest: string;
}

export interface PolicyRef {
  id: string;
  version: string;
}

export interface AnalyzeResult {
  entities: LocatedDetection[];
  policy: PolicyRef;
  /** NER models that ran, `{ id, version }`. */
  models: Array<{ id: string; version: string }>;
}

export interface RedactResult {
  /** Same shape as the input: `text` for text, `json` for JSON. */
  text?: string;
  json?: unknown;
  items: RedactionItem[];
  policy: PolicyRef;
  models: Array<{ id: string; version: string }>;
  /** The session used for tokens/date shifts (given or generated). */
  session: string;
  /** True when `on_detector_error: redact_all` replaced every scanned string because a detector failed. */
  degraded: boolean;
}

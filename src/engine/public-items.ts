import type { RedactionItem } from './types';

/** Form of redaction items in API responses and CLI output: the digest is for the audit trail only. */
export function publicItems(items: readonly RedactionItem[]) {
  return items.map((i) => ({ path: i.path, type: i.entity, start: i.start, end: i.end, operator: i.operator, detector: i.detectorId, score: i.score }));
}

import type { Detection } from '../detectors/types';

/**
 * Resolve overlapping findings so that each character is replaced at most once:
 * - identical or contained spans → one finding (the higher score; on a tie the longer span);
 * - partially overlapping spans → one finding covering both spans, typed by the higher score, so that no part of
 *   either finding is left in the clear.
 * Output is sorted by start and non-overlapping.
 */
export function resolveConflicts(detections: readonly Detection[]): Detection[] {
  const sorted = [...detections].sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const out: Detection[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (!last || d.start >= last.end) {
      out.push({ ...d });
      continue;
    }
    const winner = d.score > last.score || (d.score === last.score && d.end - d.start > last.end - last.start) ? d : last;
    out[out.length - 1] = { ...winner, start: Math.min(last.start, d.start), end: Math.max(last.end, d.end) };
  }
  return out;
}

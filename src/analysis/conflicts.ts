import type { Detection } from '../detectors/types';

/**
 * Resolve overlapping findings so that each character is replaced at most once:
 * - identical or contained spans → one finding (the higher score; on a tie the longer span);
 * - partially overlapping spans → one finding covering both spans, typed by the higher score, so that no part of
 *   either finding is left in the clear.
 * With `protects` (does the policy change this finding's text, i.e. is its operator other than `keep`?), a finding
 * that is protected wins over one that is kept, whatever their scores: under a policy that keeps ORGANIZATION, the
 * model's ORGANIZATION guess on "ABC-998-7712" must not carry a health plan id found on the same span out in the clear.
 * Output is sorted by start and non-overlapping.
 */
export function resolveConflicts(detections: readonly Detection[], protects?: (d: Detection) => boolean): Detection[] {
  const sorted = [...detections].sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const out: Detection[] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (!last || d.start >= last.end) {
      out.push({ ...d });
      continue;
    }
    const winner = wins(d, last, protects) ? d : last;
    out[out.length - 1] = { ...winner, start: Math.min(last.start, d.start), end: Math.max(last.end, d.end) };
  }
  return out;
}

/** Whether `d` types the merged finding instead of `last`: protection first (with `protects`), then score, then length. */
function wins(d: Detection, last: Detection, protects: ((d: Detection) => boolean) | undefined): boolean {
  if (protects !== undefined) {
    const mine = protects(d);
    if (mine !== protects(last)) return mine;
  }
  return d.score > last.score || (d.score === last.score && d.end - d.start > last.end - last.start);
}

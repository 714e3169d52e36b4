import type { Detection, Detector } from '../detectors/types';
import { DetectorError } from '../errors';
import type { Policy } from '../policy/types';
import type { CompiledPolicy } from './compiled-policy';
import { resolveConflicts } from './conflicts';

/** The request's deadline: one abort listener per request, shared by every detector run. */
export interface Deadline {
  signal: AbortSignal;
  /** Rejects when the signal aborts. */
  expired: Promise<never>;
}

export function deadlineOf(signal: AbortSignal): Deadline {
  const expired = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  expired.catch(() => undefined); // observed through Promise.race below
  return { signal, expired };
}

/** Run one detector under the request's deadline; any failure names the detector, never the text. */
async function runDetector(detector: Detector, text: string, compiled: CompiledPolicy, deadline: Deadline): Promise<Detection[]> {
  const { signal } = deadline;
  if (signal.aborted) throw new DetectorError(detector.id, 'timeout');
  try {
    return await Promise.race([Promise.resolve().then(() => detector.detect(text, { contextWords: compiled.contextWords, signal })), deadline.expired]);
  } catch (err) {
    if (err instanceof DetectorError) throw err;
    throw new DetectorError(detector.id, signal.aborted ? 'timeout' : 'error', { cause: err });
  }
}

/** Thresholds (detector, then entity or policy-wide) and the allow list. */
function keep(d: Detection, text: string, policy: Policy, compiled: CompiledPolicy): boolean {
  if (d.score < (policy.detectors[d.detectorId]?.threshold ?? 0)) return false;
  if (d.score < (policy.entities[d.entity]?.threshold ?? policy.threshold)) return false;
  return compiled.allow.empty || !compiled.allow.allows(text.slice(d.start, d.end));
}

/**
 * All findings in one text under a policy: every active detector runs (in parallel where async), findings are
 * filtered by thresholds and the allow list, then overlaps are resolved. Throws `DetectorError` if any detector
 * throws or the deadline passes — the caller blocks the request (fail closed).
 */
export async function analyzeText(text: string, policy: Policy, compiled: CompiledPolicy, deadline: Deadline): Promise<Detection[]> {
  if (text.length === 0) return [];
  const results = await Promise.all(compiled.detectors.map((d) => runDetector(d, text, compiled, deadline)));
  const kept = results.flat().filter((d) => d.start >= 0 && d.end <= text.length && d.start < d.end && keep(d, text, policy, compiled));
  return resolveConflicts(kept);
}

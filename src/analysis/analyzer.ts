import type { Detection, Detector } from '../detectors/types';
import { DetectorError } from '../errors';
import type { Policy } from '../policy/types';
import type { CompiledPolicy } from './compiled-policy';
import { resolveConflicts } from './conflicts';

/** Run one detector under the request's deadline; any failure names the detector, never the text. */
async function runDetector(detector: Detector, text: string, compiled: CompiledPolicy, signal: AbortSignal): Promise<Detection[]> {
  if (signal.aborted) throw new DetectorError(detector.id, 'timeout');
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new DetectorError(detector.id, 'timeout'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([Promise.resolve().then(() => detector.detect(text, { contextWords: compiled.contextWords, signal })), aborted]);
  } catch (err) {
    if (err instanceof DetectorError) throw err;
    throw new DetectorError(detector.id, signal.aborted ? 'timeout' : 'error', { cause: err });
  } finally {
    signal.removeEventListener('abort', onAbort!);
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
export async function analyzeText(text: string, policy: Policy, compiled: CompiledPolicy, signal: AbortSignal): Promise<Detection[]> {
  if (text.length === 0) return [];
  const results = await Promise.all(compiled.detectors.map((d) => runDetector(d, text, compiled, signal)));
  const kept = results.flat().filter((d) => d.start >= 0 && d.end <= text.length && d.start < d.end && keep(d, text, policy, compiled));
  return resolveConflicts(kept);
}

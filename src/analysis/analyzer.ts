import type { Detection, DetectOptions } from '../detectors/types';
import { DetectorError } from '../errors';
import type { Policy } from '../policy/types';
import type { CompiledPolicy } from './compiled-policy';
import type { Deadline } from './deadline';
import { resolveConflicts } from './conflicts';
import { withMentions } from './mention-propagation';

/** Whether the policy changes this finding's text: its entity's operator (or the default one) is not `keep`. */
function protects(policy: Policy): (d: Detection) => boolean {
  return (d) => (policy.entities[d.entity] ?? policy.defaultRule).operator !== 'keep';
}

/** Thresholds (detector, then entity or policy-wide) and the allow list. */
function keep(d: Detection, text: string, policy: Policy, compiled: CompiledPolicy): boolean {
  if (d.score < (policy.detectors[d.detectorId]?.threshold ?? 0)) return false;
  if (d.score < (policy.entities[d.entity]?.threshold ?? policy.threshold)) return false;
  return compiled.allow.empty || !compiled.allow.allows(text.slice(d.start, d.end));
}

/**
 * All findings in one text under a policy. Synchronous detectors (patterns) run inline, with a clock check after
 * each; asynchronous ones (the NER model) run concurrently under the request's deadline. Findings are filtered by
 * thresholds and the allow list, then overlaps are resolved, a finding the policy protects winning over one it keeps.
 * Throws `DetectorError` if any detector throws or the deadline passes — the caller blocks the request (fail closed).
 */
export async function analyzeText(text: string, policy: Policy, compiled: CompiledPolicy, deadline: Deadline): Promise<Detection[]> {
  if (text.length === 0) return [];
  const options: DetectOptions = {
    contextWords: compiled.contextWords,
    get signal() {
      return deadline.signal;
    },
  };
  const found: Detection[] = [];
  const pending: Array<Promise<Detection[]>> = [];
  for (const detector of compiled.detectors) {
    let result: Detection[] | Promise<Detection[]>;
    try {
      result = detector.detect(text, options);
    } catch (err) {
      throw new DetectorError(detector.id, deadline.passed() ? 'timeout' : 'error', { cause: err });
    }
    if (Array.isArray(result)) {
      deadline.check(detector.id);
      for (const d of result) found.push(d);
    } else pending.push(deadline.race(detector.id, result));
  }
  for (const result of await Promise.all(pending)) for (const d of result) found.push(d);
  return resolveConflicts(
    found.filter((d) => d.start >= 0 && d.end <= text.length && d.start < d.end && keep(d, text, policy, compiled)),
    protects(policy),
  );
}

/**
 * All findings in the scanned strings of one request: each analysed as above, then the names found are looked up
 * again across all of them (`policy.propagateMentions`, see `propagateMentions`); the added findings pass the same
 * thresholds and allow list, and overlaps are resolved again.
 */
export async function analyzeTexts(texts: readonly string[], policy: Policy, compiled: CompiledPolicy, deadline: Deadline): Promise<Detection[][]> {
  const found = await Promise.all(texts.map((t) => analyzeText(t, policy, compiled, deadline)));
  return withMentions(texts, found, policy.propagateMentions, (d, text) => keep(d, text, policy, compiled), protects(policy));
}

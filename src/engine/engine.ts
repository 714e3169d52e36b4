import { randomUUID } from 'node:crypto';
import { analyzeTexts } from '../analysis/analyzer';
import { Deadline } from '../analysis/deadline';
import { compilePolicy, type CompiledPolicy } from '../analysis/compiled-policy';
import { anonymizeText } from '../anonymize/anonymizer';
import type { DetectorRegistry } from '../detectors/registry';
import type { Detection } from '../detectors/types';
import { DetectorError } from '../errors';
import type { KeyRing } from '../keys/key-ring';
import type { OperatorContext } from '../operators/types';
import { extractSegments, replaceSegments, type Segment } from '../payload/segments';
import type { Policy } from '../policy/types';
import type { VaultStore } from '../vault/types';
import { decryptValues, restoreTokens } from './restore';
import type { AnalyzeResult, LocatedDetection, Payload, RedactResult, RedactionItem } from './types';

export interface EngineDeps {
  registry: DetectorRegistry;
  keys: KeyRing;
  /** Needed for `tokenize` and restore. */
  vault?: VaultStore;
  now?: () => number;
}

export interface Engine {
  analyze(payload: Payload, policy: Policy, opts?: { signal?: AbortSignal }): Promise<AnalyzeResult>;
  redact(payload: Payload, policy: Policy, opts: { tenant: string; session?: string; signal?: AbortSignal }): Promise<RedactResult>;
  check(payload: Payload, policy: Policy): Promise<{ compliant: boolean; counts: Record<string, number> }>;
  restore(text: string, opts: { tenant: string; session: string }): Promise<{ text: string; restored: number }>;
  restoreJson(json: unknown, opts: { tenant: string; session: string }): Promise<{ json: unknown; restored: number }>;
  /** Admin re-identification of `encrypt`ed values; reads the tenant's key salt afresh (a shred elsewhere counts at once). */
  decrypt(text: string, opts: { tenant: string }): Promise<{ text: string; restored: number }>;
  decryptJson(json: unknown, opts: { tenant: string }): Promise<{ json: unknown; restored: number }>;
  models(): Array<{ id: string; version: string }>;
}

const REDACTED_ALL = '<REDACTED>';

function segmentsOf(payload: Payload, policy: Policy): Segment[] {
  return 'text' in payload ? [{ path: '', text: payload.text }] : extractSegments(payload.json, policy.paths);
}

/** Rewrite every string segment of `json` with `fn` (one at a time, in order); `restored` is the sum of `fn`'s. */
async function mapSegments(
  json: unknown,
  fn: (text: string) => Promise<{ text: string; restored: number }> | { text: string; restored: number },
): Promise<{ json: unknown; restored: number }> {
  let restored = 0;
  const replacements = new Map<string, string>();
  for (const s of extractSegments(json)) {
    const r = await fn(s.text);
    if (r.restored) replacements.set(s.path, r.text);
    restored += r.restored;
  }
  return { json: replaceSegments(json, replacements), restored };
}

/**
 * The detection and redaction engine: payload → segments → detectors → thresholds/allow list/conflicts →
 * operators (right to left) → same-shape payload + redaction items. Stateless apart from a per-policy cache.
 */
export function createEngine(deps: EngineDeps): Engine {
  const compiledCache = new WeakMap<Policy, CompiledPolicy>();
  const now = deps.now ?? Date.now;

  const compiled = (policy: Policy) => {
    let c = compiledCache.get(policy);
    if (!c) compiledCache.set(policy, (c = compilePolicy(policy, deps.registry)));
    return c;
  };

  /** Analyse every segment under one deadline (the policy's detector timeout); names propagate across segments. */
  async function detectAll(segments: Segment[], policy: Policy, outer?: AbortSignal): Promise<Detection[][]> {
    const c = compiled(policy);
    const deadline = new Deadline(policy.detectorTimeoutMs, outer);
    return analyzeTexts(segments.map((s) => s.text), policy, c, deadline);
  }

  function models(): Array<{ id: string; version: string }> {
    return deps.registry
      .list()
      .filter((d) => d.kind === 'ner')
      .map((d) => ({ id: d.id, version: String(d.info?.().version ?? 'unknown') }));
  }

  const policyRef = (p: Policy) => ({ id: p.id, version: p.version });

  async function redact(payload: Payload, policy: Policy, opts: { tenant: string; session?: string; signal?: AbortSignal }): Promise<RedactResult> {
    const session = opts.session ?? randomUUID();
    const segments = segmentsOf(payload, policy);
    let found: Detection[][];
    try {
      found = await detectAll(segments, policy, opts.signal);
    } catch (err) {
      if (!(err instanceof DetectorError) || policy.onDetectorError !== 'redact_all') throw err;
      // The tenant chose a stricter fallback over blocking: every scanned string is withheld.
      const all = new Map(segments.map((s) => [s.path, REDACTED_ALL]));
      return {
        ...('text' in payload ? { text: REDACTED_ALL } : { json: replaceSegments(payload.json, all, policy.paths) }),
        items: [],
        policy: policyRef(policy),
        models: models(),
        session,
        degraded: true,
      };
    }
    await deps.keys.load(opts.tenant);
    const ctx: OperatorContext = { tenant: opts.tenant, session, keys: deps.keys, vault: deps.vault, vaultTtlMs: policy.vaultTtlSeconds * 1000, now };
    const replacements = new Map<string, string>();
    const items: RedactionItem[] = [];
    // Sequential on purpose: `tokenize` must give one token per value within the session.
    for (let i = 0; i < segments.length; i++) {
      if (found[i].length === 0) continue;
      const r = await anonymizeText(segments[i].text, segments[i].path, found[i], policy, ctx);
      replacements.set(segments[i].path, r.text);
      items.push(...r.items);
    }
    return {
      ...('text' in payload ? { text: replacements.get('') ?? payload.text } : { json: replaceSegments(payload.json, replacements, policy.paths) }),
      items,
      policy: policyRef(policy),
      models: models(),
      session,
      degraded: false,
    };
  }

  async function restore(text: string, opts: { tenant: string; session: string }): Promise<{ text: string; restored: number }> {
    if (!deps.vault) return { text, restored: 0 };
    await deps.keys.load(opts.tenant);
    return restoreTokens(text, { ...opts, vault: deps.vault, keys: deps.keys });
  }

  return {
    async analyze(payload, policy, opts) {
      const segments = segmentsOf(payload, policy);
      const found = await detectAll(segments, policy, opts?.signal);
      const entities: LocatedDetection[] = found.flatMap((ds, i) => ds.map((d) => ({ ...d, path: segments[i].path })));
      return { entities, policy: policyRef(policy), models: models() };
    },

    redact,

    async check(payload, policy) {
      const segments = segmentsOf(payload, policy);
      const found = await detectAll(segments, policy);
      const counts: Record<string, number> = {};
      for (const d of found.flat()) {
        const rule = policy.entities[d.entity] ?? policy.defaultRule;
        if (rule.operator !== 'keep') counts[d.entity] = (counts[d.entity] ?? 0) + 1;
      }
      return { compliant: Object.keys(counts).length === 0, counts };
    },

    restore,

    restoreJson(json, opts) {
      return mapSegments(json, (text) => restore(text, opts));
    },

    async decrypt(text, opts) {
      await deps.keys.load(opts.tenant, { fresh: true });
      return decryptValues(text, { tenant: opts.tenant, keys: deps.keys });
    },

    async decryptJson(json, opts) {
      await deps.keys.load(opts.tenant, { fresh: true });
      return mapSegments(json, (text) => decryptValues(text, { tenant: opts.tenant, keys: deps.keys }));
    },

    models,
  };
}

import { contextBefore, DEFAULT_CONTEXT_WINDOW, hasAnyWord } from './context';
import { BUILT_IN_CONTEXT, ContextVocabulary, hasHitIn } from './context-index';
import { isEntityType, type EntityType } from './entities';
import { escapeRegExp } from './escape-regexp';
import { nextIndex } from './next-index';
import type { Detection, DetectOptions, Detector, DetectorKind } from './types';

/**
 * Checks one regex match. `false` rejects it, `true` keeps the pattern's score, a number in [0, 1] replaces it.
 * `m.input` and `m.index` give access to the surrounding text when a rule needs it (e.g. "the word before").
 */
export type MatchValidator = (match: string, m: RegExpExecArray) => boolean | number;

export interface PatternSpec {
  name: string;
  /** A RegExp, or a regex source string compiled with `flags`. Matching is always global. */
  regex: RegExp | string;
  /** Flags for a string `regex` (e.g. "i"); `g` is added, `y` is dropped. */
  flags?: string;
  /** Score in [0, 1] of a match without context. Weak patterns stay below the policy threshold (< 0.4). */
  score: number;
  /** Drop a match unless a context word is near (for generic shapes such as "any 6–12 alphanumerics"). */
  requireContext?: boolean;
  /** Validator for this pattern; overrides the detector's `validate`. */
  validate?: MatchValidator;
  /** Cheap test run once per text; `false` skips this pattern (see the detector-level `prefilter`). */
  prefilter?: (text: string) => boolean;
  /**
   * Report only this capture group ("the number in 'aged 91'"); the validator then sees the group's text. Default 0,
   * the whole match.
   */
  group?: number;
}

export interface PatternDetectorConfig {
  /** `pattern.<kebab-name>` for built-ins, `custom.<name>` for policy-declared patterns. */
  id: string;
  entity: EntityType;
  patterns: readonly PatternSpec[];
  /** Lower-case words that raise a match to `contextScore` when they occur shortly before it. */
  context?: readonly string[];
  /** Score given to a match with context (default 0.85); never lowers a stronger pattern score. */
  contextScore?: number;
  /** Characters looked back for context words (default 40). */
  contextWindow?: number;
  validate?: MatchValidator;
  /** Cheap test run once per text; `false` skips all regexes (e.g. no '@' → no email). */
  prefilter?: (text: string) => boolean;
  /** Default: `custom` for a `custom.` id, else `pattern` (a built-in: its context words join `BUILT_IN_CONTEXT`). */
  kind?: DetectorKind;
  description?: string;
  enabledByDefault?: boolean;
}

/**
 * Texts at least this long consult the abort signal between patterns. A shorter text takes well under a millisecond
 * in all, and reading `options.signal` makes the engine create the request's timer and AbortSignal (analysis/deadline),
 * which costs more than the scan; the engine checks its clock after every synchronous detector anyway.
 */
const ABORT_CHECK_MIN_LENGTH = 16_384;

interface CompiledPattern {
  regex: RegExp;
  score: number;
  requireContext: boolean;
  validate: MatchValidator | undefined;
  prefilter: ((text: string) => boolean) | undefined;
  group: number;
}

function checkScore(score: number, where: string): void {
  if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
    throw new TypeError(`${where}: score must be a number in [0, 1]`);
  }
}

/** A global, non-sticky copy of `regex` owned by the detector (its `lastIndex` is never shared). */
export function compileGlobal(regex: RegExp | string, flags = ''): RegExp {
  const source = typeof regex === 'string' ? regex : regex.source;
  const base = typeof regex === 'string' ? flags : regex.flags;
  const unique = new Set(base.replace(/[gy]/g, ''));
  unique.add('g');
  return new RegExp(source, [...unique].join(''));
}

/**
 * Keeps one detection per overlapping cluster: the higher score wins, then the longer span, then the earlier one.
 * Input in any order; output sorted by start.
 */
export function resolveOverlaps(detections: Detection[]): Detection[] {
  if (detections.length < 2) return detections;
  detections.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Detection[] = [];
  for (const d of detections) {
    const last = kept[kept.length - 1];
    if (last === undefined || d.start >= last.end) {
      kept.push(d);
    } else if (d.score > last.score || (d.score === last.score && d.end - d.start > last.end - last.start)) {
      kept[kept.length - 1] = d;
    }
  }
  return kept;
}

/** Longest rejected match after which the scan resumes at the next character instead of after the match. */
const RETRY_AFTER_REJECT_MAX = 64;

/** Next non-empty match; a zero-length match advances by one code point so that global matching always terminates. */
function nextMatch(re: RegExp, text: string): RegExpExecArray | null {
  for (;;) {
    const m = re.exec(text);
    if (m === null || m[0].length > 0) return m;
    re.lastIndex = nextIndex(text, m.index);
  }
}

/** Start offsets of every occurrence (overlaps included) of the context-word regex. */
function findHits(re: RegExp, text: string): number[] {
  const hits: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    hits.push(m.index);
    re.lastIndex = nextIndex(text, m.index);
  }
  return hits;
}

/**
 * Builds a detector from regexes plus optional validation and context words (GUIDE §3.1). Used for every built-in
 * pattern detector and by the policy loader for `custom.<name>` patterns. Regexes are compiled once, here.
 * Zero-length matches are skipped safely.
 *
 * Context words are located once per text (shared by the built-in detectors, see context-index.ts); a match is only checked for context when one of them starts within
 * `contextWindow` characters before it, and a `requireContext` pattern only runs in the windows after them (unless
 * the policy adds words of its own for this entity, which makes it scan the whole text).
 */
/** The config each detector was built from (`patternDetectorConfig`). */
const CONFIGS = new WeakMap<Detector, PatternDetectorConfig>();

/**
 * The config a detector was built from by `patternDetector`, or undefined for any other detector. Tests rebuild a
 * detector from it without its prefilters, to check that a prefilter never hides a finding.
 */
export function patternDetectorConfig(detector: Detector): PatternDetectorConfig | undefined {
  return CONFIGS.get(detector);
}

export function patternDetector(config: PatternDetectorConfig): Detector {
  const { id, entity } = config;
  if (typeof id !== 'string' || id.length === 0) throw new TypeError('patternDetector: id must be a non-empty string');
  if (!isEntityType(entity)) throw new TypeError(`${id}: entity is not a known entity type`);
  if (!Array.isArray(config.patterns) || config.patterns.length === 0) {
    throw new TypeError(`${id}: patterns must be a non-empty array`);
  }
  const contextScore = config.contextScore ?? 0.85;
  checkScore(contextScore, `${id}: contextScore`);
  const window = config.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  if (!Number.isInteger(window) || window < 0) throw new TypeError(`${id}: contextWindow must be an integer >= 0`);
  const words = (config.context ?? []).map((w) => w.toLowerCase());
  const compiled: CompiledPattern[] = config.patterns.map((p, i) => {
    const where = `${id}: patterns[${i}] (${p.name})`;
    checkScore(p.score, where);
    const group = p.group ?? 0;
    if (!Number.isInteger(group) || group < 0) throw new TypeError(`${where}: group must be an integer >= 0`);
    let regex: RegExp;
    try {
      regex = compileGlobal(p.regex, p.flags);
      if (group > 0 && !regex.hasIndices) regex = new RegExp(regex.source, `${regex.flags}d`);
    } catch {
      throw new TypeError(`${where}: regex is not a valid regular expression`);
    }
    return {
      regex,
      score: p.score,
      requireContext: p.requireContext === true,
      validate: p.validate ?? config.validate,
      prefilter: p.prefilter,
      group,
    };
  });
  const { prefilter } = config;
  const kind = config.kind ?? (id.startsWith('custom.') ? 'custom' : 'pattern');
  // Built-in detectors share one scan per text for their context words (context-index.ts); a policy's custom
  // patterns keep their own.
  const sharedList =
    kind === 'pattern' && words.length > 0 && ContextVocabulary.accepts(words) ? BUILT_IN_CONTEXT.add(words) : undefined;
  const anyContextWord =
    sharedList === undefined && words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|'), 'gi') : null;
  const findContextHits = (text: string): readonly number[] => {
    if (sharedList !== undefined) return BUILT_IN_CONTEXT.hits(sharedList, text);
    return anyContextWord === null ? [] : findHits(anyContextWord, text);
  };

  function detect(text: string, options: DetectOptions): Detection[] {
    const out: Detection[] = [];
    if (text.length === 0 || (prefilter !== undefined && !prefilter(text))) return out;
    const checkAbort = text.length >= ABORT_CHECK_MIN_LENGTH;
    const extra = options.contextWords?.[entity];
    const extraWords = extra !== undefined && extra.length > 0 ? extra : undefined;
    let hits: readonly number[] | undefined;
    const contextHits = (): readonly number[] => (hits ??= findContextHits(text));

    const nearContext = (start: number): boolean => {
      if (extraWords === undefined && !hasHitIn(contextHits(), start - window, start)) return false;
      return hasAnyWord(contextBefore(text, start, window), words, extraWords);
    };

    const consider = (p: CompiledPattern, m: RegExpExecArray): void => {
      let match = m[0];
      let start = m.index;
      if (p.group > 0) {
        const span = m.indices?.[p.group];
        if (span === undefined || span[1] <= span[0]) return;
        match = m[p.group];
        start = span[0];
      }
      let score = p.score;
      if (p.validate !== undefined) {
        const verdict = p.validate(match, m);
        if (verdict === false) {
          // A rejected candidate may have swallowed the start of a valid one ("…-4412 4111 1111 1111 1111": the
          // phone's last group plus a card). Look again from the next position; bounded matches keep this linear.
          if (m[0].length <= RETRY_AFTER_REJECT_MAX) p.regex.lastIndex = nextIndex(text, m.index);
          return;
        }
        if (typeof verdict === 'number') score = Math.min(1, Math.max(0, verdict));
      }
      if (score < contextScore || p.requireContext) {
        const found = nearContext(start);
        if (p.requireContext && !found) return;
        if (found) score = Math.max(score, contextScore);
      }
      out.push({ entity, start, end: start + match.length, score, detectorId: id });
    };

    for (const p of compiled) {
      if (checkAbort && options.signal?.aborted) break;
      if (p.prefilter !== undefined && !p.prefilter(text)) continue;
      const re = p.regex;
      let m: RegExpExecArray | null;
      if (p.requireContext && extraWords === undefined) {
        // Only the stretch after each context word can hold a match with context.
        let scanned = 0;
        for (const hit of contextHits()) {
          re.lastIndex = Math.max(hit, scanned);
          while ((m = nextMatch(re, text)) !== null && m.index <= hit + window) {
            consider(p, m);
            scanned = re.lastIndex;
          }
        }
      } else {
        re.lastIndex = 0;
        while ((m = nextMatch(re, text)) !== null) consider(p, m);
      }
    }
    return resolveOverlaps(out);
  }

  const detector: Detector = {
    id,
    kind,
    entities: [entity],
    description: config.description,
    enabledByDefault: config.enabledByDefault,
    detect,
  };
  CONFIGS.set(detector, config);
  return detector;
}

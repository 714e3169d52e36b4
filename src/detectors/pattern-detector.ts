import { contextBefore, DEFAULT_CONTEXT_WINDOW, hasAnyWord } from './context';
import { isEntityType, type EntityType } from './entities';
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
  kind?: DetectorKind;
  description?: string;
  enabledByDefault?: boolean;
}

interface CompiledPattern {
  regex: RegExp;
  score: number;
  requireContext: boolean;
  validate: MatchValidator | undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/**
 * Builds a detector from regexes plus optional validation and context words (GUIDE §3.1). Used for every built-in
 * pattern detector and by the policy loader for `custom.<name>` patterns. Regexes are compiled once, here.
 * Zero-length matches are skipped safely.
 */
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
  const words = (config.context ?? []).map((w) => w.toLowerCase());
  const compiled: CompiledPattern[] = config.patterns.map((p, i) => {
    checkScore(p.score, `${id}: patterns[${i}]`);
    let regex: RegExp;
    try {
      regex = compileGlobal(p.regex, p.flags);
    } catch {
      throw new TypeError(`${id}: patterns[${i}].regex is not a valid regular expression`);
    }
    return {
      regex,
      score: p.score,
      requireContext: p.requireContext === true,
      validate: p.validate ?? config.validate,
    };
  });
  const { prefilter } = config;
  /** Any context word anywhere in the text: without one, `requireContext` patterns cannot match and are skipped. */
  const anyContextWord = words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|'), 'i') : null;
  const someRequireContext = compiled.some((p) => p.requireContext);

  function detect(text: string, options: DetectOptions): Detection[] {
    if (text.length === 0 || (prefilter !== undefined && !prefilter(text))) return [];
    const extra = options.contextWords?.[entity];
    const out: Detection[] = [];
    const contextPossible =
      someRequireContext && ((extra !== undefined && extra.length > 0) || (anyContextWord?.test(text) ?? false));
    for (const p of compiled) {
      if (options.signal?.aborted) break;
      if (p.requireContext && !contextPossible) continue;
      const re = p.regex;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const match = m[0];
        if (match.length === 0) {
          re.lastIndex++;
          continue;
        }
        let score = p.score;
        if (p.validate !== undefined) {
          const verdict = p.validate(match, m);
          if (verdict === false) continue;
          if (typeof verdict === 'number') score = Math.min(1, Math.max(0, verdict));
        }
        const start = m.index;
        if (score < contextScore || p.requireContext) {
          const found = hasAnyWord(contextBefore(text, start, window), words, extra);
          if (p.requireContext && !found) continue;
          if (found) score = Math.max(score, contextScore);
        }
        out.push({ entity, start, end: start + match.length, score, detectorId: id });
      }
    }
    return resolveOverlaps(out);
  }

  return {
    id,
    kind: config.kind ?? (id.startsWith('custom.') ? 'custom' : 'pattern'),
    entities: [entity],
    description: config.description,
    enabledByDefault: config.enabledByDefault,
    detect,
  };
}

import { formatPath, isSafeKey, matchesPattern, parsePattern, type PathPart } from './paths';

/** Suffix of the path of a segment that is an object key rather than a value: `customer[#0]#key`. */
export const KEY_SUFFIX = '#key';

/** One string of the payload to scan. `path` is '' for a plain-text payload. */
export interface Segment {
  path: string;
  text: string;
}

/** Strings holding a JSON object or array (tool-call arguments) are scanned inside. */
function embeddedJson(s: string): unknown {
  const t = s.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    const v = JSON.parse(s);
    return v !== null && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Walk a JSON value, calling `onString` for every selected string — values, and object keys that do not look like
 * field names (their path ends in `#key`) — and return the value with what `onString` returned in their place.
 * Extraction and write-back use this one walker, so they can never disagree on paths.
 */
function walk(value: unknown, parts: PathPart[], selected: (parts: PathPart[]) => boolean, onString: (path: string, text: string) => string): unknown {
  if (typeof value === 'string') {
    const inner = embeddedJson(value);
    if (inner !== undefined) {
      const rewritten = walk(inner, parts, selected, onString);
      return rewritten === inner ? value : JSON.stringify(rewritten);
    }
    return selected(parts) ? onString(formatPath(parts), value) : value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v, i) => {
      const w = walk(v, [...parts, i], selected, onString);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    Object.entries(value).forEach(([k, v], i) => {
      const safe = isSafeKey(k);
      const keyParts = [...parts, safe ? k : { opaque: i }];
      let key = k;
      if (!safe && selected(keyParts)) {
        key = onString(formatPath(keyParts) + KEY_SUFFIX, k);
        // Two keys redacted to the same text must not overwrite each other.
        for (let n = 2; key !== k && Object.hasOwn(out, key); n++) key = `${key.replace(/~\d+$/, '')}~${n}`;
      }
      const w = walk(v, keyParts, selected, onString);
      if (w !== v || key !== k) changed = true;
      out[key] = w;
    });
    return changed ? out : value;
  }
  return value;
}

function selector(paths: readonly string[]): (parts: PathPart[]) => boolean {
  if (paths.length === 0) return () => true;
  const patterns = paths.map(parsePattern);
  return (parts) => patterns.some((p) => matchesPattern(parts, p));
}

/** Every string value to scan (or those under the policy's `paths`), with its path. */
export function extractSegments(json: unknown, paths: readonly string[] = []): Segment[] {
  const segments: Segment[] = [];
  walk(json, [], selector(paths), (path, text) => {
    segments.push({ path, text });
    return text;
  });
  return segments;
}

/**
 * The same document with the strings at the given paths replaced. Strings that held JSON are re-serialised.
 * The input is not modified.
 */
export function replaceSegments(json: unknown, replacements: ReadonlyMap<string, string>, paths: readonly string[] = []): unknown {
  if (replacements.size === 0) return json;
  return walk(json, [], selector(paths), (path, text) => replacements.get(path) ?? text);
}

/**
 * JSON paths as people write them: `messages[2].content`, `input`, `tool_calls[0].function.arguments.city`.
 * Paths end up in audit records, so a key is written by name only when it looks like a field name (lower-case
 * start, identifier characters, no run of 3+ digits); any other key — `"Jane Doe"`, `"078-05-1120"` — is written by
 * its position in the object, `[#2]`, and scanned like a value (`SAFE_KEY` in `segments.ts`). Policy `paths` may use
 * `*` (one key or index) and `**` (any depth); a pattern also selects everything below what it matches.
 */
export interface OpaqueKey {
  /** Position of the key in its object. */
  opaque: number;
}

export type PathPart = string | number | OpaqueKey;

/** Keys that are written by name in paths and not scanned. */
export const SAFE_KEY = /^[a-z_$][A-Za-z0-9_$-]{0,63}$/;
const DIGIT_RUN = /\d{3}/;

export function isSafeKey(key: string): boolean {
  return SAFE_KEY.test(key) && !DIGIT_RUN.test(key);
}

export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'object') out += `[#${p.opaque}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** Split a policy path pattern into parts; `[*]` and `.*` become '*'. */
export function parsePattern(pattern: string): string[] {
  const parts: string[] = [];
  const re = /\[(\d+|\*)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern)) !== null) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(JSON.parse(`"${m[2]}"`));
    else parts.push(m[3]);
  }
  return parts;
}

/** Whether a concrete path (or something above it) matches a parsed pattern. */
export function matchesPattern(path: readonly PathPart[], pattern: readonly string[], pi = 0, pj = 0): boolean {
  if (pj === pattern.length) return true; // prefix matched: everything below is selected
  if (pi === path.length) return pattern.slice(pj).every((p) => p === '**');
  const p = pattern[pj];
  if (p === '**') return matchesPattern(path, pattern, pi, pj + 1) || matchesPattern(path, pattern, pi + 1, pj);
  const part = path[pi];
  if (p === '*' || (typeof part !== 'object' && p === String(part))) return matchesPattern(path, pattern, pi + 1, pj + 1);
  return false;
}

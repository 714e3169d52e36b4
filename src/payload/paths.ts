/**
 * JSON paths as people write them: `messages[2].content`, `input`, `tool_calls[0].function.arguments.city`.
 * Keys that are not plain identifiers are written `["a key"]`. Policy `paths` may use `*` (one key or index) and
 * `**` (any depth); a pattern also selects everything below what it matches.
 */
export type PathPart = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (IDENT.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
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
  if (p === '*' || p === String(path[pi])) return matchesPattern(path, pattern, pi + 1, pj + 1);
  return false;
}

/**
 * Guard for regular expressions that tenants write in YAML (custom patterns, allow/deny lists). JavaScript's
 * engine backtracks, so a nested quantifier such as `(a+)+` can take exponential time on a crafted
 * input. We reject patterns whose quantified groups themselves contain a quantifier (star height > 1) or
 * back-references; the per-request detector deadline is the second line of defence.
 */
export function unsafeRegexReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  // Walk groups; for each group remember whether it contains a quantifier, and flag when a group that does is
  // itself quantified.
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const hadQuantifier = stack.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || next === '{';
      if (hadQuantifier && quantified && next !== '?') return 'nested quantifiers are not allowed';
      if (stack.length && (hadQuantifier || quantified)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length) stack[stack.length - 1] = true;
  }
  return undefined;
}

'use strict';
/**
 * A sorted word list as a `'a b c ' + …` TypeScript expression, lines of at most 100 characters of words, indented
 * four spaces: what the generated data files under src/detectors/data hold (read back with `.split(' ')`).
 */
function wordList(words) {
  const lines = [];
  let cur = '';
  for (const w of [...words].sort()) {
    if (cur.length + w.length + 1 > 100) {
      lines.push(cur);
      cur = '';
    }
    cur += (cur ? ' ' : '') + w;
  }
  if (cur) lines.push(cur);
  return lines.map((l, i) => `    '${l}${i < lines.length - 1 ? " ' +" : "'"}`).join('\n');
}

module.exports = { wordList };

/**
 * Sequence decoding: the best label path over a whole text's per-token logits, instead of an independent argmax per
 * token. Two sources of transition scores:
 * - the tagging scheme's hard constraints (`I-X` only after `B-X`/`I-X`; with BIOES, `B-X` must end in `E-X`),
 *   derived from the label names — so a model can never emit `B-LOC I-ORG`, which strict span matching would read
 *   as two broken entities;
 * - a CRF's learned transitions, when the model folder's `config.json` carries them (`crf`).
 * Adding a per-token constant to every label's score does not change the best path, so raw logits serve as
 * emissions (log-softmax would give the same path).
 */
import { parseLabel } from './bio';

/** Scores of a linear-chain decoder over `n` labels. `transitions[prev * n + cur]`. */
export interface TransitionScores {
  n: number;
  transitions: Float32Array;
  start: Float32Array;
  end: Float32Array;
}

/** A transition that is not allowed. Finite, so that sums stay comparable, and far below any logit sum. */
export const FORBIDDEN = -1e4;

/**
 * Hard constraints of the label set's scheme. A continuation tag (`I-`, `E-`) is constrained only when the same
 * type also has a `B-` label: prefix-less IO labels (parsed as `I-`) stay unconstrained. With BIOES labels a `B-`
 * or `I-` must be continued, and `S-`/`B-`/`O` cannot follow an open `B-`/`I-`.
 */
export function schemeConstraints(labels: readonly string[]): TransitionScores {
  const n = labels.length;
  const parsed = labels.map(parseLabel);
  const begins = new Set(parsed.filter((p) => p.tag === 'B').map((p) => p.type));
  const bioes = parsed.some((p) => p.tag === 'E' || p.tag === 'S');
  const continues = (i: number) => (parsed[i].tag === 'I' || parsed[i].tag === 'E') && begins.has(parsed[i].type);
  const open = (i: number) => bioes && (parsed[i].tag === 'B' || parsed[i].tag === 'I') && begins.has(parsed[i].type);
  const transitions = new Float32Array(n * n);
  const start = new Float32Array(n);
  const end = new Float32Array(n);
  for (let cur = 0; cur < n; cur++) {
    if (continues(cur)) start[cur] = FORBIDDEN;
    if (open(cur)) end[cur] = FORBIDDEN;
    for (let prev = 0; prev < n; prev++) {
      let ok: boolean;
      if (continues(cur)) ok = (parsed[prev].tag === 'B' || parsed[prev].tag === 'I') && parsed[prev].type === parsed[cur].type;
      else ok = !open(prev);
      if (!ok) transitions[prev * n + cur] = FORBIDDEN;
    }
  }
  return { n, transitions, start, end };
}

/** Element-wise sum of two score sets over the same labels (a CRF's learned scores plus the scheme's constraints). */
export function addScores(a: TransitionScores, b: TransitionScores): TransitionScores {
  if (a.n !== b.n) throw new RangeError('transition scores differ in label count');
  const sum = (x: Float32Array, y: Float32Array) => x.map((v, i) => v + y[i]);
  return { n: a.n, transitions: sum(a.transitions, b.transitions), start: sum(a.start, b.start), end: sum(a.end, b.end) };
}

/**
 * Best path through `length` rows of `scores.n` emissions (`emissions[t * n + k]`). Returns one label index per row.
 * O(length · n²) time, O(length · n) memory.
 */
export function viterbi(emissions: ArrayLike<number>, length: number, scores: TransitionScores): Int32Array {
  const { n, transitions, start, end } = scores;
  if (emissions.length < length * n) throw new RangeError('emissions are shorter than length × labels');
  const path = new Int32Array(length);
  if (length === 0) return path;
  const back = new Int32Array(length * n);
  let prevScore = new Float64Array(n);
  let curScore = new Float64Array(n);
  for (let i = 0; i < length * n; i++) {
    if (!Number.isFinite(emissions[i])) throw new Error('model produced non-finite logits');
  }
  for (let k = 0; k < n; k++) prevScore[k] = start[k] + emissions[k];
  for (let t = 1; t < length; t++) {
    for (let cur = 0; cur < n; cur++) {
      let best = -Infinity;
      let arg = 0;
      for (let prev = 0; prev < n; prev++) {
        const v = prevScore[prev] + transitions[prev * n + cur];
        if (v > best) {
          best = v;
          arg = prev;
        }
      }
      curScore[cur] = best + emissions[t * n + cur];
      back[t * n + cur] = arg;
    }
    [prevScore, curScore] = [curScore, prevScore];
  }
  let best = -Infinity;
  let arg = 0;
  for (let k = 0; k < n; k++) {
    const v = prevScore[k] + end[k];
    if (v > best) {
      best = v;
      arg = k;
    }
  }
  path[length - 1] = arg;
  for (let t = length - 1; t > 0; t--) path[t - 1] = back[t * n + path[t]];
  return path;
}

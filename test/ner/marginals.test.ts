import { crfMarginals } from '../../src/detectors/ner/marginals';
import { schemeConstraints, type TransitionScores } from '../../src/detectors/ner/viterbi';
import { rng } from '../helpers/rng';

/** Marginals by enumerating every path: exp(score(path)) / Z, summed per (t, k). */
function bruteForce(em: number[], length: number, s: TransitionScores): number[] {
  const { n } = s;
  const out = new Array<number>(length * n).fill(0);
  let z = 0;
  const path = new Array<number>(length).fill(0);
  const total = n ** length;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let t = 0; t < length; t++) {
      path[t] = c % n;
      c = Math.floor(c / n);
    }
    let score = s.start[path[0]] + em[path[0]] + s.end[path[length - 1]];
    for (let t = 1; t < length; t++) score += s.transitions[path[t - 1] * n + path[t]] + em[t * n + path[t]];
    const w = Math.exp(score);
    z += w;
    for (let t = 0; t < length; t++) out[t * n + path[t]] += w;
  }
  return out.map((x) => x / z);
}

describe('crfMarginals', () => {
  it('equals enumeration over every path on random scores', () => {
    const next = rng(3);
    for (let trial = 0; trial < 20; trial++) {
      const n = 2 + Math.floor(next() * 3);
      const length = 1 + Math.floor(next() * 5);
      const rand = (k: number) => Float32Array.from({ length: k }, () => 4 * next() - 2);
      const s: TransitionScores = { n, transitions: rand(n * n), start: rand(n), end: rand(n) };
      const em = Array.from({ length: length * n }, () => 6 * next() - 3);
      const got = crfMarginals(em, length, s);
      const want = bruteForce(em, length, s);
      want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 9));
    }
  });

  it('is each row\'s softmax when there are no transition scores', () => {
    const n = 3;
    const zero: TransitionScores = { n, transitions: new Float32Array(9), start: new Float32Array(3), end: new Float32Array(3) };
    const em = [2, 0, -1, 0.5, 0.5, 3];
    const got = crfMarginals(em, 2, zero);
    for (let t = 0; t < 2; t++) {
      const row = em.slice(t * n, t * n + n);
      const z = row.reduce((a, b) => a + Math.exp(b), 0);
      row.forEach((x, k) => expect(got[t * n + k]).toBeCloseTo(Math.exp(x) / z, 12));
    }
  });

  it('gives a forbidden label (I- with no B- before it) no mass, and a B- the mass its I- lends it', () => {
    const labels = ['O', 'B-PER', 'I-PER'];
    const s = schemeConstraints(labels);
    // token 0 alone would be O; token 1 is strongly I-PER, which only B-PER or I-PER may precede
    const em = [1, 0, 3, -2, -2, 4];
    const got = crfMarginals(em, 2, s);
    expect(got[2]).toBeLessThan(1e-9); // I-PER cannot open the text
    expect(got[1]).toBeGreaterThan(0.5); // B-PER, though its own logit is below O's
    for (let t = 0; t < 2; t++) expect(got[t * 3] + got[t * 3 + 1] + got[t * 3 + 2]).toBeCloseTo(1, 12);
  });

  it('stays finite for long texts and large logits, and returns nothing for an empty one', () => {
    const labels = ['O', 'B-PER', 'I-PER'];
    const s = schemeConstraints(labels);
    const length = 5000;
    const em = Array.from({ length: length * 3 }, (_, i) => ((i * 7919) % 13) * 40 - 200);
    const got = crfMarginals(em, length, s);
    expect(got.every((x) => Number.isFinite(x) && x >= 0 && x <= 1 + 1e-9)).toBe(true);
    expect(crfMarginals([], 0, s)).toHaveLength(0);
  });
});

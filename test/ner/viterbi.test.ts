import { FORBIDDEN, addScores, schemeConstraints, viterbi, type TransitionScores } from '../../src/detectors/ner/viterbi';

const BIO = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'];
const ix = (labels: string[], l: string) => labels.indexOf(l);
const trans = (s: TransitionScores, labels: string[], prev: string, cur: string) =>
  s.transitions[ix(labels, prev) * s.n + ix(labels, cur)];

/** Score of one path, for brute-force checks. */
function pathScore(em: number[][], path: number[], s: TransitionScores): number {
  let v = s.start[path[0]] + em[0][path[0]] + s.end[path[path.length - 1]];
  for (let t = 1; t < path.length; t++) v += s.transitions[path[t - 1] * s.n + path[t]] + em[t][path[t]];
  return v;
}

function* allPaths(len: number, n: number): Generator<number[]> {
  const p = new Array<number>(len).fill(0);
  for (;;) {
    yield [...p];
    let i = len - 1;
    while (i >= 0 && p[i] === n - 1) p[i--] = 0;
    if (i < 0) return;
    p[i]++;
  }
}

/** Small deterministic PRNG so the property test is reproducible. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 8 - 4;
}

describe('schemeConstraints', () => {
  it('BIO: I-X only after B-X or I-X, never first; anything may end', () => {
    const s = schemeConstraints(BIO);
    expect(trans(s, BIO, 'B-PER', 'I-PER')).toBe(0);
    expect(trans(s, BIO, 'I-PER', 'I-PER')).toBe(0);
    expect(trans(s, BIO, 'O', 'I-PER')).toBe(FORBIDDEN);
    expect(trans(s, BIO, 'B-LOC', 'I-PER')).toBe(FORBIDDEN);
    expect(trans(s, BIO, 'I-ORG', 'I-LOC')).toBe(FORBIDDEN);
    expect(trans(s, BIO, 'I-PER', 'B-PER')).toBe(0);
    expect(trans(s, BIO, 'O', 'B-LOC')).toBe(0);
    expect(s.start[ix(BIO, 'I-LOC')]).toBe(FORBIDDEN);
    expect(s.start[ix(BIO, 'B-LOC')]).toBe(0);
    expect([...s.end].every((v) => v === 0)).toBe(true);
  });

  it('BIOES: a B-/I- must be continued and closed by E-', () => {
    const L = ['O', 'B-PER', 'I-PER', 'E-PER', 'S-PER'];
    const s = schemeConstraints(L);
    expect(trans(s, L, 'B-PER', 'E-PER')).toBe(0);
    expect(trans(s, L, 'B-PER', 'O')).toBe(FORBIDDEN);
    expect(trans(s, L, 'I-PER', 'S-PER')).toBe(FORBIDDEN);
    expect(trans(s, L, 'E-PER', 'B-PER')).toBe(0);
    expect(trans(s, L, 'O', 'E-PER')).toBe(FORBIDDEN);
    expect(s.end[ix(L, 'B-PER')]).toBe(FORBIDDEN);
    expect(s.end[ix(L, 'E-PER')]).toBe(0);
    expect(s.start[ix(L, 'E-PER')]).toBe(FORBIDDEN);
  });

  it('prefix-less IO labels stay unconstrained', () => {
    const s = schemeConstraints(['O', 'PER', 'LOC']);
    expect([...s.transitions, ...s.start, ...s.end].every((v) => v === 0)).toBe(true);
  });

  it('addScores sums element-wise and refuses different label counts', () => {
    const a = schemeConstraints(BIO);
    const b: TransitionScores = { n: BIO.length, transitions: new Float32Array(49).fill(1), start: new Float32Array(7).fill(2), end: new Float32Array(7).fill(3) };
    const s = addScores(a, b);
    expect(trans(s, BIO, 'B-PER', 'I-PER')).toBe(1);
    expect(trans(s, BIO, 'O', 'I-PER')).toBe(FORBIDDEN + 1);
    expect(s.start[0]).toBe(2);
    expect(s.end[0]).toBe(3);
    expect(() => addScores(a, schemeConstraints(['O']))).toThrow(RangeError);
  });
});

describe('viterbi', () => {
  it('turns an argmax of B-LOC I-ORG into one well-formed entity', () => {
    // "Chicago Purchasing Managers": argmax per token would say B-LOC, I-ORG, I-ORG (two broken spans)
    const em = [
      [0, 0, 0, 3.0, 0, 2.6, 0],
      [0, 0, 0, 0, 0.5, 0, 2.0],
      [0, 0, 0, 0, 0.2, 0, 1.8],
    ];
    const path = viterbi(em.flat(), 3, schemeConstraints(BIO));
    expect([...path].map((k) => BIO[k])).toEqual(['B-ORG', 'I-ORG', 'I-ORG']);
  });

  it('never starts with I-X, even when I-X has the highest score', () => {
    const path = viterbi([0, 1, 5, 0, 0, 0, 0], 1, schemeConstraints(BIO));
    expect(BIO[path[0]]).toBe('B-PER');
  });

  it('finds the highest-scoring path (brute force over every path, random scores and transitions)', () => {
    const L = ['O', 'B-PER', 'I-PER', 'B-LOC'];
    const r = rng(7);
    for (let trial = 0; trial < 40; trial++) {
      const len = 1 + (trial % 5);
      const em = Array.from({ length: len }, () => L.map(() => r()));
      const learned: TransitionScores = {
        n: L.length,
        transitions: Float32Array.from({ length: 16 }, r),
        start: Float32Array.from({ length: 4 }, r),
        end: Float32Array.from({ length: 4 }, r),
      };
      const s = trial % 2 ? addScores(schemeConstraints(L), learned) : learned;
      const got = [...viterbi(em.flat(), len, s)];
      let best = -Infinity;
      for (const p of allPaths(len, L.length)) best = Math.max(best, pathScore(em, p, s));
      expect(pathScore(em, got, s)).toBeCloseTo(best, 4);
    }
  });

  it('handles empty input and rejects short or non-finite emissions', () => {
    expect(viterbi([], 0, schemeConstraints(BIO)).length).toBe(0);
    expect(() => viterbi([0, 0], 1, schemeConstraints(BIO))).toThrow(RangeError);
    expect(() => viterbi([Number.NaN, 0, 0, 0, 0, 0, 0], 1, schemeConstraints(BIO))).toThrow(/non-finite/);
  });
});

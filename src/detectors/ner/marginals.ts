/**
 * Posterior marginals of a linear-chain decoder: p(label_t = k | the whole text) by forward-backward in log space, over
 * the same emissions and transition scores that `viterbi` decodes with. Where a model was trained with a CRF on its
 * logits (phi-ner-small), this is the model's own probability of each token's label, transitions included; a
 * token's softmax ignores its neighbours ("Olusegun" alone reads as O 0.63, B-PER 0.23, while the CRF, seeing
 * "Adeyemi" tagged I-PER after it, makes B-PER more likely).
 */
import type { TransitionScores } from './viterbi';

function logSumExp(values: Float64Array, count: number): number {
  let max = -Infinity;
  for (let i = 0; i < count; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/**
 * Marginals of `length` rows of `scores.n` emissions (`emissions[t * n + k]`): `out[t * n + k]`, each row summing to 1.
 * O(length · n²) time, O(length · n) memory.
 */
export function crfMarginals(emissions: ArrayLike<number>, length: number, scores: TransitionScores): Float64Array {
  const { n, transitions, start, end } = scores;
  if (emissions.length < length * n) throw new RangeError('emissions are shorter than length × labels');
  const out = new Float64Array(length * n);
  if (length === 0) return out;
  const alpha = new Float64Array(length * n);
  const beta = new Float64Array(length * n);
  const tmp = new Float64Array(n);
  for (let k = 0; k < n; k++) alpha[k] = start[k] + emissions[k];
  for (let t = 1; t < length; t++) {
    for (let cur = 0; cur < n; cur++) {
      for (let prev = 0; prev < n; prev++) tmp[prev] = alpha[(t - 1) * n + prev] + transitions[prev * n + cur];
      alpha[t * n + cur] = logSumExp(tmp, n) + emissions[t * n + cur];
    }
  }
  for (let k = 0; k < n; k++) beta[(length - 1) * n + k] = end[k];
  for (let t = length - 2; t >= 0; t--) {
    for (let prev = 0; prev < n; prev++) {
      for (let cur = 0; cur < n; cur++) {
        tmp[cur] = transitions[prev * n + cur] + emissions[(t + 1) * n + cur] + beta[(t + 1) * n + cur];
      }
      beta[t * n + prev] = logSumExp(tmp, n);
    }
  }
  for (let k = 0; k < n; k++) tmp[k] = alpha[(length - 1) * n + k] + end[k];
  const logZ = logSumExp(tmp, n);
  for (let i = 0; i < length * n; i++) out[i] = Math.exp(alpha[i] + beta[i] - logZ);
  return out;
}

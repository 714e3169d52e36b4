/**
 * Fakes for NER tests that need no onnxruntime: a whitespace featurizer whose ids are vocabulary indices and a
 * classifier whose logits for a token depend only on its id (so windowing cannot change a prediction).
 */
import type { Featurizer, RowInputs, Tensor, TokenClassifier, TokenSpan } from '../../src/detectors/ner/types';
import type { NerModel } from '../../src/detectors/ner/model-loader';
import { schemeConstraints } from '../../src/detectors/ner/viterbi';
import { wordTokenize } from '../../src/detectors/ner/word-featurizer';

export const FAKE_LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-MISC'];
const CLS = 1;
const SEP = 2;

/** word (lower-case) → label index; anything else → O. */
export type Lexicon = Record<string, number>;

export function fakeFeaturizer(lexicon: Lexicon, maxTokensPerWindow = 512): Featurizer & { idOf(word: string): number } {
  const words = Object.keys(lexicon);
  const idOf = (w: string) => {
    const i = words.indexOf(w.toLowerCase());
    return i < 0 ? 3 : 10 + i;
  };
  return {
    kind: 'fake-words',
    maxTokensPerWindow,
    idOf,
    tokenize(text: string): TokenSpan[] {
      return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    },
    encodeWindow(text: string, tokens: TokenSpan[]): RowInputs {
      const ids = [CLS, ...tokens.map((t) => idOf(text.slice(t.start, t.end))), SEP];
      return {
        seqLen: ids.length,
        inputs: {
          input_ids: { type: 'int64', data: ids, innerDims: [] },
          attention_mask: { type: 'int64', data: ids.map(() => 1), innerDims: [] },
        },
        positions: tokens.map((_, i) => i + 1),
      };
    },
  };
}

export interface FakeClassifier extends TokenClassifier {
  calls: { dims: number[] }[];
}

/** Logit 5 on the lexicon's label for the id, 0 elsewhere; padding (mask 0) rows get NaN so misuse shows. */
export function fakeClassifier(lexicon: Lexicon, numLabels = FAKE_LABELS.length, delayMs = 0): FakeClassifier {
  const labelOfId = new Map<number, number>();
  Object.values(lexicon).forEach((label, i) => labelOfId.set(10 + i, label));
  const calls: { dims: number[] }[] = [];
  return {
    inputNames: ['input_ids', 'attention_mask'],
    calls,
    async run(feeds: Record<string, Tensor>) {
      const ids = feeds.input_ids;
      const mask = feeds.attention_mask;
      calls.push({ dims: [...ids.dims] });
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const [b, s] = ids.dims;
      const data = new Float32Array(b * s * numLabels);
      for (let i = 0; i < b * s; i++) {
        if (Number(mask.data[i]) === 0) {
          data.fill(Number.NaN, i * numLabels, (i + 1) * numLabels);
          continue;
        }
        const label = labelOfId.get(Number(ids.data[i])) ?? 0;
        data[i * numLabels + label] = 5;
      }
      return { data, dims: [b, s, numLabels] };
    },
  };
}

export function fakeModel(
  lexicon: Lexicon,
  maxTokensPerWindow = 512,
  delayMs = 0,
  decoding: 'viterbi' | 'argmax' = 'viterbi',
  labels: readonly string[] = FAKE_LABELS,
): NerModel & { classifier: FakeClassifier } {
  return {
    name: 'fake',
    version: 'test-1',
    dir: '/nonexistent',
    featurizer: fakeFeaturizer(lexicon, maxTokensPerWindow),
    classifier: fakeClassifier(lexicon, labels.length, delayMs),
    labels: [...labels],
    decoder: decoding === 'viterbi' ? schemeConstraints(labels) : null,
    decoding,
    threads: { intraOp: 1, interOp: 1 },
  };
}

/** `fakeModel` whose featurizer splits text as phi-ner-small's does (letter runs, digit runs, single other
 * characters: "-" and "," are tokens of their own), for rules that look inside words. */
export function fakeWordModel(lexicon: Lexicon): NerModel & { classifier: FakeClassifier } {
  const m = fakeModel(lexicon);
  return { ...m, featurizer: { ...m.featurizer, tokenize: (text: string) => wordTokenize(text) } };
}

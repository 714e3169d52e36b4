/** @jest-environment ./test/helpers/onnx-jest-environment.js */
/**
 * Bring-your-own-model beyond WordPiece: RoBERTa-style byte-level BPE and DeBERTa-v3-style Metaspace + Unigram
 * folders that the suite writes itself, through `loadNerModel` + `createNerDetector` with the real binding and
 * onnxruntime-node. Both tokenizers fold a leading space into the token; findings must still be exact spans with
 * no whitespace at their edges, split at line breaks, with UTF-16 offsets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHfFeaturizer, toTokenSpans } from '../../src/detectors/ner/hf-featurizer';
import { loadNerModel, type NerModel } from '../../src/detectors/ner/model-loader';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import type { Detector } from '../../src/detectors/types';
import { byoDetectorCases, found } from '../helpers/byo-detector-cases';
import { expectedLabelOf, TINY_LABELS } from '../helpers/tiny-bert';
import { writeTinyStyle, type TinyStyle, type TinyStyleModel } from '../helpers/tiny-hf-styles';

const CASES: { title: string; style: TinyStyle; trimOffsets?: boolean; specials: [string, string]; tokenTypes: boolean }[] = [
  { title: 'RoBERTa-style byte-level BPE (trim_offsets on, as roberta-base ships)', style: 'roberta', trimOffsets: true, specials: ['<s>', '</s>'], tokenTypes: false },
  { title: 'byte-level BPE with trim_offsets off (offsets include the space)', style: 'roberta', trimOffsets: false, specials: ['<s>', '</s>'], tokenTypes: false },
  { title: 'DeBERTa-v3-style Metaspace + Unigram (offsets include the space)', style: 'deberta', specials: ['[CLS]', '[SEP]'], tokenTypes: true },
];

describe.each(CASES)('$title', ({ style, trimOffsets, specials, tokenTypes }) => {
  let dir: string;
  let fixture: TinyStyleModel;
  let model: NerModel;
  let detector: Detector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `phi-tiny-${style}-`));
    fixture = writeTinyStyle(dir, style, { maxLength: 16, trimOffsets });
    model = await loadNerModel(dir, { intraOpNumThreads: 1 });
    detector = createNerDetector(model, { windowOverlap: 4 });
  });

  afterAll(async () => {
    await model?.classifier.release?.();
    rmSync(dir, { recursive: true, force: true });
  });

  byoDetectorCases(() => ({ model, detector }));

  it('the fixture: every vocabulary id gets its designed label (computed in TypeScript)', () => {
    for (const id of Object.values(fixture.vocab)) expect(expectedLabelOf(fixture.weights, id)).toBe(TINY_LABELS[fixture.designed[id]]);
  });

  it('loads with the hf-tokenizer featurizer and the model’s own inputs', () => {
    expect(model.featurizer.kind).toBe('hf-tokenizer');
    expect(model.featurizer.maxTokensPerWindow).toBe(14);
    const inputs = [...model.classifier.inputNames].sort();
    expect(inputs).toEqual(tokenTypes ? ['attention_mask', 'input_ids', 'token_type_ids'] : ['attention_mask', 'input_ids']);
  });

  it('wraps each window in the tokenizer’s own special tokens', async () => {
    const f = await createHfFeaturizer({ tokenizerPath: join(dir, 'tokenizer.json'), inputNames: model.classifier.inputNames, maxLength: 16 });
    const text = 'John Smith';
    const row = f.encodeWindow(text, await f.tokenize(text));
    const ids = row.inputs.input_ids.data;
    expect(ids[0]).toBe(fixture.vocab[specials[0]]);
    expect(ids[ids.length - 1]).toBe(fixture.vocab[specials[1]]);
    expect(row.seqLen).toBe(4);
    expect(row.positions).toEqual([1, 2]);
    expect(row.inputs.token_type_ids === undefined).toBe(!tokenTypes);
  });

  it('never puts whitespace at the edge of a finding, though whitespace tokens are tagged as names', async () => {
    const text = '  Smith and John  ';
    expect(found(text, await detector.detect(text, {}))).toEqual([
      ['PERSON', 'Smith', 2, 7],
      ['PERSON', 'John', 12, 16],
    ]);
    // a run of spaces alone is no finding
    expect(await detector.detect('words   words', {})).toEqual([]);
  });

  it('splits a name at a line break', async () => {
    const text = 'John\nSmith';
    expect(found(text, await detector.detect(text, {}))).toEqual([
      ['PERSON', 'John', 0, 4],
      ['PERSON', 'Smith', 5, 10],
    ]);
  });

});

describe('toTokenSpans', () => {
  it('trims whitespace a token’s offsets include, line breaks too', () => {
    const text = 'John\nSmith  x';
    // code-point offsets as a Metaspace tokenizer can report them: "▁John", "\nSmith", "▁", "▁x"
    const spans = toTokenSpans(text, [1, 2, 3, 4], [[0, 4], [4, 10], [10, 11], [11, 13]], 'codepoint', ['▁John', '\nSmith', '▁', '▁x']);
    expect(spans.map((s) => [s.start, s.end])).toEqual([[0, 4], [5, 10], [11, 11], [12, 13]]);
  });

  it('makes a bare ▁ zero-width even when its offsets cover the next character', () => {
    const text = '😀 a';
    // Metaspace prepends ▁ and reports it with the emoji's offsets (code points [0, 1])
    const spans = toTokenSpans(text, [1, 2, 3], [[0, 1], [0, 1], [1, 3]], 'codepoint', ['▁', '😀', '▁a']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['', '😀', 'a']);
    expect(spans[0]).toMatchObject({ start: 0, end: 0 });
  });

  it('keeps non-whitespace tokens as they are', () => {
    const text = 'Čech ĠĊ';
    const spans = toTokenSpans(text, [1, 2], [[0, 4], [5, 7]], 'codepoint', ['Čech', 'ĠĊ']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Čech', 'ĠĊ']);
  });
});

/**
 * What every brought-model (Hugging Face folder) detector must do, whatever its tokenizer: exact spans, UTF-16
 * offsets around emoji, accents and CJK, and long texts windowed with no truncation. The BERT (WordPiece) suite and
 * the RoBERTa/DeBERTa-style suites register these same cases on their own tiny models.
 */
import type { NerModel } from '../../src/detectors/ner/model-loader';
import type { Detector } from '../../src/detectors/types';

/** [entity, surface, start, end] per finding, in order. */
export const found = (text: string, d: { entity: string; start: number; end: number }[]) =>
  d.map((x) => [x.entity, text.slice(x.start, x.end), x.start, x.end]);

/** Expected spans for planted surface strings (each occurrence, in order of appearance). */
export function plant(text: string, planted: Record<string, string>): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const [surface, entity] of Object.entries(planted)) {
    for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) out.push([entity, surface, i, i + surface.length]);
  }
  return out.sort((a, b) => (a[2] as number) - (b[2] as number));
}

/** Registers the shared cases; `get` is called inside each test, after the suite's beforeAll loaded the model. */
export function byoDetectorCases(get: () => { model: NerModel; detector: Detector }): void {
  it('finds PERSON and LOCATION with exact offsets (no folded-in space)', async () => {
    const text = 'John Smith visited Paris.';
    expect(found(text, await get().detector.detect(text, {}))).toEqual([
      ['PERSON', 'John Smith', 0, 10],
      ['LOCATION', 'Paris', 19, 24],
    ]);
  });

  it('gives UTF-16 offsets with emoji, accents (subwords) and CJK', async () => {
    const text = '😀 José met Zoë in 北京, 😀😀 and Acme Corp!';
    const d = await get().detector.detect(text, {});
    expect(found(text, d)).toEqual(plant(text, { José: 'PERSON', Zoë: 'PERSON', 北京: 'LOCATION', 'Acme Corp': 'ORGANIZATION' }));
    expect(text.slice(d[0].start, d[0].end)).toBe('José');
  });

  it('windows a long text with no truncation; every finding is a trimmed planted span', async () => {
    const { model, detector } = get();
    const parts: string[] = [];
    for (let i = 0; i < 30; i++) {
      if (i % 4 === 1) parts.push('John Smith');
      else if (i % 5 === 2) parts.push('New York');
      else if (i % 7 === 3) parts.push('🎉 José');
      else parts.push('words');
    }
    parts.push('the end in Paris');
    const text = parts.join(' and  ');
    expect((await model.featurizer.tokenize(text)).length).toBeGreaterThan(5 * model.featurizer.maxTokensPerWindow);
    const d = await detector.detect(text, {});
    expect(found(text, d)).toEqual(plant(text, { 'John Smith': 'PERSON', 'New York': 'LOCATION', José: 'PERSON', Paris: 'LOCATION' }));
    expect(d[d.length - 1].end).toBe(text.length); // the very last token was classified
  });
}

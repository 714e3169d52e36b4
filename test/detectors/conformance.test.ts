import { createDefaultRegistry } from '../../src/detectors/registry';
import { ENTITY_TYPES } from '../../src/detectors/entities';
import type { Detection, DetectOptions, Detector } from '../../src/detectors/types';
import { adversarialInputs, SAMPLE_NOTE } from './sample-note';

const detectors = createDefaultRegistry().list();
const cases = detectors.map((d) => [d.id, d] as [string, Detector]);
const ADVERSARIAL = adversarialInputs();
const TIME_LIMIT_MS = 2000;

/** Policy context words for every entity, so that patterns that need context run on the adversarial inputs too. */
const EVERYWHERE: DetectOptions = {
  contextWords: Object.fromEntries(ENTITY_TYPES.map((e) => [e, ['a', '1', 'x', 'license', 'mrn']])),
};

async function run(d: Detector, text: string, options: DetectOptions = {}): Promise<Detection[]> {
  return d.detect(text, options);
}

describe('every built-in detector', () => {
  it('is registered with a pattern.* id and at least one entity', () => {
    expect(detectors.length).toBeGreaterThanOrEqual(20);
    for (const d of detectors) {
      expect(d.id).toMatch(/^pattern\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(d.kind).toBe('pattern');
      expect(d.entities.length).toBeGreaterThan(0);
    }
  });

  it.each(cases)('%s finds something in the sample note', async (_id, d) => {
    expect((await run(d, SAMPLE_NOTE)).length).toBeGreaterThan(0);
  });

  it.each(cases)('%s returns well-formed detections', async (_id, d) => {
    for (const det of await run(d, SAMPLE_NOTE)) {
      expect(det.start).toBeGreaterThanOrEqual(0);
      expect(det.end).toBeLessThanOrEqual(SAMPLE_NOTE.length);
      expect(det.start).toBeLessThan(det.end);
      expect(det.score).toBeGreaterThanOrEqual(0);
      expect(det.score).toBeLessThanOrEqual(1);
      expect(d.entities).toContain(det.entity);
      expect(det.detectorId).toBe(d.id);
      expect(Object.keys(det).sort()).toEqual(['detectorId', 'end', 'entity', 'score', 'start']);
    }
  });

  it.each(cases)('%s returns [] for empty text', async (_id, d) => {
    expect(await run(d, '')).toEqual([]);
  });

  it.each(cases)('%s is stable across repeated calls', async (_id, d) => {
    const first = await run(d, SAMPLE_NOTE);
    expect(await run(d, SAMPLE_NOTE)).toEqual(first);
    await run(d, 'something else 123-45-6789 john@example.com');
    expect(await run(d, SAMPLE_NOTE)).toEqual(first);
  });

  it.each(cases)('%s shifts offsets exactly when an unrelated line is prefixed', async (_id, d) => {
    const prefix = 'Unrelated header line with nothing in it\n';
    const plain = await run(d, SAMPLE_NOTE);
    const shifted = await run(d, prefix + SAMPLE_NOTE);
    expect(shifted).toEqual(plain.map((det) => ({ ...det, start: det.start + prefix.length, end: det.end + prefix.length })));
  });

  it.each(cases)('%s returns detections sorted and non-overlapping', async (_id, d) => {
    const dets = await run(d, SAMPLE_NOTE);
    for (let i = 1; i < dets.length; i++) expect(dets[i].start).toBeGreaterThanOrEqual(dets[i - 1].end);
  });

  const adversarialCases = cases.flatMap(([id, d]) =>
    Object.keys(ADVERSARIAL).map((kind) => [id, kind, d] as [string, string, Detector]),
  );
  it.each(adversarialCases)('%s stays fast on 100 KB adversarial input: %s', async (_id, kind, d) => {
    const text = ADVERSARIAL[kind];
    for (const options of [{}, EVERYWHERE]) {
      const t0 = performance.now();
      const dets = await run(d, text, options);
      expect(performance.now() - t0).toBeLessThan(TIME_LIMIT_MS);
      for (const det of dets) expect(det.end).toBeLessThanOrEqual(text.length);
    }
  });
});

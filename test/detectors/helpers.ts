import type { Detection, DetectOptions, Detector } from '../../src/detectors/types';

/** The policy default threshold the scores are designed around. */
export const THRESHOLD = 0.5;

export function detect(d: Detector, text: string, options: DetectOptions = {}): Detection[] {
  const out = d.detect(text, options);
  if (!Array.isArray(out)) throw new Error('pattern detectors are synchronous');
  return out;
}

/** Texts of the findings at or above the threshold. */
export function found(d: Detector, text: string, options: DetectOptions = {}): string[] {
  return detect(d, text, options)
    .filter((x) => x.score >= THRESHOLD)
    .map((x) => text.slice(x.start, x.end));
}

/** [start, end] of every finding, whatever its score. */
export function spans(d: Detector, text: string, options: DetectOptions = {}): Array<[number, number]> {
  return detect(d, text, options).map((x) => [x.start, x.end]);
}

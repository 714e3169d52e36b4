import { denyListDetector } from '../../src/analysis/deny-list-detector';
import type { Detection } from '../../src/detectors/types';
import { withinWatchdog } from '../helpers/watchdog';

const texts = (text: string, ds: Detection[]) => ds.map((d) => [d.entity, text.slice(d.start, d.end)]);

describe('policy.deny', () => {
  it('is absent when the policy denies nothing', () => {
    expect(denyListDetector([])).toBeUndefined();
    expect(denyListDetector([{ entity: 'CUSTOM', exact: [], regex: [] }])).toBeUndefined();
  });

  it('matches exact terms case-insensitively on word boundaries, and regex terms as written, at score 1', async () => {
    const d = denyListDetector([
      { entity: 'CUSTOM', exact: ['Project Nightjar'], regex: [] },
      { entity: 'PERSON', exact: ['Zoë'], regex: ['Dr\\.? Q\\w+'] },
    ])!;
    const text = 'PROJECT NIGHTJAR notes: Zoë met Dr. Quinn; Zoëlla and nightjars are not denied.';
    const found = (await d.detect(text, {})) as Detection[];
    expect(texts(text, found)).toEqual([
      ['CUSTOM', 'PROJECT NIGHTJAR'],
      ['PERSON', 'Zoë'],
      ['PERSON', 'Dr. Quinn'],
    ]);
    expect(found.every((x) => x.score === 1 && x.detectorId === 'policy.deny')).toBe(true);
  });

  it('ends on a regex that can match empty, in text with characters outside the BMP', () => {
    // With the `u` flag the scan used to step into the middle of a surrogate pair, which the engine moves back to the
    // pair's start: the same empty match, forever, on any emoji. One tenant's typo must not stop the gateway.
    const d = denyListDetector([
      { entity: 'CUSTOM', exact: [], regex: ['code-?(?:42)?'] },
      { entity: 'CUSTOM', exact: [], regex: ['x*', '\\b'] },
    ])!;
    const text = 'a😀b 𠀋 code-42 😀x';
    const found = withinWatchdog(() => d.detect(text, {}) as Detection[]);
    expect(texts(text, found)).toEqual([
      ['CUSTOM', 'code-42'],
      ['CUSTOM', 'x'],
    ]);
  });
});

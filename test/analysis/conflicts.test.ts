import { resolveConflicts } from '../../src/analysis/conflicts';
import type { Detection } from '../../src/detectors/types';

const d = (entity: any, start: number, end: number, score: number, detectorId = 'x'): Detection => ({ entity, start, end, score, detectorId });

describe('resolveConflicts', () => {
  it.each([
    ['identical → higher score', [d('PERSON', 0, 5, 0.6), d('LOCATION', 0, 5, 0.9)], [d('LOCATION', 0, 5, 0.9)]],
    ['contained → one (higher score wins)', [d('DATE_TIME', 0, 10, 0.8), d('PHONE_NUMBER', 2, 6, 0.5)], [d('DATE_TIME', 0, 10, 0.8)]],
    ['contained, inner stronger → inner type, union span', [d('PERSON', 0, 10, 0.5), d('US_SSN', 2, 6, 0.95)], [d('US_SSN', 0, 10, 0.95)]],
    ['tie → longer', [d('PERSON', 0, 4, 0.7), d('ORGANIZATION', 0, 9, 0.7)], [d('ORGANIZATION', 0, 9, 0.7)]],
    ['partial overlap → union, typed by the higher score', [d('PERSON', 0, 6, 0.6), d('LOCATION', 4, 12, 0.8)], [d('LOCATION', 0, 12, 0.8)]],
    ['disjoint kept and sorted', [d('US_SSN', 10, 20, 1), d('PERSON', 0, 5, 0.6)], [d('PERSON', 0, 5, 0.6), d('US_SSN', 10, 20, 1)]],
    ['adjacent are not overlapping', [d('PERSON', 0, 5, 0.6), d('PERSON', 5, 9, 0.6)], [d('PERSON', 0, 5, 0.6), d('PERSON', 5, 9, 0.6)]],
    ['empty', [], []],
  ])('%s', (_name, input, expected) => expect(resolveConflicts(input)).toEqual(expected));
});

describe('resolveConflicts with a policy that keeps some types', () => {
  // as the GDPR profile: organisations and places are kept, health plan ids and persons are not
  const kept = new Set(['ORGANIZATION', 'LOCATION']);
  const protects = (x: Detection) => !kept.has(x.entity);
  it.each([
    ['identical: the protected finding wins over a stronger kept one', [d('ORGANIZATION', 0, 12, 0.88), d('HEALTH_PLAN_ID', 0, 12, 0.85)], [d('HEALTH_PLAN_ID', 0, 12, 0.85)]],
    ['contained: the protected type covers the union', [d('LOCATION', 0, 20, 0.95), d('PERSON', 5, 10, 0.6)], [d('PERSON', 0, 20, 0.6)]],
    ['partial overlap: the protected type covers the union', [d('PERSON', 0, 6, 0.6), d('LOCATION', 4, 12, 0.8)], [d('PERSON', 0, 12, 0.6)]],
    ['both protected: the score decides as before', [d('PERSON', 0, 5, 0.6), d('US_SSN', 0, 5, 0.9)], [d('US_SSN', 0, 5, 0.9)]],
    ['both kept: the score decides as before', [d('ORGANIZATION', 0, 5, 0.6), d('LOCATION', 0, 5, 0.9)], [d('LOCATION', 0, 5, 0.9)]],
  ])('%s', (_name, input, expected) => {
    expect(resolveConflicts(input, protects)).toEqual(expected);
  });

  it('without the policy, the score alone decides (the kept guess would win)', () => {
    expect(resolveConflicts([d('ORGANIZATION', 0, 12, 0.88), d('HEALTH_PLAN_ID', 0, 12, 0.85)])).toEqual([d('ORGANIZATION', 0, 12, 0.88)]);
  });
});

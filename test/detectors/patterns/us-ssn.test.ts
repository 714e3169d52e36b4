import { isPlausibleSsn, usSsnDetector } from '../../../src/detectors/patterns/us-ssn';
import { detect, found, spans } from '../helpers';

describe('pattern.us-ssn', () => {
  it.each([
    ['SSN 123-45-6789', ['123-45-6789']],
    ['his number is 078-05-1120.', ['078-05-1120']],
    ['ssn: 123 45 6789', ['123 45 6789']],
    ['Social Security Number 123456789', ['123456789']],
    ['SS# 219.09.9999', ['219.09.9999']],
    ['a 665-12-3456 b', ['665-12-3456']],
    ['they asked for my ssn, it is 123456789', ['123456789']],
  ])('finds %j', (text, expected) => {
    expect(found(usSsnDetector, text)).toEqual(expected);
  });

  it.each([
    ['SSN 000-12-3456'],
    ['SSN 666-12-3456'],
    ['SSN 900-12-3456'],
    ['SSN 987-65-4321'],
    ['SSN 123-00-4567'],
    ['SSN 123-45-0000'],
    ['SSN 123-45 6789'],
    ['SSN 123 45-6789'],
    ['SSN 111-11-1111'],
    ['order 123456789'],
    ['call 1-123-45-6789-0'],
    ['ref 123-45-67890'],
  ])('ignores %j', (text) => {
    expect(found(usSsnDetector, text)).toEqual([]);
  });

  it('keeps bare nine digits below the threshold without context', () => {
    const [d] = detect(usSsnDetector, 'id 123456789');
    expect(d.score).toBeLessThan(0.4);
  });

  it('reports exact offsets', () => {
    expect(spans(usSsnDetector, 'SSN: 123-45-6789.')).toEqual([[5, 16]]);
  });

  it.each([
    ['123456789', true],
    ['000123456', false],
    ['666123456', false],
    ['900123456', false],
    ['123004567', false],
    ['123450000', false],
  ])('isPlausibleSsn(%s) = %s', (digits, ok) => {
    expect(isPlausibleSsn(digits)).toBe(ok);
  });
});

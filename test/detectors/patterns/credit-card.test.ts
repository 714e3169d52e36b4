import { creditCardDetector } from '../../../src/detectors/patterns/credit-card';
import { found, spans } from '../helpers';

describe('pattern.credit-card', () => {
  it.each([
    ['Visa 4111 1111 1111 1111 exp 12/27', ['4111 1111 1111 1111']],
    ['card: 4111-1111-1111-1111', ['4111-1111-1111-1111']],
    ['MC 5500005555555559', ['5500005555555559']],
    ['Amex 3782 822463 10005', ['3782 822463 10005']],
    ['Discover 6011111111111117.', ['6011111111111117']],
    ['two 4012888888881881 and 5105105105105100', ['4012888888881881', '5105105105105100']],
  ])('finds %j', (text, expected) => {
    expect(found(creditCardDetector, text)).toEqual(expected);
  });

  it.each([
    ['4111 1111 1111 1112'],
    ['4111-1111 1111-1111'],
    ['1234 5678 9012 3456'],
    ['order 1234567890123'],
    ['ISBN 978-3-16-148410-0'],
    ['$4,111,111,111,111.11'],
    ['phone 617-253-1000'],
  ])('ignores %j', (text) => {
    expect(found(creditCardDetector, text)).toEqual([]);
  });

  it('reports exact offsets', () => {
    expect(spans(creditCardDetector, 'cc 4111 1111 1111 1111.')).toEqual([[3, 22]]);
  });
});

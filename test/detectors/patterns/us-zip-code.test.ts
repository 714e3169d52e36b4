import { usZipCodeDetector } from '../../../src/detectors/patterns/us-zip-code';
import { detect, found, spans } from '../helpers';

describe('pattern.us-zip-code', () => {
  it.each([
    ['Boston, MA 02139', ['02139']],
    ['Cambridge MA 02139-4307', ['02139-4307']],
    ['zip: 90210', ['90210']],
    ['ZIP code 10001', ['10001']],
    ['Austin, TX. 73301', ['73301']],
    ['postal code 60601-1234', ['60601-1234']],
    // lower case, as chat writes an address
    ['my address is 4417 n lincoln ave apt 2r chicago il 60625', ['60625']],
    ['boston ma 02139', ['02139']],
  ])('finds %j', (text, expected) => {
    expect(found(usZipCodeDetector, text)).toEqual(expected);
  });

  it.each([
    ['weighs 12345 grams'],
    ['order 02139'],
    ['zip 00000'],
    ['$12345'],
    ['total 12,345.00'],
    ['XX 02139'],
    ['part 123456'],
    // a lower-case state code that is also a word
    ['seen in 60625 cases'],
    ['one or 97201'],
    ['xx 02139'],
  ])('ignores %j', (text) => {
    expect(found(usZipCodeDetector, text)).toEqual([]);
  });

  it('keeps a bare five-digit number weak', () => {
    const [d] = detect(usZipCodeDetector, 'number 02139');
    expect(d.score).toBeLessThan(0.4);
  });

  it('uses policy context words', () => {
    expect(found(usZipCodeDetector, 'plz 02139', { contextWords: { US_ZIP_CODE: ['plz'] } })).toEqual(['02139']);
  });

  it('reports exact offsets', () => {
    expect(spans(usZipCodeDetector, 'Boston, MA 02139.')).toEqual([[11, 16]]);
  });
});

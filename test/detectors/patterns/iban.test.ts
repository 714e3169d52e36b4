import { ibanDetector } from '../../../src/detectors/patterns/iban';
import { found, spans } from '../helpers';

describe('pattern.iban', () => {
  it.each([
    ['IBAN DE89 3704 0044 0532 0130 00', ['DE89 3704 0044 0532 0130 00']],
    ['IBAN DE89370400440532013000.', ['DE89370400440532013000']],
    ['GB82 WEST 1234 5698 7654 32 please', ['GB82 WEST 1234 5698 7654 32']],
    ['FR1420041010050500013M02606', ['FR1420041010050500013M02606']],
    ['pay to NL91ABNA0417164300, ref 7', ['NL91ABNA0417164300']],
    ['DE89 3704 0044 0532 0130 00 2024', ['DE89 3704 0044 0532 0130 00']],
  ])('finds %j', (text, expected) => {
    expect(found(ibanDetector, text)).toEqual(expected);
  });

  it.each([
    ['DE88 3704 0044 0532 0130 00'],
    ['DE89370400440532013001'],
    ['GB82 WEST 1234 5698 7654 33'],
    ['XX89370400440532013000'],
    ['de89370400440532013000'],
    ['ABC89370400440532013000'],
  ])('ignores %j', (text) => {
    expect(found(ibanDetector, text)).toEqual([]);
  });

  it('reports exact offsets', () => {
    expect(spans(ibanDetector, 'to GB82WEST12345698765432.')).toEqual([[3, 25]]);
  });
});

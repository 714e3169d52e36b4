import { containsWord, contextBefore, hasAnyWord } from '../../src/detectors/context';

describe('containsWord', () => {
  it.each([
    ['mrn: 123', 'mrn', true],
    ['the mr# is', 'mr#', true],
    ['acct#12', 'acct', true],
    ['pageant', 'age', false],
    ['agenda', 'age', false],
    ['social security no', 'social security', true],
    ['', 'x', false],
    ['abc', '', false],
  ])('containsWord(%j, %j) = %s', (haystack, word, expected) => {
    expect(containsWord(haystack, word)).toBe(expected);
  });
});

describe('contextBefore', () => {
  it.each([
    ['MRN: 123', 5, 'mrn: '],
    ['first line MRN\nvalue 123', 21, 'value '],
    ['Medical record number:\n  123', 25, 'medical record number:\n  '],
    ['MRN 1; Member 12', 14, ' member '],
    ['MRN 00123456 member 9', 20, ' member '],
    ['my ssn, it is 1', 14, 'my ssn, it is '],
    ['See chart. Pharmacy order 1', 26, 'pharmacy order '],
    ['Policy No. A1', 11, 'policy no. '],
    ['x'.repeat(100) + 'MRN 1', 104, `${'x'.repeat(36)}mrn `],
    ['abc', 0, ''],
  ])('contextBefore(%j, %d) = %j', (text, start, expected) => {
    expect(contextBefore(text, start)).toBe(expected);
  });
});

describe('hasAnyWord', () => {
  it('checks built-in and extra words, lower-casing the extra ones', () => {
    expect(hasAnyWord('the zip is', ['zip'], undefined)).toBe(true);
    expect(hasAnyWord('the plz is', ['zip'], ['PLZ'])).toBe(true);
    expect(hasAnyWord('the plz is', ['zip'], [])).toBe(false);
    expect(hasAnyWord('', ['zip'], ['plz'])).toBe(false);
  });
});

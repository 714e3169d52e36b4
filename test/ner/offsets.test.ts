import { createOffsetConverter, inferOffsetUnit } from '../../src/detectors/ner/offsets';

describe('offset conversion to UTF-16', () => {
  const text = 'a😀é北x'; // code points: a 😀 é 北 x ; UTF-16: 1,2,1,1,1 ; UTF-8: 1,4,2,3,1
  it('code points', () => {
    const c = createOffsetConverter(text, 'codepoint');
    expect([0, 1, 2, 3, 4, 5].map(c)).toEqual([0, 1, 3, 4, 5, 6]);
  });
  it('UTF-8 bytes', () => {
    const c = createOffsetConverter(text, 'utf8');
    expect([0, 1, 5, 7, 10, 11].map(c)).toEqual([0, 1, 3, 4, 5, 6]);
  });
  it('UTF-16 is the identity (clamped)', () => {
    const c = createOffsetConverter(text, 'utf16');
    expect([0, 3, 6, 99].map(c)).toEqual([0, 3, 6, 6]);
  });
  it('a lone surrogate counts as one code point', () => {
    const c = createOffsetConverter('\ud800x', 'codepoint');
    expect([0, 1, 2].map(c)).toEqual([0, 1, 2]);
  });
  it('infers the unit from a three-emoji probe', () => {
    expect(inferOffsetUnit(3)).toBe('codepoint');
    expect(inferOffsetUnit(6)).toBe('utf16');
    expect(inferOffsetUnit(12)).toBe('utf8');
    expect(inferOffsetUnit(undefined)).toBe('codepoint');
  });
});

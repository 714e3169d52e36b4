import { nextIndex } from '../../src/detectors/next-index';

describe('nextIndex', () => {
  it('steps over a whole surrogate pair and one code unit otherwise', () => {
    const t = 'a😀𠀋b';
    expect(nextIndex(t, 0)).toBe(1);
    expect(nextIndex(t, 1)).toBe(3); // 😀
    expect(nextIndex(t, 3)).toBe(5); // 𠀋
    expect(nextIndex(t, 5)).toBe(6);
  });

  it('steps one unit over a lone surrogate, inside a pair, and at the end', () => {
    expect(nextIndex('\ud83d', 0)).toBe(1);
    expect(nextIndex('\ud83dx', 0)).toBe(1);
    expect(nextIndex('😀', 1)).toBe(2);
    expect(nextIndex('ab', 2)).toBe(3);
  });
});

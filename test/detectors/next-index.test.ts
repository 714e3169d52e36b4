import { nextIndex, previousIndex } from '../../src/detectors/next-index';

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

describe('previousIndex', () => {
  it('steps back over a whole surrogate pair and one code unit otherwise', () => {
    const t = 'a😀𠀋b';
    expect(previousIndex(t, 6)).toBe(5);
    expect(previousIndex(t, 5)).toBe(3); // 𠀋
    expect(previousIndex(t, 3)).toBe(1); // 😀
    expect(previousIndex(t, 1)).toBe(0);
  });

  it('steps one unit back over a lone surrogate and from inside a pair', () => {
    expect(previousIndex('\ude00', 1)).toBe(0);
    expect(previousIndex('x\ude00', 2)).toBe(1);
    expect(previousIndex('😀', 1)).toBe(0);
    expect(previousIndex('ab', 0)).toBe(-1);
  });
});

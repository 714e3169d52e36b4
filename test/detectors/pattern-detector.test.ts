import { compileGlobal, patternDetector, resolveOverlaps } from '../../src/detectors/pattern-detector';
import type { Detection } from '../../src/detectors/types';
import { withinWatchdog } from '../helpers/watchdog';
import { detect, spans } from './helpers';

const weakDigits = patternDetector({
  id: 'custom.ticket',
  entity: 'CUSTOM',
  patterns: [{ name: 'digits', regex: '(?<!\\d)\\d{6}(?!\\d)', score: 0.3 }],
  context: ['ticket'],
});

describe('patternDetector', () => {
  it('builds a custom.* detector from a source string and flags', () => {
    const d = patternDetector({
      id: 'custom.employee-id',
      entity: 'CUSTOM',
      patterns: [{ name: 'emp', regex: 'emp-\\d{4}', flags: 'i', score: 0.9 }],
    });
    expect(d.kind).toBe('custom');
    expect(d.entities).toEqual(['CUSTOM']);
    expect(detect(d, 'EMP-1234 and emp-5678')).toEqual([
      { entity: 'CUSTOM', start: 0, end: 8, score: 0.9, detectorId: 'custom.employee-id' },
      { entity: 'CUSTOM', start: 13, end: 21, score: 0.9, detectorId: 'custom.employee-id' },
    ]);
  });

  it('accepts a non-global RegExp, matches globally and leaves the caller’s RegExp alone', () => {
    const re = /x\d/;
    const d = patternDetector({ id: 'pattern.x', entity: 'CUSTOM', patterns: [{ name: 'x', regex: re, score: 1 }] });
    expect(spans(d, 'x1 x2 x3')).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
    expect(re.global).toBe(false);
    expect(re.lastIndex).toBe(0);
    expect(d.kind).toBe('pattern');
  });

  it.each([['(?:)'], ['\\b'], ['a*'], ['(?=a)']])('skips zero-length matches of %j without looping', (source) => {
    const d = patternDetector({ id: 'custom.empty', entity: 'CUSTOM', patterns: [{ name: 'e', regex: source, score: 1 }] });
    expect(detect(d, 'aaa bbb')).toEqual(detect(d, 'aaa bbb').filter((x) => x.end > x.start));
    expect(detect(d, 'bbb')).toEqual([]);
  });

  it.each([['(?:)'], ['\\b'], ['a*'], ['(?=a)']])('ends on zero-length matches of %j with the u flag in text outside the BMP', (source) => {
    // A step of one code unit inside a surrogate pair is moved back to the pair's start under `u`: the same empty
    // match again, forever. The watchdog turns such a regression into a failure instead of a hung run.
    const d = patternDetector({ id: 'custom.empty', entity: 'CUSTOM', patterns: [{ name: 'e', regex: source, flags: 'u', score: 1 }] });
    const found = withinWatchdog(() => detect(d, 'a😀a 𠀋 😀'));
    expect(found.every((x) => x.end > x.start)).toBe(true);
  });

  it('keeps weak matches low without context and raises them with a built-in context word', () => {
    expect(detect(weakDigits, 'no 123456')[0].score).toBe(0.3);
    expect(detect(weakDigits, 'Ticket: 123456')[0].score).toBe(0.85);
  });

  it('raises weak matches with context words from the policy', () => {
    expect(detect(weakDigits, 'case 123456', { contextWords: { CUSTOM: ['case'] } })[0].score).toBe(0.85);
    expect(detect(weakDigits, 'case 123456', { contextWords: { PERSON: ['case'] } })[0].score).toBe(0.3);
  });

  it('drops requireContext matches without context and keeps them with it', () => {
    const d = patternDetector({
      id: 'custom.code',
      entity: 'CUSTOM',
      context: ['code'],
      patterns: [{ name: 'c', regex: /\b[A-Z]\d{3}\b/, score: 0.2, requireContext: true }],
    });
    expect(detect(d, 'A123')).toEqual([]);
    expect(spans(d, 'code A123')).toEqual([[5, 9]]);
    expect(spans(d, 'promo A123', { contextWords: { CUSTOM: ['promo'] } })).toEqual([[6, 10]]);
  });

  it('reports a capture group when `group` is set, and validates its text', () => {
    const d = patternDetector({
      id: 'custom.room',
      entity: 'CUSTOM',
      patterns: [{ name: 'room', regex: /\broom (\d{1,4})\b/i, score: 0.9, group: 1 }],
      validate: (s) => s !== '0',
    });
    expect(spans(d, 'Room 12, room 0, room 345')).toEqual([
      [5, 7],
      [22, 25],
    ]);
  });

  it('finds requireContext matches after every context word, and none out of reach', () => {
    const d = patternDetector({
      id: 'custom.code',
      entity: 'CUSTOM',
      context: ['code'],
      patterns: [{ name: 'c', regex: /\b[A-Z]\d{3}\b/, score: 0.2, requireContext: true }],
    });
    const far = `code ${'x '.repeat(30)}A123`;
    expect(spans(d, far)).toEqual([]);
    expect(spans(d, 'code A123 B456, then code C789; D012')).toEqual([
      [5, 9],
      [10, 14],
      [26, 30],
    ]);
  });

  it('finds the same requireContext matches by window scan as by a full scan', () => {
    const d = patternDetector({
      id: 'custom.code',
      entity: 'CUSTOM',
      context: ['code', 'ref no'],
      patterns: [{ name: 'c', regex: /(?<![\w-])[A-Z]\d{2,4}(?![\w-])/, score: 0.2, requireContext: true }],
    });
    const tokens = ['code', 'Code:', 'ref no', 'A12', 'B345', 'C6789', 'x', 'yy', ';', ',', '\n', '1234', 'zzzzzzzzzz'];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let found = 0;
    for (let run = 0; run < 200; run++) {
      const text = Array.from({ length: 40 }, () => tokens[rand(tokens.length)]).join(' ');
      // Policy words equal to the built-in ones force the full scan; the results must not differ.
      const windowed = detect(d, text);
      expect(windowed).toEqual(detect(d, text, { contextWords: { CUSTOM: ['code', 'ref no'] } }));
      found += windowed.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('applies validate: false rejects, a number replaces the score', () => {
    const d = patternDetector({
      id: 'custom.v',
      entity: 'CUSTOM',
      patterns: [{ name: 'n', regex: /\d+/, score: 0.5 }],
      validate: (s) => (s === '0' ? false : s.length > 2 ? 0.9 : true),
    });
    expect(detect(d, '0 12 345').map((x) => x.score)).toEqual([0.5, 0.9]);
  });

  it('resolves overlaps between its own patterns: higher score, then longer span', () => {
    const d = patternDetector({
      id: 'custom.o',
      entity: 'CUSTOM',
      patterns: [
        { name: 'short', regex: /\d{3}/, score: 0.9 },
        { name: 'long', regex: /\d{3}-\d{4}/, score: 0.5 },
      ],
    });
    expect(detect(d, '555-1234').map((x) => [x.start, x.end, x.score])).toEqual([
      [0, 3, 0.9],
      [4, 7, 0.9],
    ]);
  });

  it('skips all work when the prefilter says no', () => {
    const d = patternDetector({
      id: 'custom.p',
      entity: 'CUSTOM',
      prefilter: (t) => t.includes('#'),
      patterns: [{ name: 'n', regex: /\d+/, score: 1 }],
    });
    expect(detect(d, '123')).toEqual([]);
    expect(spans(d, '#123')).toEqual([[1, 4]]);
  });

  it('skips a single pattern when its own prefilter says no', () => {
    const d = patternDetector({
      id: 'custom.pp',
      entity: 'CUSTOM',
      patterns: [
        { name: 'hash', regex: /#\d+/, score: 1, prefilter: (t) => t.includes('#') },
        { name: 'never', regex: /\d+/, score: 1, prefilter: () => false },
      ],
    });
    expect(spans(d, '#12 34')).toEqual([[0, 3]]);
  });

  it('stops when the abort signal is set (a long text)', () => {
    const controller = new AbortController();
    controller.abort();
    expect(detect(weakDigits, 'ticket 123456 '.repeat(2000), { signal: controller.signal })).toEqual([]);
  });

  it('does not read the abort signal for a short text (reading it makes the engine create a timer)', () => {
    let reads = 0;
    const options = {
      get signal() {
        reads++;
        return new AbortController().signal;
      },
    };
    expect(detect(weakDigits, 'ticket 123456', options)).toHaveLength(1);
    expect(reads).toBe(0);
  });

  it.each([
    [{ id: '', entity: 'CUSTOM', patterns: [{ name: 'a', regex: 'a', score: 1 }] }, /id/],
    [{ id: 'custom.a', entity: 'NOPE', patterns: [{ name: 'a', regex: 'a', score: 1 }] }, /entity/],
    [{ id: 'custom.a', entity: 'CUSTOM', patterns: [] }, /patterns/],
    [{ id: 'custom.a', entity: 'CUSTOM', patterns: [{ name: 'a', regex: 'a', score: 2 }] }, /patterns\[0\] \(a\): score/],
    [{ id: 'custom.a', entity: 'CUSTOM', patterns: [{ name: 'a', regex: '(', score: 1 }] }, /patterns\[0\] \(a\): regex/],
    [{ id: 'custom.a', entity: 'CUSTOM', patterns: [{ name: 'a', regex: 'a', score: 1, group: -1 }] }, /group/],
    [{ id: 'custom.a', entity: 'CUSTOM', contextWindow: 1.5, patterns: [{ name: 'a', regex: 'a', score: 1 }] }, /contextWindow/],
    [{ id: 'custom.a', entity: 'CUSTOM', contextScore: -1, patterns: [{ name: 'a', regex: 'a', score: 1 }] }, /contextScore/],
  ])('rejects an invalid config (%#)', (config, message) => {
    expect(() => patternDetector(config as never)).toThrow(message);
  });
});

describe('compileGlobal', () => {
  it.each([
    [/a/, 'g'],
    [/a/gi, 'gi'],
    [/a/y, 'g'],
  ])('compiles %s to flags %s', (re, flags) => {
    expect(compileGlobal(re).flags).toBe(flags);
  });

  it('compiles a string with flags', () => {
    expect(compileGlobal('a', 'im').flags).toBe('gim');
  });
});

describe('resolveOverlaps', () => {
  const det = (start: number, end: number, score: number): Detection => ({
    entity: 'CUSTOM',
    start,
    end,
    score,
    detectorId: 'x',
  });

  it.each<[Detection[], Array<[number, number]>]>([
    [[det(0, 5, 0.5), det(6, 9, 0.5)], [[0, 5], [6, 9]]],
    [[det(0, 5, 0.5), det(3, 9, 0.9)], [[3, 9]]],
    [[det(0, 5, 0.9), det(3, 9, 0.5)], [[0, 5]]],
    [[det(0, 3, 0.5), det(0, 9, 0.5)], [[0, 9]]],
    [[det(6, 9, 0.5), det(0, 5, 0.5)], [[0, 5], [6, 9]]],
  ])('keeps the best of overlapping detections (%#)', (input, expected) => {
    expect(resolveOverlaps(input).map((d) => [d.start, d.end])).toEqual(expected);
  });
});

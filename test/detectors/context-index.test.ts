import { ContextVocabulary, hasHitIn } from '../../src/detectors/context-index';

/** What a list's own global, case-insensitive alternation finds: every start offset, overlaps included. */
function ownHits(words: readonly string[], text: string): number[] {
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const hits: number[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    hits.push(m.index);
    re.lastIndex = m.index + 1;
  }
  return hits;
}

describe('ContextVocabulary', () => {
  const lists = [
    ['serial no', 'imei', 'S/N'],
    ['serial', 'sn', 'device id'],
    ['mrn', 'mr#', 'chart', 'chart #'],
    ['member id', 'member #', 'subscriber'],
    ['ip', 'ip address', 'address'],
    ['a', 'aa'],
  ];
  const texts = [
    'Serial No. 12; SERIAL 34; serial number; s/n: X; isn',
    'MRN 1, mr# 2, Chart #3, chartered, mrnmrn',
    'Member ID 1, member #2, memberid, SUBSCRIBER',
    'IP Address 10.0.0.1, mailing address, zip',
    'aaaa baa',
    '',
    'nothing to see',
  ];

  it('gives each list exactly the hits of its own regex, from one shared scan', () => {
    const vocabulary = new ContextVocabulary();
    const ids = lists.map((l) => vocabulary.add(l));
    for (const text of texts) {
      for (const [i, id] of ids.entries()) expect([...vocabulary.hits(id, text)]).toEqual(ownHits(lists[i], text));
    }
    // Again in another order: the one-text slot is replaced, never mixed up.
    for (const text of [...texts].reverse()) {
      for (const [i, id] of [...ids.entries()].reverse()) {
        expect([...vocabulary.hits(id, text)]).toEqual(ownHits(lists[i], text));
      }
    }
  });

  it('takes a list added after a scan into account', () => {
    const vocabulary = new ContextVocabulary();
    const first = vocabulary.add(['chart']);
    expect(vocabulary.hits(first, 'chart mrn')).toEqual([0]);
    const second = vocabulary.add(['mrn']);
    expect(vocabulary.hits(second, 'chart mrn')).toEqual([6]);
    expect(vocabulary.hits(first, 'chart mrn')).toEqual([0]);
  });

  it('accepts only non-empty printable ASCII words', () => {
    expect(ContextVocabulary.accepts(['mrn', 'dl #'])).toBe(true);
    expect(ContextVocabulary.accepts([''])).toBe(false);
    expect(ContextVocabulary.accepts(['numéro'])).toBe(false);
    expect(() => new ContextVocabulary().add(['ß'])).toThrow(TypeError);
  });
});

describe('hasHitIn', () => {
  it.each([
    [[], 0, 10, false],
    [[5], 0, 5, false],
    [[5], 5, 6, true],
    [[1, 9, 20], 10, 20, false],
    [[1, 9, 20], 8, 10, true],
  ])('hasHitIn(%j, %d, %d) = %s', (hits, lo, hi, expected) => {
    expect(hasHitIn(hits, lo, hi)).toBe(expected);
  });
});

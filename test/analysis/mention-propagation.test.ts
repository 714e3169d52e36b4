import { MAX_FORMS, MENTION_DETECTOR_ID, propagateMentions, withMentions, yieldingToNames } from '../../src/analysis/mention-propagation';
import type { Detection } from '../../src/detectors/types';
import { escapeRegExp } from '../../src/detectors/escape-regexp';
import { nextIndex } from '../../src/detectors/next-index';
import { withinWatchdog } from '../helpers/watchdog';

/** A finding of `entity` on the first occurrence of `value` in `text`. */
function at(text: string, value: string, entity: any = 'PERSON', score = 0.9, from = 0): Detection {
  const start = text.indexOf(value, from);
  if (start < 0) throw new Error(`${value} not in text`);
  return { entity, start, end: start + value.length, score, detectorId: 'ner.test' };
}
const spans = (text: string, ds: Detection[]) => ds.map((d) => [d.entity, text.slice(d.start, d.end)]);

describe('propagateMentions', () => {
  it('finds the other mentions of a name: whole, surname, first name — same entity, source score, its own detector id', () => {
    const t = 'Kofi Adeyemi called. Adeyemi says Kofi Adeyemi and Kofi were both at home; Adeyemi\'s wife too.';
    const [extra] = propagateMentions([t], [[at(t, 'Kofi Adeyemi', 'PERSON', 0.81)]], ['PERSON']);
    expect(spans(t, extra)).toEqual([
      ['PERSON', 'Adeyemi'],
      ['PERSON', 'Kofi Adeyemi'],
      ['PERSON', 'Kofi'],
      ['PERSON', 'Adeyemi'],
    ]);
    expect(extra.every((d) => d.score === 0.81 && d.detectorId === MENTION_DETECTOR_ID)).toBe(true);
  });

  it('works across the strings of one request (a name in message 1 is removed from message 3)', () => {
    const texts = ['Patient: Mrs. Ngozi Okafor, 54', 'How are you?', 'okafor? No — Okafor said the pain is worse.'];
    const extra = propagateMentions(texts, [[at(texts[0], 'Ngozi Okafor')], [], []], ['PERSON']);
    expect(extra[0]).toEqual([]);
    expect(extra[1]).toEqual([]);
    expect(spans(texts[2], extra[2])).toEqual([['PERSON', 'Okafor']]); // case-sensitive: "okafor?" is not looked up
  });

  it('only on word boundaries, also next to non-ASCII letters and combining marks', () => {
    const t = 'Li Wei. Lin, Li, Lisa, Liß, Li\u0301, 3Li, Li3, (Li)';
    const [extra] = propagateMentions([t], [[at(t, 'Li Wei')]], ['PERSON']);
    expect(extra.map((d) => d.start)).toEqual([t.indexOf('Li,'), t.indexOf('(Li)') + 1]);
  });

  it('never looks up titles, particles or sentence words on their own, nor lower-case parts', () => {
    const t = 'Dr. Will van Houten saw Ms. May Grant. Will you call? May I? Van der Berg. Houten will call. Grant agreed. jo smith';
    const [extra] = propagateMentions([t], [[at(t, 'Will van Houten'), at(t, 'May Grant'), at(t, 'jo smith')]], ['PERSON']);
    expect(spans(t, extra)).toEqual([['PERSON', 'Houten']]);
  });

  it('looks up other entity types only as whole findings, and only the types asked for', () => {
    const t = 'Seen at Boston General Hospital; Boston General Hospital called. General advice. Boston is cold.';
    const found = [[at(t, 'Boston General Hospital', 'ORGANIZATION', 0.85), at(t, 'Boston', 'LOCATION', 0.95, t.indexOf('Boston is'))]];
    const [orgOnly] = propagateMentions([t], found, ['ORGANIZATION']);
    expect(spans(t, orgOnly)).toEqual([['ORGANIZATION', 'Boston General Hospital']]);
    const [both] = propagateMentions([t], found, ['ORGANIZATION', 'LOCATION']);
    // the longest form wins where forms overlap; the LOCATION form fills the rest
    expect(spans(t, both)).toEqual([['ORGANIZATION', 'Boston General Hospital']]);
    expect(propagateMentions([t], found, [])).toEqual([[]]);
  });

  it('never stretches, splits or repeats a finding, and never propagates its own findings', () => {
    const t = 'Anna Kowalski and Anna. Anna Kowalski, then Anna Kowalski met Kowalski.';
    const own = [
      at(t, 'Anna Kowalski'),
      { ...at(t, 'Anna', 'PERSON', 0.9, 15), detectorId: MENTION_DETECTOR_ID },
      at(t, 'Anna', 'PERSON', 0.9, t.indexOf('then')), // the model found only the first name here
    ];
    const [extra] = propagateMentions([t], [own], ['PERSON']);
    expect(spans(t, extra)).toEqual([['PERSON', 'Anna Kowalski'], ['PERSON', 'Kowalski'], ['PERSON', 'Kowalski']]);
    expect(extra.map((d) => d.start)).toEqual([24, t.indexOf('Kowalski met'), t.lastIndexOf('Kowalski')]);
  });

  it('does not look inside e-mail addresses, handles or hyphenated words', () => {
    const t = 'Ngozi Okafor: ngozi.okafor@x.org, Okafor@x.org, x.Okafor, @Okafor_1, Okafor-Smith, Okafor.';
    const [extra] = propagateMentions([t], [[at(t, 'Ngozi Okafor')]], ['PERSON']);
    expect(spans(t, extra)).toEqual([['PERSON', 'Okafor']]);
    expect(extra[0].start).toBe(t.lastIndexOf('Okafor'));
  });

  it('ignores findings below the source score (a doubtful name would spread its doubt)', () => {
    const t = 'Warmly Jo Park. Warmly, Park';
    expect(propagateMentions([t], [[at(t, 'Warmly Jo Park', 'PERSON', 0.79)]], ['PERSON'])).toEqual([[]]);
    expect(spans(t, propagateMentions([t], [[at(t, 'Warmly Jo Park', 'PERSON', 0.79)]], ['PERSON'], 0.5)[0])).toEqual([
      ['PERSON', 'Warmly'],
      ['PERSON', 'Park'],
    ]);
  });

  it('takes the best score when one form comes from several findings, and keeps UTF-16 offsets', () => {
    const t = '😀 José Núñez 😀 — Núñez, José Núñez';
    const found = [[at(t, 'José Núñez', 'PERSON', 0.85), { ...at(t, 'Núñez', 'PERSON', 0.99, t.indexOf('Núñez,')), detectorId: 'ner.x' }]];
    const [extra] = propagateMentions([t], found, ['PERSON']);
    expect(spans(t, extra)).toEqual([['PERSON', 'José Núñez']]);
    const t2 = 'Núñez came. José Núñez left; Núñez.';
    const [e2] = propagateMentions([t2], [[at(t2, 'Núñez', 'PERSON', 0.99), at(t2, 'José Núñez', 'PERSON', 0.85)]], ['PERSON']);
    expect(e2.map((d) => [t2.slice(d.start, d.end), d.score])).toEqual([['Núñez', 0.99]]);
  });

  it('bounds the number of forms (longest first) so a request with many names stays cheap', () => {
    const names = Array.from({ length: MAX_FORMS + 50 }, (_, i) => `Zq${'x'.repeat(i % 7)}${String.fromCharCode(97 + (i % 26))}${i.toString(36)}`);
    const t = names.join(' ') + ' ' + names.join(' ');
    const found = [names.map((n) => at(t, n, 'LOCATION'))];
    const [extra] = propagateMentions([t], found, ['LOCATION']);
    expect(extra.length).toBe(MAX_FORMS);
    const shortest = Math.min(...extra.map((d) => d.end - d.start));
    expect(names.filter((n) => n.length > shortest).every((n) => extra.some((d) => t.slice(d.start, d.end) === n))).toBe(true);
  });
});

describe('yieldingToNames / withMentions: a model finding that spells a full name of the request is that person', () => {
  const t = 'The film by director Neil Jordan opens in Jordan on Friday. " It is my best , " Jordan said.';
  const director = at(t, 'Neil Jordan', 'PERSON', 0.93);
  const country = at(t, 'Jordan', 'LOCATION', 0.97, t.indexOf(' in ') + 1);
  const said = at(t, 'Jordan', 'LOCATION', 0.9, t.indexOf('"'));

  it('picks model LOCATION/ORGANIZATION findings whose text is a confident full name or one of its name words', () => {
    expect(yieldingToNames([t], [[director, country, said]])).toEqual([[country, said]]);
    const org = { ...at(t, 'Neil Jordan', 'ORGANIZATION', 0.6) };
    expect(yieldingToNames([t], [[{ ...director, start: 0, end: 3 }, org]])).toEqual([[]]); // "The" is no full name
  });

  it('needs a multi-word PERSON finding at the source score, from the model or a pattern, not a propagated one', () => {
    const alone = at(t, 'Jordan', 'PERSON', 0.99, t.indexOf('director'));
    expect(yieldingToNames([t], [[alone, country]])).toEqual([[]]); // one "Jordan" does not outvote another
    expect(yieldingToNames([t], [[{ ...director, score: 0.79 }, country]])).toEqual([[]]);
    expect(yieldingToNames([t], [[{ ...director, detectorId: MENTION_DETECTOR_ID }, country]])).toEqual([[]]);
    expect(yieldingToNames([t], [[{ ...director, detectorId: 'pattern.signature-name' }, country]])).toEqual([[country]]);
  });

  it('leaves pattern findings, other types, longer or shorter spans and title words alone', () => {
    const street = { ...country, detectorId: 'pattern.street-address' };
    const date = { ...said, entity: 'DATE_TIME' as const };
    const u = 'Dr. Amara Okafor saw Okafor Street residents; Dr. said Amara was fine.';
    const amara = at(u, 'Dr. Amara Okafor', 'PERSON', 0.9);
    const longer = at(u, 'Okafor Street', 'LOCATION', 0.9);
    const title = at(u, 'Dr.', 'ORGANIZATION', 0.9, 5);
    const part = at(u, 'Amara', 'ORGANIZATION', 0.9, 30);
    expect(yieldingToNames([t, u], [[director, street, date], [amara, longer, title, part]])).toEqual([[], [part]]);
  });

  it('withMentions replaces them by the PERSON mention (source score, its detector id) across the strings of a request', () => {
    const texts = ['Neil Jordan directed it.', 'Jordan said so. He lives in Amman, Jordan-side.'];
    const said2 = at(texts[1], 'Jordan', 'LOCATION', 0.99);
    const amman = at(texts[1], 'Amman', 'LOCATION', 0.95);
    const out = withMentions(texts, [[at(texts[0], 'Neil Jordan', 'PERSON', 0.88)], [said2, amman]], ['PERSON']);
    expect(out[1].map((d) => [d.entity, texts[1].slice(d.start, d.end), d.score, d.detectorId])).toEqual([
      ['PERSON', 'Jordan', 0.88, MENTION_DETECTOR_ID],
      ['LOCATION', 'Amman', 0.95, 'ner.test'],
    ]);
  });

  it('keeps the finding where the mention is not accepted (allow list) or PERSON is not propagated', () => {
    const found = [[director, country, said]];
    expect(withMentions([t], found, ['PERSON'], (d, text) => text.slice(d.start, d.end) !== 'Jordan')).toEqual(found);
    expect(withMentions([t], found, [])).toEqual(found);
    expect(withMentions([t], found, ['LOCATION'])[0].filter((d) => d.entity === 'PERSON')).toEqual([director]);
  });
});


describe('propagateMentions on names outside the BMP', () => {
  it('finishes when such a name is found again inside another finding', () => {
    // With the `u` flag, lastIndex = start + 1 inside a surrogate pair moves back to the pair's start: the scan met the
    // same match forever and blocked the event loop. Run under a watchdog so that a regression fails, not hangs.
    const t = '𠀋明 was here; ID: 𠀋明 and 𠀋明 again';
    const found = [[at(t, '𠀋明'), at(t, 'ID: 𠀋明', 'CUSTOM')]];
    const extra = withinWatchdog(() => propagateMentions([t], found, ['PERSON']));
    expect(spans(t, extra[0])).toEqual([['PERSON', '𠀋明']]);
    expect(extra[0][0].start).toBe(t.lastIndexOf('𠀋明'));
  });
});

describe('propagateMentions finds what one Unicode regex of the forms would find', () => {
  // The lookup used to be one global `u` regex per request, compiled from the request's names; it is now a scan with
  // indexOf (a regex with Unicode property classes takes about a millisecond to compile). This is that regex, as the
  // reference: the same matches, in the same order, on texts built to hit every edge (joiners, marks, surrogate pairs,
  // overlapping forms, findings in the way).
  const BEFORE = String.raw`(?<![\p{L}\p{N}\p{M}])(?<![\p{L}\p{N}][.@_+-])`;
  const AFTER = String.raw`(?![\p{L}\p{N}\p{M}])(?![.@_+-][\p{L}\p{N}])`;
  function reference(text: string, forms: string[], own: Detection[]): Array<[number, string]> {
    const re = new RegExp(`${BEFORE}(?:${forms.map(escapeRegExp).join('|')})${AFTER}`, 'gu');
    const out: Array<[number, string]> = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (own.some((d) => d.start < end && start < d.end)) {
        re.lastIndex = nextIndex(text, start);
        continue;
      }
      out.push([start, m[0]]);
    }
    return out;
  }

  const PIECES = [
    'Kofi Adeyemi', 'Kofi', 'Adeyemi', 'Ana Li', 'Li', 'Lin', ' ', ' ', ' ', '.', '@', '-', '_', '+', ',', '\n', 'x',
    '3', 'é', '\u0301', '😀', '𠀋', 'Ω', '(', ')',
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };

  it('on 400 random texts', () => {
    let compared = 0;
    for (let trial = 0; trial < 400; trial++) {
      let text = '';
      const sources: Detection[] = [];
      const other: Detection[] = [];
      for (let k = 0; k < 30; k++) {
        const piece = PIECES[rand(PIECES.length)];
        const start = text.length;
        text += piece;
        if ((piece === 'Kofi Adeyemi' || piece === 'Ana Li') && sources.length === 0) {
          sources.push({ entity: 'PERSON', start, end: text.length, score: 0.9, detectorId: 'ner.test' });
        } else if (piece.length > 1 && rand(6) === 0) {
          // a finding in the way: a mention overlapping it is skipped, the scan goes on inside it
          other.push({ entity: 'LOCATION', start, end: text.length, score: 0.9, detectorId: 'pattern.test' });
        }
      }
      if (sources.length === 0) continue;
      const own = [...sources, ...other];
      const [extra] = propagateMentions([text], [own], ['PERSON']);
      const whole = text.slice(sources[0].start, sources[0].end);
      const forms = [whole, ...whole.split(' ')].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      const expected = reference(text, [...new Set(forms)], own);
      expect(extra.map((d) => [d.start, text.slice(d.start, d.end)])).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

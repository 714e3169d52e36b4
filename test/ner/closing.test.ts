import { withoutClosing } from '../../src/detectors/ner/closing';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import { fakeWordModel } from '../helpers/fake-ner';

/** What is left of the span `part` of `text`, or null. */
function left(text: string, part = text): string | null {
  const start = text.indexOf(part);
  const r = withoutClosing(text, start, start + part.length);
  return r ? text.slice(r.start, r.end) : null;
}

describe('withoutClosing', () => {
  it.each([
    ['Warmly, Wuraola Ansah', 'Wuraola Ansah'],
    ['WARMLY, KATERYNA KAMIŃSKI', 'KATERYNA KAMIŃSKI'],
    ['Kind regards,\nPriya', 'Priya'],
    ['kind  regards, tom', 'tom'],
    ['Thanks! Maria Lopez', 'Maria Lopez'],
    ['Sincerely, Dr. Helen Park', 'Dr. Helen Park'],
  ])('%j → %j', (span, expected) => {
    expect(left(span)).toBe(expected);
  });

  it.each(['Warmly', 'Warmly,', 'REGARDS', 'Thank you.', 'many thanks!'])('drops %j: nothing but a closing', (span) => {
    expect(left(span)).toBeNull();
  });

  it.each([
    'Best, George', // a surname in Last, First order
    'Love, Courtney',
    'Thanksgiving Smith', // a word that only starts like a closing
    'Regardsson, Ann',
    'Thanks Giving Smith', // no comma after the closing: not a sign-off
    'Ana Warmly', // a closing word inside is not at the start
  ])('keeps %j whole', (span) => {
    expect(left(span)).toBe(span);
  });
});

describe('NER detector: closings', () => {
  // label indices: 0 O, 1 B-PER, 2 I-PER; the real featurizer's tokens
  const found = async (lex: Record<string, number>, text: string) =>
    (await createNerDetector(fakeWordModel(lex)).detect(text, {})).map((d) => [d.entity, text.slice(d.start, d.end)]);

  it('drops a closing tagged as a name, and trims one tagged as the start of a name', async () => {
    expect(await found({ warmly: 1, ana: 1, ruiz: 2 }, 'Thanks.\nWarmly,\nAna Ruiz')).toEqual([['PERSON', 'Ana Ruiz']]);
    // "Warmly , Ana Ruiz" tagged B I I I: one span, trimmed to the name
    expect(await found({ warmly: 1, ',': 2, ana: 2, ruiz: 2 }, 'Warmly, Ana Ruiz')).toEqual([['PERSON', 'Ana Ruiz']]);
  });
});

import { completeHyphenatedName } from '../../src/detectors/ner/hyphenated-name';
import { createNerDetector } from '../../src/detectors/ner/ner-detector';
import { fakeWordModel } from '../helpers/fake-ner';

/** The text of `[start, end)` after growing the span that `name` marks in `text`. */
function grown(text: string, name: string): string {
  const start = text.indexOf(name);
  const g = completeHyphenatedName(text, start, start + name.length);
  return text.slice(g.start, g.end);
}

describe('completeHyphenatedName', () => {
  it.each([
    ['dr. ngozi okonkwo-bello reviewed', 'ngozi okonkwo', 'ngozi okonkwo-bello'],
    ['Dr. Ngozi Okonkwo-Bello reviewed', 'Ngozi Okonkwo', 'Ngozi Okonkwo-Bello'],
    ['PT: OKONKWO-BELLO, NGOZI', 'OKONKWO', 'OKONKWO-BELLO'],
    ['seen by jean-pierre dubois', 'pierre dubois', 'jean-pierre dubois'],
    ['Ana Garcia-Lopez-Marquez came', 'Ana Garcia', 'Ana Garcia-Lopez-Marquez'],
    // U+2011 non-breaking hyphen
    ['Mary\u2011Kate Olsen', 'Kate Olsen', 'Mary\u2011Kate Olsen'],
    // Unicode letters on both sides
    ['Zoë Saldaña-Nazario', 'Zoë Saldaña', 'Zoë Saldaña-Nazario'],
  ])('grows %j from %j', (text, name, expected) => {
    expect(grown(text, name)).toBe(expected);
  });

  it.each([
    // the part is cased unlike the name's edge word: not a part of the name
    ['an Obama-era rule', 'Obama'],
    ['a Trump-backed bill', 'Trump'],
    ['the Smith-like case', 'Smith'],
    ['pre-Smith era', 'Smith'],
    ['SMITH-like', 'SMITH'],
    // a dash with spaces, a number, or a hyphen at the text's edges
    ['John Smith - Cardiology', 'John Smith'],
    ['John Smith-2', 'John Smith'],
    ['John Smith-', 'John Smith'],
    ['-John Smith', 'John Smith'],
    // a span that does not end in a letter
    ['Smith J.-Bello', 'Smith J.'],
  ])('keeps %j at %j', (text, name) => {
    expect(grown(text, name)).toBe(name);
  });
});

describe('NER detector: names over hyphens', () => {
  // label indices: 0 O, 1 B-PER, 2 I-PER, 3 B-LOC; the real featurizer's tokens ("-" is a token of its own)
  const texts = async (lex: Record<string, number>, text: string) =>
    (await createNerDetector(fakeWordModel(lex)).detect(text, {})).map((d) => [d.entity, text.slice(d.start, d.end)]);

  it('grows a PERSON finding over a hyphenated part the model left out', async () => {
    expect(await texts({ ngozi: 1, okonkwo: 2 }, 'dr ngozi okonkwo-bello reviewed')).toEqual([['PERSON', 'ngozi okonkwo-bello']]);
  });

  it('makes the two halves of a name the model found apart one finding', async () => {
    const text = 'seen by okonkwo-bello today';
    const d = await createNerDetector(fakeWordModel({ okonkwo: 1, bello: 1 })).detect(text, {});
    expect(d.map((x) => [x.entity, text.slice(x.start, x.end)])).toEqual([['PERSON', 'okonkwo-bello']]);
  });

  it('leaves other types and differently cased parts alone', async () => {
    expect(await texts({ paris: 3 }, 'a paris-based firm')).toEqual([['LOCATION', 'paris']]);
    expect(await texts({ obama: 1 }, 'an Obama-era rule')).toEqual([['PERSON', 'Obama']]);
  });
});

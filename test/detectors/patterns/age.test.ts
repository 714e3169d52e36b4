import { ageDetector } from '../../../src/detectors/patterns/age';
import { detect, found, spans } from '../helpers';

describe('pattern.age', () => {
  it.each([
    ['a 93-year-old man', ['93']],
    ['patient is 45 years old', ['45']],
    ['aged 91', ['91']],
    ['Age: 95', ['95']],
    ['93 yo female', ['93']],
    ['93 y/o female', ['93']],
    ['72 y.o. male', ['72']],
    ['at the age of 101', ['101']],
    ['a 6 year old child', ['6']],
    ['she is 90 years of age', ['90']],
    ['My son turned 91 last week', ['91']],
    ['she turns 95 tomorrow', ['95']],
    // ages over 89 in words
    ['grandpa is ninety-four years old', ['ninety-four']],
    ['turned ninety-one in May', ['ninety-one']],
    ['aged one hundred and three', ['one hundred and three']],
    ['a ninety-year-old woman', ['ninety']],
    ['Age: ninety', ['ninety']],
  ])('finds %j', (text, expected) => {
    expect(found(ageDetector, text)).toEqual(expected);
  });

  it.each([
    ['page 93'],
    ['He turned 90 degrees'],
    ['the dial turned 45 % further'],
    ['turned 30 minutes ago'],
    ['the dose turned 100 mg after titration'],
    ['heart rate turned 95 bpm'],
    ['turned ninety degrees'],
    ['ninety patients'],
    ['stage 3 cancer'],
    ['93 patients'],
    ['a 200-year-old house'],
    ['the 1990s'],
    ['usage: 45'],
    ['10 years ago'],
    ['v2 years old'],
  ])('ignores %j', (text) => {
    expect(found(ageDetector, text)).toEqual([]);
  });

  it('scores ages over 89 higher', () => {
    expect(detect(ageDetector, '93-year-old')[0].score).toBeGreaterThan(detect(ageDetector, '45-year-old')[0].score);
  });

  it('spans the number only', () => {
    expect(spans(ageDetector, 'A 93-year-old, aged 91.')).toEqual([
      [2, 4],
      [20, 22],
    ]);
  });
});

import { createLabelMapper } from '../../src/detectors/ner/label-map';

describe('label map', () => {
  const map = createLabelMapper();
  it.each([
    ['PER', 'PERSON'],
    ['person', 'PERSON'],
    ['PERSON', 'PERSON'],
    ['LOC', 'LOCATION'],
    ['GPE', 'LOCATION'],
    ['location', 'LOCATION'],
    ['ORG', 'ORGANIZATION'],
    ['corporation', 'ORGANIZATION'],
    ['group', 'ORGANIZATION'],
    ['DATE', 'DATE_TIME'],
    ['TIME', 'DATE_TIME'],
    ['MISC', undefined],
    ['product', undefined],
    ['creative-work', undefined],
    ['SOMETHING_ELSE', undefined],
    ['EMAIL_ADDRESS', 'EMAIL_ADDRESS'],
  ])('%s → %s', (type, expected) => {
    expect(map(type)).toBe(expected);
  });

  it('takes overrides, and null drops a type', () => {
    const m = createLabelMapper({ MISC: 'CUSTOM', PER: null, 'creative-work': 'ORGANIZATION' });
    expect(m('MISC')).toBe('CUSTOM');
    expect(m('PER')).toBeUndefined();
    expect(m('CREATIVE_WORK')).toBe('ORGANIZATION');
    expect(m('LOC')).toBe('LOCATION');
  });
});

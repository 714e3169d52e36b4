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
    // clinical de-identification label sets
    ['PATIENT', 'PERSON'],
    ['STAFF', 'PERSON'],
    ['HCW', 'PERSON'],
    ['HOSP', 'ORGANIZATION'],
    ['PATORG', 'ORGANIZATION'],
    ['location-other', 'LOCATION'],
    ['ZIP', 'US_ZIP_CODE'],
    ['MEDICALRECORD', 'MEDICAL_RECORD_NUMBER'],
    ['HEALTHPLAN', 'HEALTH_PLAN_ID'],
    ['ID', 'CUSTOM'],
    ['OTHERPHI', 'CUSTOM'],
    ['USERNAME', 'USERNAME'],
    ['AGE', 'AGE'],
    ['PROFESSION', undefined],
    // PII models
    ['FIRSTNAME', 'PERSON'],
    ['last_name', 'PERSON'],
    ['SURNAME', 'PERSON'],
    ['TELEPHONENUM', 'PHONE_NUMBER'],
    ['SOCIALNUM', 'US_SSN'],
    ['CREDITCARDNUMBER', 'CREDIT_CARD'],
    ['DOB', 'DATE_TIME'],
    ['IPV4', 'IP_ADDRESS'],
  ])('%s → %s', (type, expected) => {
    expect(map(type)).toBe(expected);
  });

  it('applies override layers in order, comparing normalized keys', () => {
    const m = createLabelMapper({ id: 'MEDICAL_RECORD_NUMBER', 'last-name': 'PERSON' }, { ID: null }, undefined);
    expect(m('ID')).toBeUndefined();
    expect(m('LAST_NAME')).toBe('PERSON');
    expect(createLabelMapper({ id: 'MEDICAL_RECORD_NUMBER' })('Id')).toBe('MEDICAL_RECORD_NUMBER');
  });

  it('takes overrides, and null drops a type', () => {
    const m = createLabelMapper({ MISC: 'CUSTOM', PER: null, 'creative-work': 'ORGANIZATION' });
    expect(m('MISC')).toBe('CUSTOM');
    expect(m('PER')).toBeUndefined();
    expect(m('CREATIVE_WORK')).toBe('ORGANIZATION');
    expect(m('LOC')).toBe('LOCATION');
  });
});

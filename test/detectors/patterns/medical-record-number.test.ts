import { medicalRecordNumberDetector } from '../../../src/detectors/patterns/medical-record-number';
import { detect, found, spans } from '../helpers';

describe('pattern.medical-record-number', () => {
  it.each([
    ['MRN: 00123456', ['00123456']],
    ['MR# 7654321', ['7654321']],
    ['Medical record number 12345678', ['12345678']],
    ['chart 998877', ['998877']],
    ['MRN MR-0012345', ['MR-0012345']],
    ['Medical Record No.:\n  4455667', ['4455667']],
    // dashed groups without a run of five digits
    ['Patient: R. V.   MRN: 7730-221', ['7730-221']],
    ['MRN 12-3456-7', ['12-3456-7']],
    // the record's other labelled numbers
    ['Accession # S24-11832, specimen ID 2024-AB-00912, encounter 7812934', ['S24-11832', '2024-AB-00912', '7812934']],
    ['CSN: 100234871', ['100234871']],
    ['Case no. AB12C34D', ['AB12C34D']],
  ])('finds %j', (text, expected) => {
    expect(found(medicalRecordNumberDetector, text)).toEqual(expected);
  });

  it.each([
    ['weight 123456'],
    ['order 12345678'],
    ['price 1,234,567'],
    ['ref MR-0012345'],
    ['phone 617-253-1000'],
    ['ref 7730-221'],
    // a label's word in other senses, and values that are not ids
    ['the encounter lasted 45 minutes'],
    ['Encounter date: 2024-03-14'],
    ['specimen collected at 10:30'],
    ['case 2019'],
    ['visit # 2'],
    ['MRN pending'],
    ['Filed in the duplicate chart. Pharmacy order #7357887 is ready'],
  ])('ignores %j', (text) => {
    expect(found(medicalRecordNumberDetector, text)).toEqual([]);
  });

  it('ignores a later value on the same line after another field', () => {
    expect(found(medicalRecordNumberDetector, 'MRN: 00123456; Member ID: 98765432')).toEqual(['00123456']);
  });

  it('does not take a label from a paragraph above', () => {
    expect(found(medicalRecordNumberDetector, 'MRN\n\nunrelated 1234567')).toEqual([]);
  });

  it('scores bare digit runs low (< 0.4)', () => {
    expect(detect(medicalRecordNumberDetector, 'id 00123456')[0].score).toBeLessThan(0.4);
  });

  it('reports exact offsets', () => {
    expect(spans(medicalRecordNumberDetector, 'MRN: 00123456.')).toEqual([[5, 13]]);
  });
});

import { idNumberDetector } from '../../../src/detectors/patterns/id-number';
import { found } from '../helpers';

describe('pattern.id-number', () => {
  it.each([
    ['Insurance claim # 2024-88213-A; claim no. 7781239', ['2024-88213-A', '7781239']],
    ['Rx #4471829 filled at CVS', ['4471829']],
    ['Employee ID: E-10023; badge 44817', ['E-10023', '44817']],
    ['Student ID 20231187, locker 88', ['20231187']],
    ["Pt's fingerprint ID FP-88213 and retinal scan RS-7741 on file", ['FP-88213', 'RS-7741']],
    ['vehicle plate KJM 4471, tag number 7XYZ123', ['KJM 4471', '7XYZ123']],
    ['national ID: AB123456C', ['AB123456C']],
  ])('finds %j', (text, expected) => {
    expect(found(idNumberDetector, text)).toEqual(expected);
  });

  it.each([
    ['7781239'], // no label
    ['claim filed in 2024'], // a year
    ['claim date 2024-03-14'], // a dashed date
    ['badge 12'], // too short
    ['Rx: ibuprofen 400mg'], // a dose
    ['employee id pending'],
    ['order 4471829'], // not one of its labels
    ['claim 1234 5678 9012'], // a run of numbers is not a plate
  ])('ignores %j', (text) => {
    expect(found(idNumberDetector, text)).toEqual([]);
  });
});

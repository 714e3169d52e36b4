import { accountNumberDetector } from '../../../src/detectors/patterns/account-number';
import { healthPlanIdDetector } from '../../../src/detectors/patterns/health-plan-id';
import { licenseNumberDetector } from '../../../src/detectors/patterns/license-number';
import { found, spans } from '../helpers';

describe('pattern.health-plan-id', () => {
  it.each([
    ['Member ID: XYZ123456789', ['XYZ123456789']],
    ['policy number W1234-5678', ['W1234-5678']],
    ['Medicare 1EG4-TE5-MK73', ['1EG4-TE5-MK73']],
    ['subscriber 987654321', ['987654321']],
    ['Insurance ID H12345678', ['H12345678']],
  ])('finds %j', (text, expected) => {
    expect(found(healthPlanIdDetector, text)).toEqual(expected);
  });

  it.each([
    ['XYZ123456789'],
    ['member id pending'],
    ['policy number ABCDEFGH'],
    ['health plan v2.1.3'],
    ['order ABC123456'],
  ])('ignores %j', (text) => {
    expect(found(healthPlanIdDetector, text)).toEqual([]);
  });

  it('uses policy context words', () => {
    expect(found(healthPlanIdDetector, 'plan no X123456', { contextWords: { HEALTH_PLAN_ID: ['plan no'] } })).toEqual(['X123456']);
  });
});

describe('pattern.account-number', () => {
  it.each([
    ['Acct# 1234-5678-9012', ['1234-5678-9012']],
    ['account number 000123456789', ['000123456789']],
    ['bank account 12 3456 7890', ['12 3456 7890']],
    // groups shorter than four digits
    ['Acct: 123-456-789', ['123-456-789']],
    ['account no. 12 34 56 78', ['12 34 56 78']],
    ['a/c 98765432', ['98765432']],
  ])('finds %j', (text, expected) => {
    expect(found(accountNumberDetector, text)).toEqual(expected);
  });

  it.each([['1234-5678-9012'], ['account 12345'], ['account balance $1,234.56'], ['order 000123456789']])(
    'ignores %j',
    (text) => {
      expect(found(accountNumberDetector, text)).toEqual([]);
    },
  );

  it('reports exact offsets', () => {
    expect(spans(accountNumberDetector, 'acct 98765432.')).toEqual([[5, 13]]);
  });
});

describe('pattern.license-number', () => {
  it.each([
    ["Driver's license D1234567", ['D1234567']],
    ['DL# S530-4601-2345', ['S530-4601-2345']],
    ['medical license MD12345', ['MD12345']],
    ['lic 123456789', ['123456789']],
    ['DL: B1234567', ['B1234567']],
    // HIPAA's certificate/license numbers include certificates; passports are filed here too
    ['passport no. 562193847', ['562193847']],
    ['Passport: X12345678', ['X12345678']],
    ['birth certificate no. BC-2024-001234', ['BC-2024-001234']],
  ])('finds %j', (text, expected) => {
    expect(found(licenseNumberDetector, text)).toEqual(expected);
  });

  it.each([
    ['D1234567'],
    ['MIT license 2.0'],
    ['license pending'],
    ['license ABCDEFG'],
    ['licensed 123456'],
    ['license renewed 2024-03-14'],
    ['LDL 112 mg/dL. Pharmacy order #A00-869188'],
  ])(
    'ignores %j',
    (text) => {
      expect(found(licenseNumberDetector, text)).toEqual([]);
    },
  );
});

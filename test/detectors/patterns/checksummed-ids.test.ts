import { deviceIdDetector } from '../../../src/detectors/patterns/device-id';
import { luhnValid } from '../../../src/detectors/patterns/luhn';
import { isValidDea, usDeaDetector } from '../../../src/detectors/patterns/us-dea';
import { isValidNpi, usNpiDetector } from '../../../src/detectors/patterns/us-npi';
import { isValidVin, vinDetector } from '../../../src/detectors/patterns/vin';
import { detect, found, spans } from '../helpers';

describe('pattern.us-npi', () => {
  it.each([
    ['NPI 1234567893', ['1234567893']],
    ['npi: 1245319599', ['1245319599']],
    ['prescriber NPI 1003000126.', ['1003000126']],
  ])('finds %j', (text, expected) => {
    expect(found(usNpiDetector, text)).toEqual(expected);
  });

  it.each([['NPI 1234567890'], ['NPI 3234567893'], ['NPI 123456789'], ['NPI 12345678931']])('ignores %j', (text) => {
    expect(found(usNpiDetector, text)).toEqual([]);
  });

  it('keeps a valid NPI without context below the threshold', () => {
    expect(detect(usNpiDetector, 'x 1234567893')[0].score).toBeLessThan(0.5);
  });

  it.each([
    ['1234567893', true],
    ['1234567890', false],
    ['0234567893', false],
  ])('isValidNpi(%s) = %s', (n, ok) => expect(isValidNpi(n)).toBe(ok));
});

describe('pattern.us-dea', () => {
  it.each([
    ['DEA AB1234563', ['AB1234563']],
    ['DEA# FN5623740', ['FN5623740']],
    ['reg BJ6125341 on file', ['BJ6125341']],
  ])('finds %j', (text, expected) => {
    expect(found(usDeaDetector, text)).toEqual(expected);
  });

  it.each([['DEA AB1234564'], ['DEA ZZ1234563'], ['DEA AB123456'], ['DEA AB12345630']])('ignores %j', (text) => {
    expect(found(usDeaDetector, text)).toEqual([]);
  });

  it.each([
    ['AB1234563', true],
    ['AB1234564', false],
  ])('isValidDea(%s) = %s', (n, ok) => expect(isValidDea(n)).toBe(ok));
});

describe('pattern.vin', () => {
  it.each([
    ['VIN 1M8GDM9AXKP042788', ['1M8GDM9AXKP042788']],
    ['car 11111111111111111 and 1HGCM82633A004352', ['1HGCM82633A004352']],
    ['(JH4KA7561PC008269)', ['JH4KA7561PC008269']],
  ])('finds %j', (text, expected) => {
    expect(found(vinDetector, text)).toEqual(expected);
  });

  it.each([['VIN 1M8GDM9AXKP042789'], ['VIN 1M8GDM9AIKP042788'], ['VIN 1M8GDM9AXKP04278'], ['VIN ABCDEFGHJKLMNPRST']])(
    'ignores %j',
    (text) => {
      expect(found(vinDetector, text)).toEqual([]);
    },
  );

  it.each([
    ['1M8GDM9AXKP042788', true],
    ['1HGCM82633A004352', true],
    ['1HGCM82634A004352', false],
  ])('isValidVin(%s) = %s', (v, ok) => expect(isValidVin(v)).toBe(ok));
});

describe('pattern.device-id', () => {
  it.each([
    ['IMEI 490154203237518', ['490154203237518']],
    ['imei: 49-015420-323751-8', ['49-015420-323751-8']],
    ['UDI (01)00643169007222(17)251231(21)A1234', ['(01)00643169007222(17)251231(21)A1234']],
    ['pacemaker serial no SN-88231X', ['SN-88231X']],
    ['Device ID: 7F3A-99B2-C1', ['7F3A-99B2-C1']],
  ])('finds %j', (text, expected) => {
    expect(found(deviceIdDetector, text)).toEqual(expected);
  });

  it.each([
    ['ref 490154203237519'],
    ['490154203237518'],
    ['serial killer'],
    ['SN-88231X'],
    ['insulin pump model MMT-780G'],
    ['device checked 2024-03-14'],
  ])(
    'ignores %j',
    (text) => {
      expect(found(deviceIdDetector, text)).toEqual([]);
    },
  );

  it('reports exact offsets', () => {
    expect(spans(deviceIdDetector, 'IMEI: 490154203237518.')).toEqual([[6, 21]]);
  });

  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['', false],
  ])('luhnValid(%j) = %s', (n, ok) => expect(luhnValid(n)).toBe(ok));
});

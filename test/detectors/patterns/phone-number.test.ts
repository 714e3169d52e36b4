import { phoneNumberDetector } from '../../../src/detectors/patterns/phone-number';
import { detect, found, spans } from '../helpers';

describe('pattern.phone-number', () => {
  it.each([
    ['Call (617) 253-1000 now', ['(617) 253-1000']],
    ['office 617-253-1000 ext. 12', ['617-253-1000 ext. 12']],
    ['Dr. Lee (617) 555-0123 x204', ['(617) 555-0123 x204']],
    ['fax: 617.253.1000', ['617.253.1000']],
    ['+1 (617) 253-1000', ['+1 (617) 253-1000']],
    ['London +44 20 7946 0958', ['+44 20 7946 0958']],
    ['Berlin +49 30 901820', ['+49 30 901820']],
    ['Paris +33 1 42 68 53 00', ['+33 1 42 68 53 00']],
    ['toll free 1-800-555-0199', ['1-800-555-0199']],
    ['phone: 6172531000', ['6172531000']],
    ['test line (555) 123-4567', ['(555) 123-4567']],
    ['tel 617 253 1000 617 253 1001', ['617 253 1000', '617 253 1001']],
    ['call me at 0044 20 7946 0958, easier', ['0044 20 7946 0958']],
    ['Emergency contact: J. Smith (daughter), 6172531000.', ['6172531000']],
    ['Callback requested at 6172531000 after 10:30.', ['6172531000']],
    ['Best regards,\nOlga Thompson\n2062606331\n', ['2062606331']],
    // 7-digit local numbers and other countries' national formats, after a phone word
    ["Daughter's phone 555-0142, call after 5.", ['555-0142']],
    ['call me at 867-5309 tonight', ['867-5309']],
    ['Tel: 482.1937 ext. 22', ['482.1937 ext. 22']],
    ['cell +44 7700 900123, home 020 7946 0958', ['+44 7700 900123', '020 7946 0958']],
    ['Telefon: 030 901820', ['030 901820']],
    ['tél. 01 42 68 53 00', ['01 42 68 53 00']],
    ['call 0172531000', ['0172531000']],
    ['my number is 5551234567', ['5551234567']],
    // the second number shares the first one's phone word
    ['call 555-0142 or 555-0199', ['555-0142', '555-0199']],
    ['mobile 6171231000, 6171231001', ['6171231000', '6171231001']],
  ])('finds %j', (text, expected) => {
    expect(found(phoneNumberDetector, text)).toEqual(expected);
  });

  it.each([
    ['DOB 03/14/1962'],
    ['total $1,234.56'],
    ['upgrade to v2.10.4'],
    ['SSN 123-45-6789'],
    ['Order #6172531000'],
    ['invoice 617-253-1000'],
    ['meet at 12:30'],
    ['ISBN 978-3-16-148410-0'],
    ['admitted 2024-03-14'],
    ['zip 02139-4307'],
    ['card 4111 1111 1111 1111'],
    ['6172531000'],
    ['host 10.100.100.100'],
    // ten digits whose first is 2-9, like a NANP number, but a dotted quad: an IPv4 address
    ['login failures from 84.82.145.153'],
    ['Requests came from 172.128.83.133 twice.'],
    ['version 10.20.30.40.50'],
    ['call 617)253-1000'],
    // without a phone word, 7-digit and 0-led national runs are left alone
    ['0172531000'],
    ['see 020 7946 0958'],
    ['555-0142'],
    ['code 482-1937'],
    // an exchange cannot start with 0 or 1, nor be N11
    ['home 123-4567'],
    ['call 411-1234'],
    // 0-led runs of 8 digits, or invalid in every listed region
    ['call 01234567'],
    ['call 0000000000'],
    ['account number 555-0142'],
    ['account number 6172531000'],
    ['MRN:\n6172531000\n'],
    ['Best regards,\nOlga\n1234567890\n'],
  ])('ignores %j', (text) => {
    expect(found(phoneNumberDetector, text)).toEqual([]);
  });

  it('scores a bare valid digit run below the threshold, and raises it with a phone word', () => {
    expect(detect(phoneNumberDetector, '6172531000')[0].score).toBeLessThan(0.5);
    expect(detect(phoneNumberDetector, 'cell 6172531000')[0].score).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['(617) 253-1000', 0.75],
    ['(555) 123-4567', 0.55],
    ['(211) 253-1000', 0.55],
    ['617-911-1000', 0.55],
    ['(696) 253-1000', 0.55],
    ['6172531000', 0.4],
    ['6171231000', 0.3],
  ])('scores %s by the NANP rules: %d', (text, score) => {
    expect(detect(phoneNumberDetector, text).map((x) => x.score)).toEqual([score]);
  });

  it('raises scores with policy context words', () => {
    const text = 'beeper 6172531000';
    expect(detect(phoneNumberDetector, text)[0].score).toBeLessThan(0.5);
    expect(detect(phoneNumberDetector, text, { contextWords: { PHONE_NUMBER: ['beeper'] } })[0].score).toBeGreaterThanOrEqual(0.8);
  });

  it('shares a phone word only with a number joined by "or", "and", "/" or a comma', () => {
    expect(found(phoneNumberDetector, 'call 555-0142 / 555-0199 and 555-0100')).toEqual(['555-0142', '555-0199', '555-0100']);
    expect(found(phoneNumberDetector, 'call 555-0142. Lot 555-0199 shipped')).toEqual(['555-0142']);
    expect(found(phoneNumberDetector, 'call 555-0142 then ask for 555-0199')).toEqual(['555-0142']);
  });

  it('reports exact offsets including the extension', () => {
    expect(spans(phoneNumberDetector, 'Tel: (617) 253-1000 x204.')).toEqual([[5, 24]]);
  });
});

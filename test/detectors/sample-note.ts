/** A synthetic note with at least one instance of every entity the pattern detectors find (all values fictional). */
export const SAMPLE_NOTE = [
  'Patient: 93-year-old male, DOB: 1/2/80, admitted on 3/14 and seen March 3rd, 2024 (2024-03-14T09:30).',
  'SSN 123-45-6789; MRN: 00123456; Member ID: XYZ123456789; Acct# 1234-5678-9012.',
  "Driver's license D1234567. NPI 1234567893, DEA AB1234563. VIN 1M8GDM9AXKP042788.",
  'Phone (617) 253-1000 x204, fax +44 20 7946 0958, email john.doe@example.org, chat @jdoe_77.',
  'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, IP 192.168.10.1 and 2001:db8::8a2e:370:7334.',
  'MAC 00:1A:2B:3C:4D:5E, see https://portal.example.com/records?id=7 or www.example.org.',
  'Lives at 221B Baker Street, Apt 4, Boston, MA 02139. IMEI 490154203237518, serial no SN-88231X.',
  'Claim # 2024-88213-A, badge 44817, insta lisa.m.photos. Moved to Hauptstraße 5, Berlin. Please tell Will.',
  'Version v1.2.3.4, price $1,234.56, at 12:30, order #5551234, pain 3/10.',
  'Best regards,',
  'Dr. Ana Lee',
].join('\n');

/** 100 KB adversarial inputs: long runs that make a super-linear regex blow up. */
export function adversarialInputs(size = 100_000): Record<string, string> {
  const rep = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    digits: rep('1'),
    'digits-spaced': rep('1 '),
    'digits-dashed': rep('12-'),
    'at-signs': rep('a@'),
    'at-handles': rep(' @ab.c-d'),
    'handle-chain': `@${rep('a.')}(`,
    'dotted-ones': rep('1.'),
    'letters-then-bang': `${rep('a')}!`,
    'upper-alnum': rep('A1'),
    separators: rep('-'),
    colons: rep('a:'),
    'hex-colons': rep('ab:'),
    slashes: rep('1/'),
    whitespace: `1${rep(' ')}1`,
    'capital-words': rep('12 Main '),
    'url-run': rep('http://a'),
    'words-with-digits': rep('Street 1 '),
    'plus-parens': rep('+(1)'),
    'long-alnum-words': rep('ABCDEFGHJKLMNPRSTUVWXYZ0123456789ABCDEFGH '),
    'labelled-values': rep('MRN 1234567 license D12-34 acct 12-34-56 serial A1-B2 member id X1 '),
    'iban-like': rep('DE89 3704 '),
    'dates-and-months': rep('3/14/2024 March 3 14-Mar-'),
    closings: rep('Best regards, \t \nThanks Ab Cd Ef Gh Ij '),
  };
}

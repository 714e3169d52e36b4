/**
 * A prefilter is only a shortcut: it must never hide a finding. Every built-in pattern detector is rebuilt from its
 * config without prefilters and run beside the original over generated texts that put labels next to values of
 * many digit groupings; the two must find exactly the same. (Two prefilters once asked for a run of five or four
 * digits, so "MRN: 7730-221" and "Acct: 123-456-789" were never looked at.)
 */
import { patternDetector, patternDetectorConfig } from '../../src/detectors/pattern-detector';
import { BUILT_IN_PATTERN_DETECTORS } from '../../src/detectors/patterns';
import { isValidNpi } from '../../src/detectors/patterns/us-npi';
import { isValidVin } from '../../src/detectors/patterns/vin';
import { rng } from '../helpers/rng';

const LABELS = [
  'MRN:', 'MR#', 'medical record', 'chart', 'patient id', 'acct', 'Acct#', 'account no.', 'a/c', 'routing', 'card',
  'visa', 'SSN', 'social security', 'DOB', 'born', 'age', 'aged', 'zip', 'ZIP code', 'member id', 'policy',
  'Medicare', 'license', 'DL', 'NPI', 'DEA', 'VIN', 'serial', 'device', 'IMEI', 'phone', 'fax', 'IP', 'MAC', 'lives at',
  'admitted', 'on', 'order', 'ref', 'invoice', 'Best regards,', 'email', 'user', 'IBAN', 'url', 'claim #', 'badge',
  'Employee ID', 'plate', 'insta', 'username:',
];
const WORDS = ['the', 'Smith', 'St', 'Ave', 'Suite', 'Boston', 'MA', 'was', 'seen', 'x', 'ext.', 'PM', 'years', 'old'];

function value(next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const groups = 1 + Math.floor(next() * 4);
  const sep = pick(['-', ' ', '.', '/', ':', '']);
  // short groups are common: a prefilter that wants a long digit run must still see values made of short ones
  let v = Array.from({ length: groups }, () => digits(1 + Math.floor(next() * next() * 8))).join(sep);
  if (next() < 0.2) v = pick(['A', 'MR', 'XJH', 'D', 'W', '1EG4-']) + v;
  if (next() < 0.1) v = `${v}${pick(['AB', 'x', 'Z9', 'F'])}`;
  if (next() < 0.05) v = `${pick(['ann', 'j.doe'])}@${pick(['example.org', 'mail.com'])}`;
  if (next() < 0.05) v = `${pick(['http://', 'www.'])}site${digits(2)}.org/p/${digits(3)}`;
  if (next() < 0.03) {
    // a checksum-valid NPI: one in ten candidates passes
    do v = `${1 + Math.floor(next() * 2)}${digits(9)}`;
    while (!isValidNpi(v));
  }
  if (next() < 0.03) {
    // a VIN whose check digit (position 9) is right: one in eleven candidates
    const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    const letters = (n: number) => Array.from({ length: n }, () => pick([...alphabet])).join('');
    do v = `${letters(8)}${pick([...'0123456789X'])}${letters(3)}${digits(5)}`;
    while (!isValidVin(v));
  }
  if (next() < 0.03) v = pick(['17 rue de la Paix', '17 bis rue Victor Hugo', '8a rue Blanche', 'Via Roma 12', 'Hauptstraße 5', 'Kerkstraat 12a']);
  if (next() < 0.03) v = pick(['my mom june', 'tell Will', 'her son Hunter', 'my son will', 'E-mail Bob']);
  // ages over 89 in words: no digit at all
  if (next() < 0.03) v = `${pick(['ninety-four', 'one hundred and two', 'Ninety'])}${pick([' years old', '', ' yo'])}`;
  // checksummed values that random digits seldom make: cards (Luhn), DEA numbers
  if (next() < 0.04) v = pick(['4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', 'AB1234563', 'BJ6125341']);
  const hex = () => Array.from({ length: 2 }, () => pick([...'0123456789ABCDEFabcdef'])).join('');
  if (next() < 0.05) v = Array.from({ length: 4 }, () => String(Math.floor(next() * 300))).join('.');
  if (next() < 0.05) v = Array.from({ length: 6 }, hex).join(pick([':', '-']));
  if (next() < 0.05) v = `${next() < 0.5 ? '@' : ''}${pick(['jsmith', 'ann_lee', 'dr.who'])}${digits(2)}`;
  if (next() < 0.05) v = `\n${pick(['Ann Lee', 'JOHN SMITH', 'Olga'])}\n${digits(3)}`;
  return v;
}

function texts(count: number, seed: number): string[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const n = 1 + Math.floor(next() * 4);
    for (let i = 0; i < n; i++) {
      if (next() < 0.8) parts.push(pick(LABELS));
      if (next() < 0.3) parts.push(pick(WORDS));
      parts.push(value(next));
      parts.push(pick([' ', '; ', '.\n', ', ', ' | ']));
    }
    return parts.join(next() < 0.7 ? ' ' : '');
  });
}

describe('pattern detectors: a prefilter never hides a finding', () => {
  const corpus = texts(4000, 17);
  const rebuilt = BUILT_IN_PATTERN_DETECTORS.flatMap((d) => {
    const config = patternDetectorConfig(d);
    if (!config) return [];
    const bare = patternDetector({
      ...config,
      kind: 'custom', // its own context scan: the shared built-in vocabulary is left as it is
      prefilter: undefined,
      patterns: config.patterns.map((p) => ({ ...p, prefilter: undefined })),
    });
    return [[d, bare] as const];
  });

  it('covers the pattern detectors built from configs', () => {
    expect(rebuilt.length).toBeGreaterThanOrEqual(18);
  });

  it.each(rebuilt.map(([d, bare]) => [d.id, d, bare] as const))('%s', (_id, d, bare) => {
    let findings = 0;
    for (const text of corpus) {
      const want = bare.detect(text, {}) as unknown[];
      const got = d.detect(text, {}) as unknown[];
      expect([text, got]).toEqual([text, want]);
      findings += want.length;
    }
    // the corpus does exercise every detector
    expect(findings).toBeGreaterThan(0);
  });
});

import { ENTITY_TYPES } from '../../src/detectors/entities';
import { patternDetector } from '../../src/detectors/pattern-detector';
import { createDefaultRegistry, DetectorRegistry } from '../../src/detectors/registry';

const make = (id: string) =>
  patternDetector({ id, entity: 'CUSTOM', patterns: [{ name: 'x', regex: /x/, score: 1 }] });

describe('DetectorRegistry', () => {
  it('registers, gets and lists detectors in order', () => {
    const r = new DetectorRegistry();
    const a = make('custom.a');
    const b = make('custom.b');
    r.register(a).register(b);
    expect(r.get('custom.a')).toBe(a);
    expect(r.has('custom.b')).toBe(true);
    expect(r.get('custom.c')).toBeUndefined();
    expect(r.list()).toEqual([a, b]);
  });

  it('refuses a duplicate id', () => {
    const r = new DetectorRegistry().register(make('custom.a'));
    expect(() => r.register(make('custom.a'))).toThrow(/custom\.a/);
  });

  it('returns a copy from list()', () => {
    const r = new DetectorRegistry().register(make('custom.a'));
    r.list().pop();
    expect(r.list()).toHaveLength(1);
  });
});

describe('createDefaultRegistry', () => {
  const ids = createDefaultRegistry()
    .list()
    .map((d) => d.id);

  it('holds every built-in pattern detector', () => {
    expect(ids).toEqual([
      'pattern.email',
      'pattern.phone-number',
      'pattern.us-ssn',
      'pattern.credit-card',
      'pattern.iban',
      'pattern.ip-address',
      'pattern.mac-address',
      'pattern.url',
      'pattern.username',
      'pattern.labelled-handle',
      'pattern.date-time',
      'pattern.age',
      'pattern.us-zip-code',
      'pattern.street-address',
      'pattern.street-address-eu',
      'pattern.medical-record-number',
      'pattern.health-plan-id',
      'pattern.account-number',
      'pattern.license-number',
      'pattern.us-npi',
      'pattern.us-dea',
      'pattern.vin',
      'pattern.device-id',
      'pattern.id-number',
      'pattern.signature-name',
      'pattern.cued-name',
    ]);
  });

  it('covers every entity type except those left to NER (PERSON only in sign-offs) and custom patterns', () => {
    const covered = new Set(createDefaultRegistry().list().flatMap((d) => d.entities));
    expect(ENTITY_TYPES.filter((e) => !covered.has(e))).toEqual(['LOCATION', 'ORGANIZATION', 'CUSTOM']);
  });

  it('gives each call a fresh registry', () => {
    const r = createDefaultRegistry();
    r.register(make('custom.extra'));
    expect(createDefaultRegistry().has('custom.extra')).toBe(false);
  });
});

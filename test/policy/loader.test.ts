import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyError } from '../../src/errors';
import { loadPolicy } from '../../src/policy/loader';
import { PolicyStore } from '../../src/policy/store';
import { unsafeRegexReason } from '../../src/policy/regex-safety';

const GOOD = join(__dirname, '..', 'fixtures', 'policies');
const BROKEN = join(__dirname, '..', 'fixtures', 'policies-broken');
const REPO_POLICIES = join(__dirname, '..', '..', 'policies');

describe('policy loader', () => {
  it('resolves extends: child wins, lists and context words merge, params validated and defaulted', () => {
    const p = loadPolicy(join(GOOD, 'tenants', 'clinic.yaml'), { profilesDir: GOOD });
    expect(p.id).toBe('clinic');
    expect(p.extends).toEqual(['base']);
    expect(p.threshold).toBe(0.6);
    expect(p.entities.PERSON).toEqual({ operator: 'mask', params: { char: '*', keep_first: 1, keep_last: 0 }, threshold: undefined, context: ['patient', 'pt'] });
    expect(p.entities.EMAIL_ADDRESS?.params).toEqual({ char: '*', keep_first: 0, keep_last: 4 });
    expect(p.entities.US_SSN?.operator).toBe('redact');
    expect(p.allow).toEqual({ exact: ['Dr. Who'], regex: ['ACME-[0-9]+'] });
    expect(p.customPatterns.map((c) => c.name)).toEqual(['staff-id']);
    expect(p.upstreams.llm).toEqual({ url: 'https://llm.example.com/v1', headers: {} });
    expect(p.onDetectorError).toBe('block');
    expect(p.propagateMentions).toEqual(['PERSON', 'LOCATION']); // clinic.yaml's own list replaces the default
    expect(p.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('propagate_mentions defaults to PERSON and an empty list turns it off', () => {
    expect(loadPolicy(join(GOOD, 'base.yaml'), { profilesDir: GOOD }).propagateMentions).toEqual(['PERSON']);
    const dir = mkdtempSync(join(tmpdir(), 'phi-pol-'));
    writeFileSync(join(dir, 'off.yaml'), 'propagate_mentions: []\n');
    expect(loadPolicy(join(dir, 'off.yaml'), { profilesDir: dir }).propagateMentions).toEqual([]);
  });

  it('version is a hash of content: same content same version, any change a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-pol-'));
    copyFileSync(join(GOOD, 'base.yaml'), join(dir, 'base.yaml'));
    mkdirSync(join(dir, 'tenants'));
    const file = join(dir, 'tenants', 'clinic.yaml');
    copyFileSync(join(GOOD, 'tenants', 'clinic.yaml'), file);
    const v1 = loadPolicy(file, { profilesDir: dir }).version;
    expect(loadPolicy(file, { profilesDir: dir }).version).toBe(v1);
    writeFileSync(join(dir, 'base.yaml'), 'threshold: 0.7\nentities:\n  PERSON: { operator: redact }\n');
    expect(loadPolicy(file, { profilesDir: dir }).version).not.toBe(v1);
  });

  it.each([
    ['bad-param.yaml', /bad-param\.yaml: entities\.EMAIL_ADDRESS\.params\.keep_last: expected number$/],
    ['unknown-entity.yaml', /unknown-entity\.yaml: entities(\.SOCIAL_NUMBER)?: /],
    ['unknown-param.yaml', /unknown-param\.yaml: entities\.PERSON\.params: unknown key colour$/],
    ['unknown-operator.yaml', /unknown-operator\.yaml: entities\.PERSON\.operator: not one of the allowed values$/],
    ['unknown-key.yaml', /unknown-key\.yaml: \(root\): unknown key treshold$/],
    ['redos.yaml', /redos\.yaml: custom_patterns\[0\]\.regex: nested quantifiers are not allowed$/],
    ['bad-yaml.yaml', /bad-yaml\.yaml: \(root\): invalid YAML/],
    ['missing-parent.yaml', /missing-parent\.yaml: extends: unknown profile no-such-profile$/],
    ['cycle-a.yaml', /extends: circular extends/],
    ['bad-propagate.yaml', /bad-propagate\.yaml: propagate_mentions\[1\]: /],
  ])('%s fails with file + field path', (file, message) => {
    let err: unknown;
    try {
      loadPolicy(join(BROKEN, file), { profilesDir: BROKEN });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('four'); // never echoes the value
  });

  it('loads the shipped profiles and example tenants', () => {
    const store = new PolicyStore(REPO_POLICIES);
    store.load();
    expect(store.tenants()).toEqual(expect.arrayContaining(['acme-clinic', 'shopwise']));
    expect(store.get('acme-clinic')!.extends).toEqual(['hipaa-safe-harbor']);
    expect(store.get('shopwise')!.entities.PERSON!.operator).toBe('pseudonymize');
    expect(store.resolve('hipaa-safe-harbor').entities.US_ZIP_CODE!.operator).toBe('generalize');
  });
});

describe('policy store reload', () => {
  it('keeps the previous policy of a tenant whose file breaks, and picks up valid edits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-store-'));
    mkdirSync(join(dir, 'tenants'));
    writeFileSync(join(dir, 'tenants', 'a.yaml'), 'tenant: a\nthreshold: 0.4\n');
    writeFileSync(join(dir, 'tenants', 'b.yaml'), 'tenant: b\nthreshold: 0.4\n');
    const store = new PolicyStore(dir);
    store.load();
    writeFileSync(join(dir, 'tenants', 'a.yaml'), 'tenant: a\nthreshold: [oops\n');
    writeFileSync(join(dir, 'tenants', 'b.yaml'), 'tenant: b\nthreshold: 0.8\n');
    const { errors, changed } = store.reload();
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/a\.yaml: /);
    expect(store.get('a')!.threshold).toBe(0.4);
    expect(store.get('b')!.threshold).toBe(0.8);
    expect(changed).toEqual(['b']);
  });

  it('start-up load is strict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-store-'));
    mkdirSync(join(dir, 'tenants'));
    writeFileSync(join(dir, 'tenants', 'a.yaml'), 'threshold: 2\n');
    expect(() => new PolicyStore(dir).load()).toThrow(PolicyError);
  });
});

describe('regex safety', () => {
  it.each(['(a+)+', '(\\d+)*x', '(?:ab*)+', '([a-z]{1,5}){2,}'])('rejects %s', (r) => expect(unsafeRegexReason(r)).toBeDefined());
  it.each(['\\bACME-\\d{6}\\b', '(ab)+', '(a+)?b', '[(+)]+', 'MRN[:#]?\\s*\\d{6,10}', '(\\w)\\1'].slice(0, 5))('accepts %s', (r) =>
    expect(unsafeRegexReason(r)).toBeUndefined(),
  );
  it('rejects back-references', () => expect(unsafeRegexReason('(\\w)\\1')).toBeDefined());
});

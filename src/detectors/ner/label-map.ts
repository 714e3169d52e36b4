/**
 * Model entity types (`PER`, `person`, `GPE`, `PATIENT`, `HOSP`, `FIRSTNAME`, …) → our Presidio entity types, for
 * the label sets of general NER models, clinical de-identification models and PII models. Configurable: a model
 * folder's `config.json` `phi_label_map`, then a detector's `labelMap`, are merged over the default; `null` drops a
 * type. Keys are matched case-insensitively, with `-` and spaces read as `_` (`creative-work` ≡ `CREATIVE_WORK`).
 * A type already named as one of ours (`AGE`, `URL`) maps to itself; other unknown types are dropped, and the
 * detector lists them (`info().ignoredTypes`, shown in `/readyz`) so that an operator sees what a model's labels
 * would lose.
 */
import { isEntityType, type EntityType } from '../entities';

export type LabelMap = Readonly<Record<string, EntityType | null>>;

export const DEFAULT_LABEL_MAP: LabelMap = {
  // CoNLL / OntoNotes / WNUT-17 named entities
  PER: 'PERSON',
  PERSON: 'PERSON',
  NAME: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  FAC: 'LOCATION',
  FACILITY: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  ORGANISATION: 'ORGANIZATION',
  CORPORATION: 'ORGANIZATION',
  GROUP: 'ORGANIZATION',
  DATE: 'DATE_TIME',
  TIME: 'DATE_TIME',
  MISC: null,
  PRODUCT: null,
  CREATIVE_WORK: null,
  // clinical de-identification models (i2b2 2014 / n2c2 categories, as obi/deid_* and StanfordAIMI/stanford-deidentifier-* label them)
  PATIENT: 'PERSON',
  DOCTOR: 'PERSON',
  STAFF: 'PERSON',
  HCW: 'PERSON',
  HOSP: 'ORGANIZATION',
  HOSPITAL: 'ORGANIZATION',
  PATORG: 'ORGANIZATION',
  VENDOR: 'ORGANIZATION',
  DEPARTMENT: 'ORGANIZATION',
  CITY: 'LOCATION',
  STATE: 'LOCATION',
  COUNTRY: 'LOCATION',
  COUNTY: 'LOCATION',
  LOCATION_OTHER: 'LOCATION',
  STREET: 'STREET_ADDRESS',
  ZIP: 'US_ZIP_CODE',
  PHONE: 'PHONE_NUMBER',
  FAX: 'PHONE_NUMBER',
  EMAIL: 'EMAIL_ADDRESS',
  IPADDR: 'IP_ADDRESS',
  SSN: 'US_SSN',
  MEDICALRECORD: 'MEDICAL_RECORD_NUMBER',
  HEALTHPLAN: 'HEALTH_PLAN_ID',
  ACCOUNT: 'ACCOUNT_NUMBER',
  LICENSE: 'LICENSE_NUMBER',
  VEHICLE: 'VIN',
  DEVICE: 'DEVICE_ID',
  USERNAME: 'USERNAME',
  // "any other unique identifying number, characteristic, or code" (Safe Harbor's 18th identifier)
  ID: 'CUSTOM',
  IDNUM: 'CUSTOM',
  BIOID: 'CUSTOM',
  OTHERPHI: 'CUSTOM',
  // PII models that split names and addresses into parts (adjacent parts become one finding: ner-detector.ts)
  FIRSTNAME: 'PERSON',
  FIRST_NAME: 'PERSON',
  GIVENNAME: 'PERSON',
  MIDDLENAME: 'PERSON',
  MIDDLE_NAME: 'PERSON',
  LASTNAME: 'PERSON',
  LAST_NAME: 'PERSON',
  SURNAME: 'PERSON',
  FULLNAME: 'PERSON',
  BUILDINGNUM: 'STREET_ADDRESS',
  STREETADDRESS: 'STREET_ADDRESS',
  ADDRESS: 'STREET_ADDRESS',
  ZIPCODE: 'US_ZIP_CODE',
  TELEPHONENUM: 'PHONE_NUMBER',
  PHONENUMBER: 'PHONE_NUMBER',
  SOCIALNUM: 'US_SSN',
  CREDITCARDNUMBER: 'CREDIT_CARD',
  IBAN: 'IBAN_CODE',
  IPV4: 'IP_ADDRESS',
  IPV6: 'IP_ADDRESS',
  DOB: 'DATE_TIME',
  DATEOFBIRTH: 'DATE_TIME',
  ACCOUNTNUM: 'ACCOUNT_NUMBER',
  ACCOUNTNUMBER: 'ACCOUNT_NUMBER',
  DRIVERLICENSENUM: 'LICENSE_NUMBER',
  IDCARDNUM: 'CUSTOM',
  TAXNUM: 'CUSTOM',
};

export function normalizeLabelType(type: string): string {
  return type.trim().toUpperCase().replace(/[-\s]+/g, '_');
}

/**
 * Build a lookup from the default map plus override layers, later layers winning (a model's `phi_label_map`, then
 * a caller's map), keys compared after normalization. A type already named as one of ours maps to itself.
 */
export function createLabelMapper(...overrides: (LabelMap | undefined)[]): (type: string) => EntityType | undefined {
  const table = new Map<string, EntityType | null>();
  for (const layer of [DEFAULT_LABEL_MAP, ...overrides]) {
    for (const [k, v] of Object.entries(layer ?? {})) table.set(normalizeLabelType(k), v);
  }
  return (type: string) => {
    const key = normalizeLabelType(type);
    if (table.has(key)) return table.get(key) ?? undefined;
    return isEntityType(key) ? key : undefined;
  };
}

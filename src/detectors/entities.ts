/**
 * Entity types, named as Microsoft Presidio names them so that policies and audit records speak the field's
 * language. A policy that names a type outside this list fails validation.
 */
export const ENTITY_TYPES = [
  'PERSON',
  'LOCATION',
  'ORGANIZATION',
  'DATE_TIME',
  'AGE',
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'US_SSN',
  'CREDIT_CARD',
  'IBAN_CODE',
  'IP_ADDRESS',
  'MAC_ADDRESS',
  'URL',
  'USERNAME',
  'US_ZIP_CODE',
  'STREET_ADDRESS',
  'MEDICAL_RECORD_NUMBER',
  'HEALTH_PLAN_ID',
  'ACCOUNT_NUMBER',
  'LICENSE_NUMBER',
  'US_NPI',
  'US_DEA',
  'VIN',
  'DEVICE_ID',
  'ID_NUMBER',
  'CUSTOM',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

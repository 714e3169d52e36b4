import type { Detector } from '../types';
import { accountNumberDetector } from './account-number';
import { ageDetector } from './age';
import { creditCardDetector } from './credit-card';
import { cuedNameDetector } from './cued-name';
import { dateTimeDetector } from './date-time';
import { deviceIdDetector } from './device-id';
import { emailDetector } from './email';
import { healthPlanIdDetector } from './health-plan-id';
import { ibanDetector } from './iban';
import { idNumberDetector } from './id-number';
import { ipAddressDetector } from './ip-address';
import { labelledHandleDetector } from './labelled-handle';
import { licenseNumberDetector } from './license-number';
import { macAddressDetector } from './mac-address';
import { medicalRecordNumberDetector } from './medical-record-number';
import { phoneNumberDetector } from './phone-number';
import { signatureNameDetector } from './signature-name';
import { streetAddressDetector } from './street-address';
import { euStreetAddressDetector } from './street-address-eu';
import { urlDetector } from './url';
import { usDeaDetector } from './us-dea';
import { usNpiDetector } from './us-npi';
import { usSsnDetector } from './us-ssn';
import { usernameDetector } from './username';
import { usZipCodeDetector } from './us-zip-code';
import { vinDetector } from './vin';

/** Every built-in deterministic detector, in registration order. */
export const BUILT_IN_PATTERN_DETECTORS: readonly Detector[] = [
  emailDetector,
  phoneNumberDetector,
  usSsnDetector,
  creditCardDetector,
  ibanDetector,
  ipAddressDetector,
  macAddressDetector,
  urlDetector,
  usernameDetector,
  labelledHandleDetector,
  dateTimeDetector,
  ageDetector,
  usZipCodeDetector,
  streetAddressDetector,
  euStreetAddressDetector,
  medicalRecordNumberDetector,
  healthPlanIdDetector,
  accountNumberDetector,
  licenseNumberDetector,
  usNpiDetector,
  usDeaDetector,
  vinDetector,
  deviceIdDetector,
  idNumberDetector,
  signatureNameDetector,
  cuedNameDetector,
];

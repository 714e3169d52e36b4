import { patternDetector } from '../pattern-detector';
import { looksLikeId } from './id-shape';

/**
 * LICENSE_NUMBER: driver's licenses and professional (medical, nursing, pharmacy) licenses, and the other documents
 * of HIPAA's "certificate/license numbers": certificates and passports. US formats vary by state (A1234567,
 * 123456789, D12-34-5678): 5–15 alphanumerics with at least one digit, reported only next to a label.
 */
export const licenseNumberDetector = patternDetector({
  id: 'pattern.license-number',
  entity: 'LICENSE_NUMBER',
  description: "Driver's and professional license, certificate and passport numbers (label required)",
  context: [
    "driver's license", 'drivers license', 'driver license', "driver's lic", 'driving licence', 'dl:', 'dl#', 'dl #',
    'dl no', 'dl number', 'dln', 'license', 'licence', 'lic', 'lic#', 'lic #', 'license no', 'license number', 'license #',
    'medical license', 'state license', 'permit', 'passport', 'passport no', 'passport number', 'passport #',
    'certificate no', 'certificate number', 'certificate #', 'cert #', 'cert no',
  ],
  contextScore: 0.85,
  prefilter: (text) => /\d/.test(text),
  patterns: [
    {
      name: 'license-id',
      regex: /(?<![\w.-])[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){4,17}(?![\w-]|\.\d)/i,
      score: 0.3,
      requireContext: true,
      validate: (match) => {
        const len = match.replace(/-/g, '').length;
        return looksLikeId(match) && len >= 5 && len <= 15;
      },
    },
  ],
});

import { patternDetector } from '../pattern-detector';

/** 2024-03-14, 03-14-2024, 3-4-62: year, month and day in either order. */
const DASHED_DATE = /^(?:(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|[12]\d|3[01])-(?:\d{2}|\d{4}))$/;

/**
 * MEDICAL_RECORD_NUMBER: 5–12 digits, optionally with a short letter prefix or dashes (MR-0012345). Without a nearby
 * "MRN", "medical record", "MR#" or "chart" label this is just a number: weak, below the threshold. The record's other
 * numbers count too when labelled: accession, specimen, encounter, visit and case numbers (HIPAA's "any other unique
 * identifying number"), in any id shape with a letter ("S24-11832", "2024-AB-00912").
 */
export const medicalRecordNumberDetector = patternDetector({
  id: 'pattern.medical-record-number',
  entity: 'MEDICAL_RECORD_NUMBER',
  description: 'Medical record numbers (needs an MRN / medical record / chart label to pass the threshold)',
  context: [
    'mrn', 'mr#', 'mr #', 'mr no', 'medical record', 'med rec', 'record number', 'record no', 'record #', 'chart',
    'chart #', 'patient id', 'patient no', 'patient number', 'pt id', 'pid', 'hospital number', 'unit number',
    'accession', 'acc #', 'acc#', 'specimen', 'encounter', 'enc #', 'visit #', 'visit no', 'visit number', 'visit id',
    'case #', 'case no', 'case number', 'fin #', 'fin:', 'csn',
  ],
  contextScore: 0.85,
  // a digit: labelled ids may have no run of digits at all ("7730-221", "A1B2C3D4")
  prefilter: (text) => /\d/.test(text),
  patterns: [
    {
      // an id with letters and digits, 5–20 characters, only right after a label
      name: 'mrn-labelled-id',
      regex: /(?<![\w.-])[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){4,19}(?![\w-]|\.\d)/i,
      score: 0.2,
      requireContext: true,
      validate: (match) => /[A-Za-z]/.test(match) && (match.match(/\d/g)?.length ?? 0) >= 4,
    },
    { name: 'mrn-digits', regex: /(?<![\w.,$-])\d{5,12}(?![\w-]|[.,]\d)/, score: 0.15 },
    {
      name: 'mrn-prefixed',
      regex: /(?<![\w.-])[A-Z]{1,3}-?\d{5,12}(?![\w-]|\.\d)|(?<![\w.-])\d{2,6}-\d{2,8}(?:-\d{1,4})?(?![\w-]|\.\d)/,
      score: 0.2,
      requireContext: true,
      // a date written with dashes after "chart" or "encounter" is a date (pattern.date-time's), not a record number
      validate: (match) => !DASHED_DATE.test(match),
    },
  ],
});

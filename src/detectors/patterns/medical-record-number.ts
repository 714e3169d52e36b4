import { patternDetector } from '../pattern-detector';

/**
 * MEDICAL_RECORD_NUMBER: 5–12 digits, optionally with a short letter prefix or dashes (MR-0012345). Without a nearby
 * "MRN", "medical record", "MR#" or "chart" label this is just a number: weak, below the threshold.
 */
export const medicalRecordNumberDetector = patternDetector({
  id: 'pattern.medical-record-number',
  entity: 'MEDICAL_RECORD_NUMBER',
  description: 'Medical record numbers (needs an MRN / medical record / chart label to pass the threshold)',
  context: [
    'mrn', 'mr#', 'mr #', 'mr no', 'medical record', 'med rec', 'record number', 'record no', 'record #', 'chart',
    'chart #', 'patient id', 'patient no', 'patient number', 'pt id', 'pid', 'hospital number', 'unit number',
  ],
  contextScore: 0.85,
  // five digits in a row, or digit groups joined by a dash ("7730-221": no run of five)
  prefilter: (text) => /\d{5}|\d{2}-\d{2}/.test(text),
  patterns: [
    { name: 'mrn-digits', regex: /(?<![\w.,$-])\d{5,12}(?![\w-]|[.,]\d)/, score: 0.15 },
    {
      name: 'mrn-prefixed',
      regex: /(?<![\w.-])[A-Z]{1,3}-?\d{5,12}(?![\w-]|\.\d)|(?<![\w.-])\d{2,6}-\d{2,8}(?:-\d{1,4})?(?![\w-]|\.\d)/,
      score: 0.2,
      requireContext: true,
    },
  ],
});

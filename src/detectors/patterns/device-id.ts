import { patternDetector } from '../pattern-detector';
import { looksLikeId } from './id-shape';
import { luhnValid } from './luhn';

/**
 * DEVICE_ID: IMEIs (15 digits, Luhn; strong with "IMEI"), GS1 UDIs "(01)<GTIN-14>(17)…(21)…", and serial numbers
 * next to a "serial no" / "S/N" / "device id" / "UDI" label.
 */
export const deviceIdDetector = patternDetector({
  id: 'pattern.device-id',
  entity: 'DEVICE_ID',
  description: 'Device identifiers: IMEI, GS1 UDI, labelled serial numbers',
  context: [
    'imei', 'meid', 'serial', 'serial no', 'serial number', 'serial #', 's/n', 'sn', 'sn#', 'device id', 'device',
    'udi', 'implant', 'implanted', 'pacemaker',
  ],
  contextScore: 0.85,
  prefilter: (text) => /\d/.test(text),
  patterns: [
    {
      name: 'imei',
      regex: /(?<![\w.,-])\d{2}[- ]?\d{6}[- ]?\d{6}[- ]?\d(?![\w-]|[.,]\d)/,
      score: 0.45,
      validate: (match) => luhnValid(match.replace(/[- ]/g, '')),
    },
    { name: 'gs1-udi', regex: /\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9-]{1,20}){0,4}/, score: 0.9 },
    {
      name: 'serial',
      regex: /(?<![\w.-])[A-Z0-9][A-Z0-9-]{4,22}[A-Z0-9](?![\w-]|\.\d)/i,
      score: 0.3,
      requireContext: true,
      validate: looksLikeId,
    },
  ],
});

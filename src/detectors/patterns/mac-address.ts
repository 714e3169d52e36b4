import isMACAddress from 'validator/lib/isMACAddress';
import { patternDetector } from '../pattern-detector';

/** MAC_ADDRESS: six hex pairs joined by ":" or "-" (one kind), or Cisco-style 0123.4567.89ab. */
export const macAddressDetector = patternDetector({
  id: 'pattern.mac-address',
  entity: 'MAC_ADDRESS',
  description: 'MAC (EUI-48) hardware addresses (validator.isMACAddress)',
  context: ['mac', 'mac address', 'hardware address', 'ethernet', 'wifi', 'wi-fi', 'bluetooth'],
  contextScore: 0.9,
  prefilter: (text) => /[:-][0-9A-Fa-f]{2}[:-]|\.[0-9A-Fa-f]{4}\./.test(text),
  patterns: [
    {
      name: 'mac-pairs',
      regex: /(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/,
      score: 0.8,
    },
    {
      name: 'mac-cisco',
      regex: /(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])/,
      score: 0.7,
      // The pattern tries every hex letter of ordinary words; a dot-led test is ten times cheaper.
      prefilter: (text) => /\.[0-9A-Fa-f]{4}\./.test(text),
    },
  ],
  // All-digit groups (e.g. 12-34-56-78-90-12) are more often something else: keep them below the threshold.
  validate: (match) => isMACAddress(match) && (/[A-Fa-f]/.test(match) ? true : 0.4),
});

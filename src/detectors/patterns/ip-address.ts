import isIP from 'validator/lib/isIP';
import { patternDetector } from '../pattern-detector';

/**
 * A version word shortly before, with no other number in between: "firmware updated to 3.12.45.6" is a version,
 * "server build 9.13.24. Requests came from 84.76.43.67" is an address.
 */
const VERSION_BEFORE =
  /\b(?:version|ver|release|build|firmware|software|update[ds]?|upgraded?|patch(?:ed)?)\b[^\d!?;\n]{0,20}$/i;

/** "::", or six colons with one to four hex digits between each (see the ipv6 prefilter). */
const IPV6_SHAPE = /::|:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/;

function notAVersion(m: RegExpExecArray): boolean {
  return !VERSION_BEFORE.test(m.input.slice(Math.max(0, m.index - 32), m.index));
}

/**
 * IP_ADDRESS: IPv4 dotted quads (not part of a longer dotted run, not after "v", "version", "firmware updated to"
 * and similar) and IPv6 (full, compressed, with an optional embedded IPv4 tail), validated with validator.isIP.
 */
export const ipAddressDetector = patternDetector({
  id: 'pattern.ip-address',
  entity: 'IP_ADDRESS',
  description: 'IPv4 and IPv6 addresses (validator.isIP)',
  context: ['ip', 'ip address', 'ipv4', 'ipv6', 'host', 'server', 'client', 'address'],
  contextScore: 0.9,
  patterns: [
    {
      name: 'ipv4',
      regex: /(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/,
      score: 0.75,
      prefilter: (text) => /\d\.\d{1,3}\.\d/.test(text),
      validate: (match, m) => isIP(match, 4) && notAVersion(m),
    },
    {
      name: 'ipv6',
      regex: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/,
      score: 0.8,
      // A valid IPv6 address has "::" or at least six colons with groups between them (seven, or six before an IPv4
      // tail); clock times such as "10:30:00" have neither. A colon-led test is far cheaper than the pattern.
      prefilter: (text) => IPV6_SHAPE.test(text),
      validate: (match) => match.length > 2 && /[0-9A-Fa-f]/.test(match) && isIP(match, 6),
    },
  ],
});

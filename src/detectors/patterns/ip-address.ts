import isIP from 'validator/lib/isIP';
import { contextBefore, hasAnyWord } from '../context';
import { patternDetector } from '../pattern-detector';

/** Words that make a dotted quad a version or build number rather than an address. */
const VERSION_WORDS = ['version', 'ver', 'release', 'build', 'firmware', 'software', 'update', 'updated', 'upgrade', 'upgraded', 'patch', 'v'];

function notAVersion(m: RegExpExecArray): boolean {
  return !hasAnyWord(contextBefore(m.input, m.index), VERSION_WORDS, undefined);
}

/**
 * IP_ADDRESS: IPv4 dotted quads (not part of a longer dotted run, not after "v", "version", "firmware updated to"
 * and similar) and IPv6
 * (full, compressed, with an optional embedded IPv4 tail), validated with validator.isIP.
 */
export const ipAddressDetector = patternDetector({
  id: 'pattern.ip-address',
  entity: 'IP_ADDRESS',
  description: 'IPv4 and IPv6 addresses (validator.isIP)',
  context: ['ip', 'ip address', 'ipv4', 'ipv6', 'host', 'server', 'client', 'address'],
  contextScore: 0.9,
  prefilter: (text) => /\d\.\d|:[0-9A-Fa-f]{0,4}:/.test(text),
  patterns: [
    {
      name: 'ipv4',
      regex: /(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)/,
      score: 0.75,
      validate: (match, m) => isIP(match, 4) && notAVersion(m),
    },
    {
      name: 'ipv6',
      regex: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/,
      score: 0.8,
      validate: (match) => match.length > 2 && /[0-9A-Fa-f]/.test(match) && isIP(match, 6),
    },
  ],
});

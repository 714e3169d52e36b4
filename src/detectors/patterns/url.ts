import isURL from 'validator/lib/isURL';
import { patternDetector } from '../pattern-detector';

const SCHEME_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https', 'ftp'] };
const WWW_OPTIONS = { require_tld: true };

/**
 * URL: scheme URLs (http, https, ftp) and "www." hosts, up to 2,048 characters, not ending in sentence punctuation.
 * Bare domains such as example.com are left out: in prose they are mostly names, not locators of a person.
 */
export const urlDetector = patternDetector({
  id: 'pattern.url',
  entity: 'URL',
  description: 'URLs with a scheme or a www. host (validator.isURL)',
  prefilter: (text) => text.includes('://') || /www\./i.test(text),
  patterns: [
    {
      name: 'url-scheme',
      regex: /\b(?:https?|ftp):\/\/[^\s<>"'`]{0,2047}[^\s<>"'`.,;:!?)\]}]/i,
      score: 0.9,
      validate: (match) => isURL(match, SCHEME_OPTIONS),
    },
    {
      name: 'url-www',
      regex: /(?<![\w/.@-])www\.[^\s<>"'`]{0,2043}[^\s<>"'`.,;:!?)\]}]/i,
      score: 0.85,
      validate: (match) => isURL(match, WWW_OPTIONS),
    },
  ],
});

import isEmail from 'validator/lib/isEmail';
import { patternDetector } from '../pattern-detector';

/** EMAIL_ADDRESS: a linear candidate regex, confirmed by validator's isEmail. */
export const emailDetector = patternDetector({
  id: 'pattern.email',
  entity: 'EMAIL_ADDRESS',
  description: 'E-mail addresses (validated with validator.isEmail)',
  prefilter: (text) => text.includes('@'),
  patterns: [
    {
      name: 'email',
      regex: /(?<![\w.%+'-])[\w.%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}(?![\w-])/,
      score: 0.95,
    },
  ],
  validate: (match) => isEmail(match),
});

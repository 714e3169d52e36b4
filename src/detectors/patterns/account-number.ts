import { patternDetector } from '../pattern-detector';

/**
 * ACCOUNT_NUMBER: bank and billing account numbers, 6–17 digits (dashes or spaces allowed between groups), reported
 * only next to "account", "acct", "a/c" and similar labels.
 */
export const accountNumberDetector = patternDetector({
  id: 'pattern.account-number',
  entity: 'ACCOUNT_NUMBER',
  description: 'Bank / billing account numbers (label required)',
  context: [
    'account', 'acct', 'acct#', 'acc no', 'a/c', 'account no', 'account number', 'account #', 'bank account',
    'checking', 'savings', 'billing id', 'routing',
  ],
  contextScore: 0.85,
  // four digits in a row, or groups of two or three ("acct 123-456-789": no run of four)
  prefilter: (text) => /\d{4}|\d{2}[ -]\d{2}/.test(text),
  patterns: [
    {
      name: 'account-digits',
      regex: /(?<![\w.,$-])\d{2,17}(?:[ -]\d{2,8}){0,3}(?![\w-]|[.,]\d)/,
      score: 0.3,
      requireContext: true,
      validate: (match) => {
        const digits = match.replace(/[ -]/g, '').length;
        return digits >= 6 && digits <= 17;
      },
    },
  ],
});

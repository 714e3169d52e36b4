import isCreditCard from 'validator/lib/isCreditCard';
import { patternDetector } from '../pattern-detector';

/** Groups are separated by one kind of separator, used consistently (or none). */
function consistentSeparators(match: string): boolean {
  const seps = match.replace(/\d/g, '');
  return seps.length === 0 || /^(?: +|-+)$/.test(seps);
}

/** CREDIT_CARD: 13–19 digits, optionally grouped by spaces or dashes; issuer prefix and Luhn via validator. */
export const creditCardDetector = patternDetector({
  id: 'pattern.credit-card',
  entity: 'CREDIT_CARD',
  description: 'Payment card numbers (issuer prefix + Luhn, validator.isCreditCard)',
  context: ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'cc', 'cc#', 'payment'],
  contextScore: 0.95,
  prefilter: (text) => /\d{4}/.test(text),
  patterns: [{ name: 'card', regex: /(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w-]|[.,]\d)/, score: 0.9 }],
  validate: (match) => consistentSeparators(match) && isCreditCard(match.replace(/[ -]/g, '')),
});

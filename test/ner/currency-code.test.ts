import { isCurrencyOfAmount } from '../../src/detectors/ner/currency-code';

const at = (text: string, code: string) => {
  const start = text.indexOf(code);
  return isCurrencyOfAmount(text, start, start + code.length);
};

describe('isCurrencyOfAmount', () => {
  it('is true for an upper-case ISO 4217 code right before or after a number', () => {
    expect(at('copay USD 4,389.80.', 'USD')).toBe(true);
    expect(at('copay USD4,389.80.', 'USD')).toBe(true);
    expect(at('costs 45 EUR today', 'EUR')).toBe(true);
    expect(at('costs 45GBP today', 'GBP')).toBe(true);
  });
  it('is false for other words, lower case, or a code with no number beside it', () => {
    expect(at('studied at USD in San Diego', 'USD')).toBe(false);
    expect(at('USD, 45 dollars', 'USD')).toBe(false);
    expect(at('usd 45', 'usd')).toBe(false);
    expect(at('ACME 45', 'ACME')).toBe(false);
    expect(at('Mr USDA 45', 'USDA')).toBe(false);
  });
});

import { emailDetector } from '../../../src/detectors/patterns/email';
import { found, spans } from '../helpers';

describe('pattern.email', () => {
  it.each([
    ['contact john.doe@example.org today', ['john.doe@example.org']],
    ['<a.b+tag@mail.example.co.uk>', ['a.b+tag@mail.example.co.uk']],
    ['first x@y.io, then o\'brien@clinic.org.', ['x@y.io', "o'brien@clinic.org"]],
    ['UPPER@EXAMPLE.COM', ['UPPER@EXAMPLE.COM']],
    ['two: a@example.com;b@example.net', ['a@example.com', 'b@example.net']],
    ['sent to dr_smith99@hospital-north.example.org\n', ['dr_smith99@hospital-north.example.org']],
  ])('finds %j', (text, expected) => {
    expect(found(emailDetector, text)).toEqual(expected);
  });

  it.each([
    ['no at sign here'],
    ['user@localhost'],
    ['@handle on social media'],
    ['a@b'],
    ['double..dot@example.com'],
    ['name@-example.com'],
  ])('ignores %j', (text) => {
    expect(found(emailDetector, text)).toEqual([]);
  });

  it('reports exact offsets and never includes trailing punctuation', () => {
    const text = 'Email: jane@example.com.';
    expect(spans(emailDetector, text)).toEqual([[7, 23]]);
  });
});

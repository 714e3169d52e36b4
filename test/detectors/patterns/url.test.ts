import { urlDetector } from '../../../src/detectors/patterns/url';
import { found, spans } from '../helpers';

describe('pattern.url', () => {
  it.each([
    ['see https://portal.example.com/records?id=7 now', ['https://portal.example.com/records?id=7']],
    ['(http://example.org/a_b)', ['http://example.org/a_b']],
    ['go to www.example.org.', ['www.example.org']],
    ['ftp://files.example.net/x.zip, then', ['ftp://files.example.net/x.zip']],
    ['local http://10.0.0.1:8080/health', ['http://10.0.0.1:8080/health']],
    ['HTTPS://EXAMPLE.COM/PATH!', ['HTTPS://EXAMPLE.COM/PATH']],
  ])('finds %j', (text, expected) => {
    expect(found(urlDetector, text)).toEqual(expected);
  });

  it.each([
    ['just example.com in prose'],
    ['file index.html'],
    ['http:// nothing'],
    ['mailto:jane@example.com'],
    ['www.'],
    ['javascript://alert(1)'],
  ])('ignores %j', (text) => {
    expect(found(urlDetector, text)).toEqual([]);
  });

  it('reports exact offsets without trailing punctuation', () => {
    expect(spans(urlDetector, 'Link: https://a.example.com/x.')).toEqual([[6, 29]]);
  });
});

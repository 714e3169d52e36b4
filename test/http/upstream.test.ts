import { clientHeaders, forwardRequestHeaders, responseHeaders, scansHeader } from '../../src/upstream/headers';
import { buildUpstreamUrl } from '../../src/upstream/url';

describe('upstream URL building stays under the configured base', () => {
  it.each([
    ['https://api.example.com/v1', 'chat/completions', '?a=1', 'https://api.example.com/v1/chat/completions?a=1'],
    ['https://api.example.com/v1/', 'chat', '', 'https://api.example.com/v1/chat'],
    ['https://api.example.com', 'x/y', '', 'https://api.example.com/x/y'],
    ['https://api.example.com/v1', '', '', 'https://api.example.com/v1'],
    ['http://127.0.0.1:9/a', 'b%20c', '', 'http://127.0.0.1:9/a/b%20c'],
  ])('%s + %s', (base, rest, search, want) => {
    expect(buildUpstreamUrl(base, rest, search).toString()).toBe(want);
  });

  it.each(['..', '../x', 'a/../../x', '%2e%2e', '%2E%2e/x', '.', 'a%2f..%2f..%2fx', 'a%5cb', 'a\\b', '%00', '%zz'])('refuses %s', (rest) => {
    expect(() => buildUpstreamUrl('https://api.example.com/v1', rest, '')).toThrow();
  });

  it('refuses non-http schemes', () => {
    expect(() => buildUpstreamUrl('file:///etc/passwd', 'x', '')).toThrow();
  });
});

describe('forwarded headers', () => {
  const upstream = { url: 'https://u', headers: { authorization: { valueFromEnv: 'UP_AUTH' }, 'x-static': { value: 'v' } } };
  it('strips hop-by-hop, Connection-listed, the gateway key and framing; adds configured credentials', () => {
    const h = forwardRequestHeaders(
      clientHeaders({
        host: 'gw',
        authorization: 'Bearer gateway-key',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'content-length': '10',
        'accept-encoding': 'gzip',
        'proxy-authorization': 'Basic x',
        te: 'trailers',
        upgrade: 'h2c',
        cookie: 'session=abc',
        'x-phi-session': 's1',
        'content-type': 'application/json',
        'x-keep': ['a', 'b'],
      }),
      upstream,
      'u',
      { UP_AUTH: 'Bearer upstream' },
      'rid',
    );
    const names = [...h.keys()];
    for (const n of ['host', 'connection', 'x-secret-hop', 'keep-alive', 'transfer-encoding', 'content-length', 'accept-encoding', 'proxy-authorization', 'te', 'upgrade', 'cookie', 'x-phi-session']) {
      expect(names).not.toContain(n);
    }
    expect(h.get('authorization')).toBe('Bearer upstream');
    expect(h.get('x-static')).toBe('v');
    expect(h.get('x-request-id')).toBe('rid');
    expect(h.get('content-type')).toBe('application/json');
    expect(h.get('x-keep')).toBe('a, b');
  });

  it('scans every client header value except protocol and LLM-SDK headers', () => {
    for (const n of ['x-patient-name', 'referer', 'x-custom', 'from', 'X-User-Email']) expect(scansHeader(n)).toBe(true);
    for (const n of ['content-type', 'Accept', 'user-agent', 'anthropic-version', 'openai-organization', 'x-stainless-os', 'x-api-key']) expect(scansHeader(n)).toBe(false);
  });

  it('a replacement a header cannot carry becomes "?" instead of failing the request', () => {
    const h = forwardRequestHeaders([['x-note', 'Ann •••• ok']], { url: 'https://u', headers: {} }, 'u', {}, 'rid');
    expect(h.get('x-note')).toBe('Ann ???? ok');
  });

  it('a missing credential variable is an error naming the variable', () => {
    expect(() => forwardRequestHeaders([], upstream, 'u', {}, 'rid')).toThrow(/UP_AUTH/);
  });

  it('response: hop-by-hop and framing removed, set-cookie kept per cookie', () => {
    const h = new Headers({ connection: 'close', 'content-length': '5', 'content-encoding': 'gzip', 'x-a': '1', 'content-type': 'text/plain' });
    h.append('set-cookie', 'a=1');
    h.append('set-cookie', 'b=2');
    const out = responseHeaders(h);
    expect(out).toEqual(expect.arrayContaining([['x-a', '1'], ['content-type', 'text/plain'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']]));
    expect(out.map(([k]) => k)).not.toContain('content-length');
    expect(out.map(([k]) => k)).not.toContain('content-encoding');
    expect(out.map(([k]) => k)).not.toContain('connection');
  });
});

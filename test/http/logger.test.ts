import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      lines.push(String(c));
      cb();
    },
  });
  return { logger: createLogger({ stream, level: 'debug' }), lines };
}

describe('logger redaction', () => {
  it('drops content and credential fields, masks bearer tokens, keeps ids and counts', async () => {
    const { logger, lines } = capture();
    logger.info('request', {
      requestId: 'r1',
      tenant: 'acme',
      counts: { US_SSN: 1 },
      body: { text: '078-05-1120' },
      text: 'Jane Roe',
      headers: { authorization: 'Bearer sk-live-123' },
      nested: { value: 'jane@example.org', authorization: 'x' },
      note: 'called with Authorization: Bearer sk-abcdef123456',
    });
    const err = new SyntaxError('Unexpected token J in "Jane Roe 078-05-1120"');
    logger.error('boom', { err });
    for (let i = 0; i < 200 && !lines.some((l) => l.includes('boom')); i++) await new Promise((r) => setTimeout(r, 10));
    const out = lines.join('');
    for (const v of ['078-05-1120', 'Jane Roe', 'sk-live-123', 'jane@example.org', 'sk-abcdef123456']) expect(out).not.toContain(v);
    expect(out).toContain('"requestId":"r1"');
    expect(out).toContain('"US_SSN":1');
    expect(out).toContain('SyntaxError');
  });
});

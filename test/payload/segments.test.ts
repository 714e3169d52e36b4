import { extractSegments, replaceSegments } from '../../src/payload/segments';
import { formatPath, matchesPattern, parsePattern } from '../../src/payload/paths';

const chat = {
  model: 'gpt-x',
  messages: [
    { role: 'system', content: 'You help Dr. Smith.' },
    { role: 'user', content: [{ type: 'text', text: 'My SSN is 123-45-6789' }] },
    { role: 'assistant', tool_calls: [{ function: { name: 'lookup', arguments: '{"patient":"Ann Lee","mrn":"12345678"}' } }] },
  ],
  'odd key': 'x',
  n: 3,
};

describe('extractSegments', () => {
  it('finds every string, with paths, including JSON held inside strings', () => {
    expect(extractSegments(chat).map((s) => s.path)).toEqual([
      'model',
      'messages[0].role',
      'messages[0].content',
      'messages[1].role',
      'messages[1].content[0].type',
      'messages[1].content[0].text',
      'messages[2].role',
      'messages[2].tool_calls[0].function.name',
      'messages[2].tool_calls[0].function.arguments.patient',
      'messages[2].tool_calls[0].function.arguments.mrn',
      // a key that is not a field name is scanned itself, and written by position: it may be a value
      '[#2]#key',
      '[#2]',
    ]);
  });
  it('limits to policy paths with * and **', () => {
    expect(extractSegments(chat, ['messages[*].content']).map((s) => s.path)).toEqual(['messages[0].content', 'messages[1].content[0].type', 'messages[1].content[0].text']);
    expect(extractSegments(chat, ['**.arguments']).map((s) => s.text)).toEqual(['Ann Lee', '12345678']);
  });
  it('handles a bare string document and non-JSON strings that start with a brace', () => {
    expect(extractSegments('hello')).toEqual([{ path: '', text: 'hello' }]);
    expect(extractSegments({ a: '{not json' })).toEqual([{ path: 'a', text: '{not json' }]);
  });
});

describe('object keys', () => {
  it('scans keys that are not field names, writes them by position in paths, and replaces them', () => {
    const doc = { patients: { 'Jane Doe': { ssn: '078-05-1120' }, 'John Roe': { ssn: 'x' } }, Note: 'n' };
    const segs = extractSegments(doc);
    expect(segs).toEqual([
      { path: 'patients[#0]#key', text: 'Jane Doe' },
      { path: 'patients[#0].ssn', text: '078-05-1120' },
      { path: 'patients[#1]#key', text: 'John Roe' },
      { path: 'patients[#1].ssn', text: 'x' },
      { path: '[#1]#key', text: 'Note' },
      { path: '[#1]', text: 'n' },
    ]);
    expect(segs.map((s) => s.path).join(' ')).not.toMatch(/Jane|John/);
    const out = replaceSegments(
      doc,
      new Map([
        ['patients[#0]#key', '<PERSON>'],
        ['patients[#1]#key', '<PERSON>'],
        ['patients[#0].ssn', '<US_SSN>'],
      ]),
    );
    // two keys redacted to the same text keep both entries
    expect(out).toEqual({ patients: { '<PERSON>': { ssn: '<US_SSN>' }, '<PERSON>~2': { ssn: 'x' } }, Note: 'n' });
  });
});

describe('replaceSegments', () => {
  it('returns the same shape with only the given strings changed, re-serialising embedded JSON', () => {
    const out = replaceSegments(
      chat,
      new Map([
        ['messages[1].content[0].text', 'My SSN is <US_SSN>'],
        ['messages[2].tool_calls[0].function.arguments.patient', '<PERSON>'],
      ]),
    ) as typeof chat;
    expect(out.messages[1].content).toEqual([{ type: 'text', text: 'My SSN is <US_SSN>' }]);
    expect(JSON.parse((out.messages[2] as any).tool_calls[0].function.arguments)).toEqual({ patient: '<PERSON>', mrn: '12345678' });
    expect(out.n).toBe(3);
    expect(out.messages[0]).toBe(chat.messages[0]); // untouched branches are shared, input not modified
    expect(chat.messages[1].content).toEqual([{ type: 'text', text: 'My SSN is 123-45-6789' }]);
  });
});

describe('paths', () => {
  it.each([
    [['a', 0, 'b'], 'a[0].b'],
    [[{ opaque: 1 }, 'x'], '[#1].x'],
    [[2], '[2]'],
  ] as const)('formats %j as %s', (parts, s) => expect(formatPath(parts as any)).toBe(s));
  it.each([
    ['messages[*].content', ['messages', 3, 'content', 0, 'text'], true],
    ['messages[*].content', ['messages', 3, 'role'], false],
    ['**.text', ['messages', 3, 'content', 0, 'text'], true],
    ['input', ['input', 2], true],
    ['input', ['inputs'], false],
    ['*.x', [{ opaque: 0 }, 'x'], true],
    ['["odd key"]', [{ opaque: 0 }], false],
  ] as const)('%s matches %j: %s', (pattern, parts, expected) => expect(matchesPattern(parts as any, parsePattern(pattern))).toBe(expected));
});

import { restoreEventStream } from '../../src/engine/event-stream-restore';
import { restoreTokens } from '../../src/engine/restore';
import { OPERATORS } from '../../src/operators/registry';
import { operatorContext } from '../helpers/keys';

/** Split `text` into deltas of `size` characters, as a model streams them. */
const chunks = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('restoreEventStream', () => {
  it('restores tokens split across OpenAI chat deltas, per choice, and keeps other events', async () => {
    const ctx = operatorContext();
    const token = await OPERATORS.tokenize.apply({ value: 'Maria Gonzalez', entity: 'PERSON' }, {}, ctx);
    const answer = `Dear ${token}, your results are normal. Regards to ${token}.`;
    const events = [
      ...chunks(answer, 3).map((c) => ({ choices: [{ index: 0, delta: { content: c } }] })),
      ...chunks(`Hi ${token}`, 4).map((c) => ({ choices: [{ index: 1, delta: { content: c } }] })),
    ];
    const body = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}: keep-alive\n\ndata: [DONE]\n\n`;
    const restore = (text: string) => restoreTokens(text, { tenant: 't1', session: 's1', vault: ctx.vault!, keys: ctx.keys });
    const out = await restoreEventStream(body, restore);
    const parsed = out.body.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)));
    const text = (i: number) => parsed.map((e) => e.choices[0]).filter((c) => c.index === i).map((c) => c.delta.content).join('');
    expect(text(0)).toBe('Dear Maria Gonzalez, your results are normal. Regards to Maria Gonzalez.');
    expect(text(1)).toBe('Hi Maria Gonzalez');
    expect(parsed).toHaveLength(events.length); // same events, same order
    expect(out.body).toContain(': keep-alive\n\n');
    expect(out.body.endsWith('data: [DONE]\n\n')).toBe(true);
    // another session's vault restores nothing
    const other = await restoreEventStream(body, (t) => restoreTokens(t, { tenant: 't1', session: 's2', vault: ctx.vault!, keys: ctx.keys }));
    expect(other.body).not.toContain('Maria');
  });

  it('restores Anthropic text deltas and leaves a stream without deltas as it is', async () => {
    const ctx = operatorContext();
    const token = await OPERATORS.tokenize.apply({ value: 'Ann Lee', entity: 'PERSON' }, {}, ctx);
    const body = chunks(`Hello ${token}!`, 5)
      .map((c) => `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: c } })}\n\n`)
      .join('');
    const restore = (text: string) => restoreTokens(text, { tenant: 't1', session: 's1', vault: ctx.vault!, keys: ctx.keys });
    const out = await restoreEventStream(body, restore);
    const text = out.body.split('\n\n').filter(Boolean).map((e) => JSON.parse(e.split('data: ')[1]).delta.text).join('');
    expect(text).toBe('Hello Ann Lee!');
    expect(out.body).toContain('event: content_block_delta\ndata: ');
    const plain = 'event: ping\ndata: {"type":"ping"}\n\n';
    expect(await restoreEventStream(plain, restore)).toEqual({ body: plain, restored: false });
  });
});

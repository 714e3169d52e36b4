import { Deadline } from '../../src/analysis/deadline';
import { DetectorError } from '../../src/errors';

const never = () => new Promise<never>(() => undefined);

describe('Deadline', () => {
  it('race: work that outlives the deadline is always a timeout (even when the timer fires before the clock agrees)', async () => {
    const reasons: string[] = [];
    for (let i = 0; i < 40; i++) {
      const err = await new Deadline(2).race('test.slow', never()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DetectorError);
      reasons.push((err as DetectorError).message);
    }
    expect(reasons.every((m) => m === 'detector test.slow timed out; request blocked')).toBe(true);
  });

  it('race: work that throws before the deadline is an error, and never leaks the cause into the message', async () => {
    const err = await new Deadline(10_000).race('test.broken', Promise.reject(new Error('saw 078-05-1120'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DetectorError);
    expect((err as DetectorError).message).toBe('detector test.broken failed; request blocked');
  });

  it('race: settles with the work when it finishes first; check passes before the deadline and throws after', async () => {
    const d = new Deadline(10_000);
    await expect(d.race('x', Promise.resolve(7))).resolves.toBe(7);
    expect(() => d.check('x')).not.toThrow();
    const past = new Deadline(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(past.passed()).toBe(true);
    expect(() => past.check('test.sync')).toThrow('detector test.sync timed out; request blocked');
  });

  it('an aborted outer signal ends the race as a timeout', async () => {
    const outer = new AbortController();
    const d = new Deadline(10_000, outer.signal);
    const p = d.race('test.ner', never()).catch((e: unknown) => e);
    outer.abort();
    expect(((await p) as DetectorError).message).toBe('detector test.ner timed out; request blocked');
  });
});

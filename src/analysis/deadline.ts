import { DetectorError } from '../errors';

/**
 * A request's detector deadline. Cheap for synchronous detectors (a clock check after each one); the AbortSignal
 * and the rejection promise that asynchronous detectors (the NER model) race against are made only when one needs
 * them, once per request.
 */
export class Deadline {
  private readonly startedAt = performance.now();
  private controller?: { signal: AbortSignal; expired: Promise<never> };

  constructor(
    private readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {}

  /** Whether the deadline has passed (or the caller aborted). */
  passed(): boolean {
    return performance.now() - this.startedAt > this.ms || this.outer?.aborted === true;
  }

  /** Aborts when the deadline passes or the caller aborts. */
  get signal(): AbortSignal {
    return this.async().signal;
  }

  /** Settle `work` of detector `id`, or throw `DetectorError(id, 'timeout')` when the deadline passes first. */
  async race<T>(id: string, work: Promise<T>): Promise<T> {
    try {
      return await Promise.race([work, this.async().expired]);
    } catch (err) {
      if (err instanceof DetectorError) throw err;
      // The timer may fire a little before the clock says the deadline has passed: an aborted signal is a timeout.
      const expired = this.controller?.signal.aborted === true || this.passed();
      throw new DetectorError(id, expired ? 'timeout' : 'error', { cause: err });
    }
  }

  /** Throw `DetectorError(id, 'timeout')` if the deadline has passed. */
  check(id: string): void {
    if (this.passed()) throw new DetectorError(id, 'timeout');
  }

  private async() {
    if (!this.controller) {
      const remaining = Math.max(0, Math.ceil(this.ms - (performance.now() - this.startedAt)));
      const timeout = AbortSignal.timeout(remaining);
      const signal = this.outer ? AbortSignal.any([this.outer, timeout]) : timeout;
      const expired = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      expired.catch(() => undefined); // observed through Promise.race
      this.controller = { signal, expired };
    }
    return this.controller;
  }
}

/**
 * Runs async jobs with bounded concurrency and hands results to `emit` in submission order — so the CLI keeps
 * line order while the NER micro-batcher sees several lines at once.
 */
export class OrderedPool<T> {
  private readonly queue: Array<Promise<T>> = [];

  constructor(
    private readonly concurrency: number,
    private readonly emit: (result: T) => void,
  ) {}

  async submit(job: () => Promise<T>): Promise<void> {
    this.queue.push(job());
    while (this.queue.length >= this.concurrency) this.emit(await this.queue.shift()!);
  }

  async drain(): Promise<void> {
    while (this.queue.length) this.emit(await this.queue.shift()!);
  }
}

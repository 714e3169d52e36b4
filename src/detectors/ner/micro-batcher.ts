/**
 * Micro-batching: windows of concurrent requests are queued and run together in one `classifier.run`. A batch
 * starts when `maxBatch` rows are waiting or `maxWaitMs` after the first row arrived — by default 0: as soon as the
 * model is free, with the rows queued in the same turn of the event loop (a text's windows) and all that arrived
 * while the previous run was in flight. One run is in flight at a time (the CPU is the bottleneck). `npm run bench
 * -- --only ner-batching` measured why not to wait: against no wait, a 2 ms wait for company cost a lone caller
 * 13–21 % of its throughput and changed 16 callers by −2 to +5 %, where batching what queues during a run gained 11–44 %
 * over one run per window (two runs, 1 and 2 intra-op threads). Rows are padded
 * with 0 to the longest row of their batch (only rows of equal length share a run when the model takes no attention
 * mask). Each caller gets the logits of its own row's token positions.
 */
import type { FeedType, RowInputs, Tensor, TokenClassifier } from './types';

export interface MicroBatcherOptions {
  maxBatch?: number;
  maxWaitMs?: number;
  /**
   * Whether rows of different lengths may share a run (padded with 0). Default: only when the model takes an
   * `attention_mask` — a model without one (e.g. a BiLSTM) would see the padding, so its rows are batched only
   * with rows of the same length.
   */
  padRows?: boolean;
  /** Expected label count; a model whose output differs fails each run. */
  numLabels?: number;
}

/** Logits of one row: `positions.length × labels`, row-major. */
export interface RowLogits {
  data: Float32Array;
  labels: number;
}

export interface MicroBatcher {
  run(row: RowInputs, signal?: AbortSignal): Promise<RowLogits>;
  /** Runs started so far (for tests and metrics). */
  readonly runs: number;
}

interface Pending {
  row: RowInputs;
  signal?: AbortSignal;
  resolve(v: RowLogits): void;
  reject(e: unknown): void;
}

export function createMicroBatcher(classifier: TokenClassifier, opts: MicroBatcherOptions = {}): MicroBatcher {
  const maxBatch = Math.max(1, opts.maxBatch ?? 8);
  const maxWaitMs = Math.max(0, opts.maxWaitMs ?? 0);
  const padRows = opts.padRows ?? classifier.inputNames.includes('attention_mask');
  const queue: Pending[] = [];
  let timer: { cancel(): void } | undefined;
  /** Flush after `maxWaitMs`; with 0, once the current turn of the event loop is over (rows queued in it join). */
  const later = (fn: () => void): { cancel(): void } => {
    if (maxWaitMs === 0) {
      const h = setImmediate(fn);
      return { cancel: () => clearImmediate(h) };
    }
    const h = setTimeout(fn, maxWaitMs);
    return { cancel: () => clearTimeout(h) };
  };
  let running = false;
  let runs = 0;

  const schedule = () => {
    if (running || queue.length === 0) return;
    if (queue.length >= maxBatch) {
      timer?.cancel();
      timer = undefined;
      void flush();
    } else if (!timer) {
      timer = later(() => {
        timer = undefined;
        void flush();
      });
    }
  };

  const flush = async () => {
    if (running) return;
    const batch: Pending[] = [];
    for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
      const p = queue[i];
      if (p.signal?.aborted) {
        queue.splice(i, 1);
        p.reject(abortError(p.signal));
      } else if (padRows || batch.length === 0 || p.row.seqLen === batch[0].row.seqLen) {
        queue.splice(i, 1);
        batch.push(p);
      } else {
        i++;
      }
    }
    if (batch.length === 0) return;
    running = true;
    runs++;
    try {
      const { feeds, seqLen } = buildFeeds(batch.map((p) => p.row), classifier.inputNames);
      const out = await classifier.run(feeds);
      const [b, s, l] = out.dims;
      if (b !== batch.length || s < seqLen || (opts.numLabels !== undefined && l !== opts.numLabels)) {
        throw new Error('model output shape does not match its batch or its labels');
      }
      batch.forEach((p, r) => {
        const positions = p.row.positions;
        const data = new Float32Array(positions.length * l);
        positions.forEach((pos, k) => data.set(out.data.subarray((r * s + pos) * l, (r * s + pos + 1) * l), k * l));
        p.resolve({ data, labels: l });
      });
    } catch (e) {
      for (const p of batch) p.reject(e);
    } finally {
      running = false;
      // Rows queued during the run have waited long enough: run them now.
      if (queue.length > 0) {
        timer?.cancel();
        timer = undefined;
        void flush();
      }
    }
  };

  return {
    get runs() {
      return runs;
    },
    run(row, signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      return new Promise<RowLogits>((resolve, reject) => {
        queue.push({ row, signal, resolve, reject });
        schedule();
      });
    },
  };
}

/** Stack rows into batch tensors `[batch, longest, ...innerDims]`, padding with 0. Exported for tests. */
export function buildFeeds(
  rows: readonly RowInputs[],
  inputNames: readonly string[],
): { feeds: Record<string, Tensor>; seqLen: number } {
  const seqLen = Math.max(...rows.map((r) => r.seqLen));
  const feeds: Record<string, Tensor> = {};
  for (const name of inputNames) {
    const first = rows[0].inputs[name];
    if (!first) throw new Error(`model input ${name} is not produced by the featurizer`);
    const inner = first.innerDims.reduce((a, b) => a * b, 1);
    const rowSize = seqLen * inner;
    const data = allocate(first.type, rows.length * rowSize);
    rows.forEach((r, i) => {
      const inp = r.inputs[name];
      if (!inp || inp.type !== first.type || inp.innerDims.join(',') !== first.innerDims.join(',')) {
        throw new Error(`model input ${name} differs between rows of a batch`);
      }
      if (inp.data.length !== r.seqLen * inner) throw new Error(`model input ${name} has the wrong length`);
      const base = i * rowSize;
      if (data instanceof BigInt64Array) for (let k = 0; k < inp.data.length; k++) data[base + k] = BigInt(inp.data[k]);
      else data.set(inp.data, base);
    });
    feeds[name] = { type: first.type, data, dims: [rows.length, seqLen, ...first.innerDims] };
  }
  return { feeds, seqLen };
}

function allocate(type: FeedType, n: number): BigInt64Array | Int32Array | Float32Array {
  if (type === 'int64') return new BigInt64Array(n);
  if (type === 'int32') return new Int32Array(n);
  return new Float32Array(n);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

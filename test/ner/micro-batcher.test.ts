import { buildFeeds, createMicroBatcher } from '../../src/detectors/ner/micro-batcher';
import type { RowInputs, Tensor, TokenClassifier } from '../../src/detectors/ner/types';

const row = (ids: number[], positions = ids.map((_, i) => i)): RowInputs => ({
  seqLen: ids.length,
  inputs: {
    input_ids: { type: 'int64', data: ids, innerDims: [] },
    attention_mask: { type: 'int64', data: ids.map(() => 1), innerDims: [] },
  },
  positions,
});

/** Echo classifier: 2 labels per position, logits = [id, mask]. Records every run's feeds. */
function echo(): TokenClassifier & { runs: Record<string, Tensor>[] } {
  const runs: Record<string, Tensor>[] = [];
  return {
    inputNames: ['input_ids', 'attention_mask'],
    runs,
    async run(feeds) {
      runs.push(feeds);
      const [b, s] = feeds.input_ids.dims;
      const data = new Float32Array(b * s * 2);
      for (let i = 0; i < b * s; i++) {
        data[i * 2] = Number(feeds.input_ids.data[i]);
        data[i * 2 + 1] = Number(feeds.attention_mask.data[i]);
      }
      return { data, dims: [b, s, 2] };
    },
  };
}

describe('buildFeeds', () => {
  it('stacks rows and pads every input with 0 to the longest row', () => {
    const { feeds, seqLen } = buildFeeds([row([7, 8, 9]), row([5])], ['input_ids', 'attention_mask']);
    expect(seqLen).toBe(3);
    expect(feeds.input_ids.dims).toEqual([2, 3]);
    expect(Array.from(feeds.input_ids.data as BigInt64Array, Number)).toEqual([7, 8, 9, 5, 0, 0]);
    expect(Array.from(feeds.attention_mask.data as BigInt64Array, Number)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('keeps inner dims and float types', () => {
    const r: RowInputs = {
      seqLen: 2,
      inputs: { feats: { type: 'float32', data: [1, 2, 3, 4], innerDims: [2] } },
      positions: [0, 1],
    };
    const short: RowInputs = { seqLen: 1, inputs: { feats: { type: 'float32', data: [5, 6], innerDims: [2] } }, positions: [0] };
    const { feeds } = buildFeeds([r, short], ['feats']);
    expect(feeds.feats.dims).toEqual([2, 2, 2]);
    expect(Array.from(feeds.feats.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6, 0, 0]);
  });

  it('fails when the model needs an input the featurizer does not produce', () => {
    expect(() => buildFeeds([row([1])], ['input_ids', 'token_type_ids'])).toThrow(/token_type_ids/);
  });
});

describe('micro-batcher', () => {
  it('runs two concurrent calls in one classifier run, each getting its own row', async () => {
    const c = echo();
    const b = createMicroBatcher(c, { maxBatch: 8, maxWaitMs: 5 });
    const [a, z] = await Promise.all([b.run(row([11, 12, 13], [1, 2])), b.run(row([21]))]);
    expect(c.runs).toHaveLength(1);
    expect(c.runs[0].input_ids.dims).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([12, 1, 13, 1]);
    expect(Array.from(z.data)).toEqual([21, 1]);
    expect(a.labels).toBe(2);
  });

  it('by default waits for no company: rows of one turn share a run, and rows that come during a run share the next', async () => {
    const inner = echo();
    let release!: () => void;
    let started!: () => void;
    const firstStarted = new Promise<void>((ok) => (started = ok));
    const gate = new Promise<void>((ok) => (release = ok));
    const c: TokenClassifier & { runs: Record<string, Tensor>[] } = {
      inputNames: inner.inputNames,
      runs: inner.runs,
      async run(f) {
        if (inner.runs.length === 0) {
          started();
          await gate; // the first run stays in flight until released
        }
        return inner.run(f);
      },
    };
    const b = createMicroBatcher(c);
    const first = Promise.all([b.run(row([1])), b.run(row([2]))]); // one turn of the event loop: one run
    await firstStarted;
    const later = [3, 4, 5].map((i) => b.run(row([i]))); // queued while the model is busy
    await new Promise((ok) => setTimeout(ok, 20));
    expect(inner.runs).toHaveLength(0); // still the first run in flight, nothing else started
    release();
    const out = await Promise.all([first, Promise.all(later)]);
    expect(out.flat().map((o) => o.data[0])).toEqual([1, 2, 3, 4, 5]);
    expect(c.runs.map((f) => f.input_ids.dims[0])).toEqual([2, 3]);

    // a lone row runs in the next turn of the event loop, with no timer in between
    const lone = echo();
    const p = createMicroBatcher(lone).run(row([7]));
    await new Promise((ok) => setImmediate(ok));
    expect(lone.runs).toHaveLength(1);
    await p;
  });

  it('starts at once when maxBatch rows are waiting, and queues the rest for the next run', async () => {
    const c = echo();
    // a wait of a minute: were full batches to wait for it, jest's 5 s test timeout would fail the test
    const b = createMicroBatcher(c, { maxBatch: 2, maxWaitMs: 60_000 });
    const out = await Promise.all([1, 2, 3, 4].map((i) => b.run(row([i]))));
    expect(out.map((o) => o.data[0])).toEqual([1, 2, 3, 4]);
    expect(c.runs.map((f) => f.input_ids.dims[0])).toEqual([2, 2]);
  });

  it('rejects every row of a failing run, and keeps working afterwards', async () => {
    let fail = true;
    const inner = echo();
    const c: TokenClassifier = {
      inputNames: inner.inputNames,
      run: (f) => (fail ? Promise.reject(new Error('boom')) : inner.run(f)),
    };
    const b = createMicroBatcher(c, { maxWaitMs: 1 });
    await expect(Promise.all([b.run(row([1])), b.run(row([2]))])).rejects.toThrow('boom');
    fail = false;
    await expect(b.run(row([3]))).resolves.toMatchObject({ labels: 2 });
  });

  it('rejects when the output label count is not the expected one', async () => {
    const b = createMicroBatcher(echo(), { numLabels: 5, maxWaitMs: 0 });
    await expect(b.run(row([1]))).rejects.toThrow(/shape/);
  });

  it('rejects an already-aborted or queued-then-aborted row without running it', async () => {
    const c = echo();
    const b = createMicroBatcher(c, { maxWaitMs: 20 });
    const ac = new AbortController();
    ac.abort();
    await expect(b.run(row([1]), ac.signal)).rejects.toThrow();
    const ac2 = new AbortController();
    const p = b.run(row([2]), ac2.signal);
    ac2.abort();
    await expect(p).rejects.toThrow();
    expect(c.runs).toHaveLength(0);
  });
});

describe('micro-batcher without an attention mask', () => {
  it('batches only rows of the same length (padding would change what the model sees)', async () => {
    const inner = echo();
    const runs: number[][] = [];
    const c: TokenClassifier = {
      inputNames: ['input_ids'],
      run: (f) => {
        runs.push([...f.input_ids.dims]);
        return inner.run({ ...f, attention_mask: f.input_ids });
      },
    };
    const only = (ids: number[]): RowInputs => ({
      seqLen: ids.length,
      inputs: { input_ids: { type: 'int64', data: ids, innerDims: [] } },
      positions: ids.map((_, i) => i),
    });
    const b = createMicroBatcher(c, { maxWaitMs: 5 });
    const out = await Promise.all([b.run(only([1, 2])), b.run(only([3])), b.run(only([4, 5])), b.run(only([6]))]);
    expect(runs).toEqual([
      [2, 2],
      [2, 1],
    ]);
    expect(out.map((o) => Array.from(o.data).filter((_, i) => i % 2 === 0))).toEqual([[1, 2], [3], [4, 5], [6]]);
  });
});

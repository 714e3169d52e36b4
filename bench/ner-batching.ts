/**
 * Does micro-batching raise NER throughput? (issue 4: "concurrent requests micro-batched into one run when that
 * raises throughput".) The shipped model's detector runs the same texts from the bench corpus with `concurrency`
 * callers at once: with `maxBatch` 1 (every window its own onnxruntime run), and with up to 8 windows per run either
 * started as soon as the model is free (no wait: what queued meanwhile goes together) or after a 2 ms wait for
 * company; for the gateway's default of 1 intra-op thread and for 2; interleaved passes, median pass. Tokens are the
 * featurizer's; every text is one to a few windows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from '../src/detectors/build-registry';
import { loadNerModel } from '../src/detectors/ner/model-loader';
import { createNerDetector } from '../src/detectors/ner/ner-detector';
import type { Detector } from '../src/detectors/types';
import { buildCorpus } from './corpus';
import { SkipPart, load, log, median, nowMs, round } from './util';

interface Config {
  threads: number;
  concurrency: number;
  maxBatch: number;
  maxWaitMs: number;
}

/** Ways to batch: [maxBatch, maxWaitMs]. */
const WAYS: readonly [number, number][] = [
  [1, 0],
  [8, 0],
  [8, 2],
];

async function pass(det: Detector, texts: readonly string[], concurrency: number): Promise<number> {
  let next = 0;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < texts.length) {
        const i = next++;
        await det.detect(texts[i], {});
      }
    }),
  );
  return nowMs() - t0;
}

export async function runNerBatchingBench(opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const modelDir = process.env.PHI_BENCH_MODEL_DIR ?? DEFAULT_MODEL_DIR;
  if (!existsSync(join(modelDir, 'config.json'))) throw new SkipPart(`${modelDir} is not there: no model to time`);
  const texts = buildCorpus({ count: opts.quick ? 40 : 160 }).map((t) => t.text);
  const rounds = opts.quick ? 2 : 9;
  const loadBefore = load();
  const rows: Record<string, unknown>[] = [];
  for (const threads of [1, 2]) {
    const model = await loadNerModel(modelDir, { intraOpNumThreads: threads });
    let tokens = 0;
    for (const t of texts) tokens += (await model.featurizer.tokenize(t)).length;
    const configs: Config[] = [];
    for (const concurrency of [1, 4, 16]) {
      for (const [maxBatch, maxWaitMs] of WAYS) configs.push({ threads, concurrency, maxBatch, maxWaitMs });
    }
    const dets = configs.map((c) => createNerDetector(model, { maxBatch: c.maxBatch, maxWaitMs: c.maxWaitMs }));
    for (const d of dets) await pass(d, texts.slice(0, 8), 2); // warm-up
    const times: number[][] = configs.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < configs.length; i++) times[i].push(await pass(dets[i], texts, configs[i].concurrency));
    }
    configs.forEach((c, i) => {
      const ms = median(times[i]);
      const row = { ...c, texts: texts.length, tokens, passMs: round(ms, 1), tokensPerS: round((tokens / ms) * 1000, 0), textsPerS: round((texts.length / ms) * 1000, 1) };
      rows.push(row);
      log(`ner-batching: threads ${c.threads}, ${c.concurrency} callers, maxBatch ${c.maxBatch}, wait ${c.maxWaitMs} ms: ${row.tokensPerS} tokens/s`);
    });
    await model.classifier.release?.();
  }
  const rate = (threads: number, concurrency: number, maxBatch: number, maxWaitMs: number) =>
    rows.find((r) => r.threads === threads && r.concurrency === concurrency && r.maxBatch === maxBatch && r.maxWaitMs === maxWaitMs)!.tokensPerS as number;
  const gain = (threads: number, concurrency: number, maxWaitMs: number) =>
    round(rate(threads, concurrency, 8, maxWaitMs) / rate(threads, concurrency, 1, 0), 2);
  return {
    method: `${texts.length} bench-corpus texts through createNerDetector(${modelDir.split('/').pop()}) with N concurrent callers; maxBatch 1 (no batching) vs 8 with no wait (a run starts as soon as the model is free, with what has queued) vs 8 with a 2 ms wait for company; ${rounds} interleaved passes, median; tokens are the featurizer's`,
    loadavg: { before: loadBefore, after: load() },
    rows,
    gains: [1, 2].flatMap((threads) =>
      [1, 4, 16].map((concurrency) => ({ threads, concurrency, wait0OverUnbatched: gain(threads, concurrency, 0), wait2OverUnbatched: gain(threads, concurrency, 2) })),
    ),
  };
}

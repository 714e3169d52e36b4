/**
 * NER throughput (issue 4): tokens/s at batch 1 for 128-token inputs with 2 intra-op threads, for our model
 * (`models/phi-ner-small`, every `*.onnx` in the folder: fp32 and int8 when both exist) and for a BERT-base-sized
 * encoder with random weights exported the same way (training/make_bert_base_onnx.py → bench/.cache/bert-base.onnx)
 * and its int8 twin made by the same quantizer as ours (training/quantize.py → bench/.cache/bert-base.int8.onnx),
 * timed in the same run, interleaved. Both run through the gateway's own onnxruntime wrapper
 * (src/detectors/ner/onnx-session.ts), so session options are identical. Also: RSS of the gateway process with the
 * model loaded (`node dist/src/index.js`, after a few /v1/redact requests) next to the patterns-only gateway.
 *
 * A "token" is the model's own unit: a word-level token for our model (its featurizer), a WordPiece position for
 * BERT (including [CLS]/[SEP]). A 128-word window holds more text than 128 WordPieces, so per-text speed favours
 * our model further than the token ratio says.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistry } from '../src/detectors/build-registry';
import { loadNerModel } from '../src/detectors/ner/model-loader';
import { createOnnxClassifier } from '../src/detectors/ner/onnx-session';
import type { RowInputs, Tensor, TokenClassifier } from '../src/detectors/ner/types';
import { createEngine } from '../src/engine/engine';
import { KeyRing } from '../src/keys/key-ring';
import { packageRoot } from '../src/package-root';
import { defaultPolicy } from '../src/policy/default-policy';
import { MemoryVaultStore } from '../src/vault/memory-vault';
import { buildCorpus, chatBody } from './corpus';
import { rssMb, startGateway } from './http';
import { ours, quality, recallExcluding } from './patterns';
import { CACHE_DIR, SkipPart, load, log, median, nowMs, round, timePasses } from './util';

const SEQ = 128;
const THREADS = 2;

interface Timed {
  name: string;
  file: string;
  fileMb: number;
  seqLen: number;
  threads: number;
  runs: number;
  msPerRun: number;
  tokensPerS: number;
}

interface Candidate {
  name: string;
  file: string;
  classifier: TokenClassifier;
  feeds: Record<string, Tensor>;
  seqLen: number;
  times: number[];
}

/** One row of featurizer output as batch-1 tensors (what the runtime's batcher builds for a single window). */
function rowToFeeds(row: RowInputs): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const [name, inp] of Object.entries(row.inputs)) {
    const dims = [1, row.seqLen, ...inp.innerDims];
    const data = inp.type === 'int64' ? BigInt64Array.from(inp.data, (x) => BigInt(x)) : inp.type === 'int32' ? Int32Array.from(inp.data) : Float32Array.from(inp.data);
    feeds[name] = { type: inp.type, data, dims };
  }
  return feeds;
}

function bertFeeds(): Record<string, Tensor> {
  const ids = new BigInt64Array(SEQ);
  let s = 12345;
  for (let i = 0; i < SEQ; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    ids[i] = BigInt(1000 + (s % 29000));
  }
  ids[0] = 101n; // [CLS]
  ids[SEQ - 1] = 102n; // [SEP]
  return {
    input_ids: { type: 'int64', data: ids, dims: [1, SEQ] },
    attention_mask: { type: 'int64', data: new BigInt64Array(SEQ).fill(1n), dims: [1, SEQ] },
    token_type_ids: { type: 'int64', data: new BigInt64Array(SEQ), dims: [1, SEQ] },
  };
}

/**
 * A 128-token window of real corpus text through the model's own featurizer. Always 128 tokens, the target's input
 * size: phi-ner-small takes up to 256 positions, and the shorter window the gateway feeds it (`max_length` 112, where
 * its training was dense) must not make it look faster than the BERT encoder it is compared with.
 */
async function ourCandidates(modelDir: string): Promise<Candidate[]> {
  const files = readdirSync(modelDir).filter((f) => f.endsWith('.onnx')).sort();
  const text = buildCorpus({ count: 8 }).map((t) => t.text).join('\n');
  const out: Candidate[] = [];
  for (const file of files) {
    const model = await loadNerModel(modelDir, { intraOpNumThreads: THREADS, modelFile: file });
    const tokens = (await model.featurizer.tokenize(text)).slice(0, SEQ);
    const row = model.featurizer.encodeWindow(text, tokens);
    out.push({ name: `${model.name} (${file})`, file: join(modelDir, file), classifier: model.classifier, feeds: rowToFeeds(row), seqLen: row.seqLen, times: [] });
  }
  return out;
}

/**
 * Build the BERT-base-sized ONNX file once (cached, git-ignored), and its int8 twin through the same graph rewrite
 * our model ships with (training/quantize.py), when that script is there.
 */
function ensureBertBase(): { fp32: string; int8?: string } {
  const fp32 = join(CACHE_DIR, 'bert-base.onnx');
  if (!existsSync(fp32)) {
    log('ner: building bench/.cache/bert-base.onnx with training/make_bert_base_onnx.py (about 1-2 minutes)');
    const r = spawnSync('/usr/bin/python3', [join(packageRoot(), 'training', 'make_bert_base_onnx.py'), fp32], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0 || !existsSync(fp32)) throw new Error(`training/make_bert_base_onnx.py failed (exit ${r.status})`);
  }
  const int8 = join(CACHE_DIR, 'bert-base.int8.onnx');
  const quantize = join(packageRoot(), 'training', 'quantize.py');
  if (!existsSync(int8) && existsSync(quantize)) {
    log('ner: quantizing bench/.cache/bert-base.onnx with training/quantize.py');
    const r = spawnSync('/usr/bin/python3', [quantize, fp32, int8], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) log(`ner: training/quantize.py failed (exit ${r.status}); timing the fp32 baseline only`);
  }
  return { fp32, int8: existsSync(int8) ? int8 : undefined };
}

/** Interleaved blocks of ~blockMs per candidate, until every candidate has `minRuns` and the budget is spent. */
async function timeInterleaved(cands: Candidate[], opts: { budgetMs: number; blockMs: number; minRuns: number }): Promise<void> {
  for (const c of cands) for (let i = 0; i < 3; i++) await c.classifier.run(c.feeds); // warm-up
  const t0 = nowMs();
  while (nowMs() - t0 < opts.budgetMs || cands.some((c) => c.times.length < opts.minRuns)) {
    for (const c of cands) {
      const b0 = nowMs();
      do {
        const s = nowMs();
        await c.classifier.run(c.feeds);
        c.times.push(nowMs() - s);
      } while (nowMs() - b0 < opts.blockMs);
    }
  }
}

function summarize(c: Candidate): Timed {
  const ms = median(c.times);
  return { name: c.name, file: c.file.replace(packageRoot() + '/', ''), fileMb: round(statSync(c.file).size / 1e6, 1), seqLen: c.seqLen, threads: THREADS, runs: c.times.length, msPerRun: round(ms, 3), tokensPerS: round((c.seqLen / ms) * 1000, 0) };
}

async function gatewayRss(modelDir: string | null): Promise<{ rssMb: number; readyRssMb: number }> {
  const gw = await startGateway({ modelDir, nerThreads: THREADS });
  try {
    const readyRssMb = rssMb(gw.pid) ?? NaN;
    const { body } = chatBody();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${gw.apiKey}` };
    for (let i = 0; i < 50; i++) {
      const r = await fetch(`${gw.url}/v1/redact`, { method: 'POST', headers, body: JSON.stringify({ json: JSON.parse(body) }) });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`/v1/redact answered ${r.status}`);
    }
    return { rssMb: round(rssMb(gw.pid) ?? NaN, 1), readyRssMb: round(readyRssMb, 1) };
  } finally {
    await gw.stop();
  }
}

/**
 * The whole pipeline with the model on (every pattern detector + the NER detector, default policy, 2 threads) over
 * the first `count` texts of the bench corpus: ms per KB and recall, PERSON included, judged as in the pattern bench.
 */
async function pipelineWithModel(modelDir: string, count: number): Promise<Record<string, unknown>> {
  const built = await buildRegistry({ modelDir, threads: THREADS });
  const policy = defaultPolicy(built.registry.list().map((d) => d.id));
  const engine = createEngine({ registry: built.registry, keys: new KeyRing(Buffer.alloc(32, 1)), vault: new MemoryVaultStore() });
  const corpus = buildCorpus({ count });
  const bytes = corpus.reduce((s, t) => s + Buffer.byteLength(t.text), 0);
  const c = ours(engine, policy, 'phi-gateway patterns + NER (engine.analyze)');
  const run = async () => {
    for (const t of corpus) await engine.analyze({ text: t.text }, policy);
  };
  const passes = await timePasses(run, { warmup: 1, minPasses: 3, maxPasses: 3 });
  const q = await quality(c, corpus);
  return {
    detectors: built.registry.list().length,
    model: built.model?.id,
    texts: corpus.length,
    bytes,
    msPerKb: round(median(passes) / (bytes / 1024), 4),
    recall: q.recall,
    recallExcludingPerson: recallExcluding(q, 'PERSON'),
    person: q.perType.PERSON,
    distractors: { falsePositives: q.distractors.falsePositives, total: q.distractors.total },
  };
}

export async function runNerBench(opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  // PHI_BENCH_MODEL_DIR: time another model folder (e.g. a Hugging Face export) instead of the shipped one.
  const modelDir = process.env.PHI_BENCH_MODEL_DIR ?? join(packageRoot(), 'models', 'phi-ner-small');
  const haveModel = existsSync(join(modelDir, 'config.json')) && readdirSync(modelDir).some((f) => f.endsWith('.onnx'));
  const bertFiles = ensureBertBase();
  const bertName = 'BERT-base-sized encoder (12 layers, hidden 768, 12 heads, vocab 30522; random weights)';
  const berts: Candidate[] = [];
  for (const [kind, file] of [['fp32', bertFiles.fp32], ['int8', bertFiles.int8]] as const) {
    if (file) berts.push({ name: `${bertName}, ${kind}`, file, classifier: await createOnnxClassifier(file, { intraOpNumThreads: THREADS }), feeds: bertFeeds(), seqLen: SEQ, times: [] });
  }
  let ours: Candidate[] = [];
  let loadError: string | undefined;
  if (haveModel) {
    try {
      ours = await ourCandidates(modelDir);
    } catch (err) {
      loadError = err instanceof Error ? err.message : String(err);
      log(`ner: ${modelDir} could not be loaded: ${loadError}`);
    }
  }
  const cands = [...ours, ...berts];
  const loadBefore = load();
  log(`ner: timing ${cands.map((c) => c.name).join(', ')}`);
  await timeInterleaved(cands, { budgetMs: opts.quick ? 5_000 : 30_000, blockMs: 1_000, minRuns: opts.quick ? 5 : 20 });
  const models = cands.map(summarize);
  for (const m of models) log(`ner: ${m.name}: ${m.tokensPerS} tokens/s (${m.msPerRun} ms per ${m.seqLen}-token run, ${m.runs} runs)`);
  const baselines = models.slice(ours.length);
  const data: Record<string, unknown> = {
    method: `batch 1, one ${SEQ}-token input per run, ${THREADS} intra-op threads (1 inter-op, sequential, graph optimisation all) through src/detectors/ner/onnx-session.ts; 3 warm-up runs, then interleaved ~1 s blocks per model; tokens/s = sequence length / median run time`,
    loadavg: { before: loadBefore, after: load() },
    models,
    ratios: models.slice(0, ours.length).flatMap((m) => baselines.map((b) => ({ model: m.name, baseline: b.name.endsWith('int8') ? 'BERT-base-sized int8 (same quantizer)' : 'BERT-base-sized fp32', ratio: round(m.tokensPerS / b.tokensPerS, 1), target: 25 }))),
    notes: [
      'a token is each model’s own unit (a word-level token for phi-ner-small, a WordPiece position for BERT)',
      'the BERT-base-sized graph has random weights: only its speed means anything',
    ],
  };
  if (!haveModel) {
    throw new SkipPart(`${modelDir} is not there yet (no config.json + *.onnx): only the BERT-base-sized baseline was timed`, data);
  }
  if (loadError !== undefined) {
    throw new SkipPart(`${modelDir} exists but the runtime cannot load it yet (${loadError}): only the BERT-base-sized baseline was timed`, data);
  }
  log('ner: whole pipeline with the model on a slice of the bench corpus');
  data.pipeline = await pipelineWithModel(modelDir, opts.quick ? 40 : 200);
  log(`ner: pipeline ${JSON.stringify(data.pipeline)}`);
  log('ner: gateway RSS (patterns only, then with the model)');
  try {
    const patternsOnly = await gatewayRss(null);
    const withModel = await gatewayRss(modelDir);
    data.rss = { rssMb: withModel.rssMb, readyRssMb: withModel.readyRssMb, patternsOnlyRssMb: patternsOnly.rssMb, how: `VmRSS of node dist/src/index.js with PHI_GATEWAY_MODEL_DIR=${modelDir.replace(packageRoot() + "/", "")}, PHI_GATEWAY_NER_THREADS=${THREADS}, after 50 /v1/redact requests of the 1 KB chat body (patterns-only gateway: ${patternsOnly.rssMb} MB; target ≤ 300 MB)` };
  } catch (err) {
    if (!(err instanceof SkipPart)) throw err;
    data.rss = null;
    (data.notes as string[]).push(`gateway RSS not measured: ${err.message}`);
  }
  return data;
}

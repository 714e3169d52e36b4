// Runs an exported model with onnxruntime-node (the runtime the gateway uses).
//   node onnx_tool.js bench MODEL.onnx [threads]          -> tokens/s at batch 1, 128-token inputs
//   node onnx_tool.js predict MODEL.onnx FEATS.json OUT.json [DECODER.json]
//        -> label ids per sequence, decoded exactly as the gateway does: Viterbi under the BIO constraints plus the
//           CRF's transitions when DECODER.json ({"labels": [...], "crf": {...} | null}) has them. Needs `npm run build`.
// FEATS.json: [{word_ids:[..], shape_ids:[..], char_ids:[[16]..], gazetteers:[[8 or 10]..]}, ...] written by evaluate.py
// (the gazetteers input's width is the model's: 8 flags for phi-word-v1, 10 for phi-word-v2)
'use strict';
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));
const fs = require('fs');

const MAXC = 16;

function feeds(rows, NG) {
  const b = rows.length, s = Math.max(...rows.map((r) => r.word_ids.length));
  const w = new BigInt64Array(b * s), sh = new BigInt64Array(b * s), am = new BigInt64Array(b * s);
  const ch = new BigInt64Array(b * s * MAXC), gz = new Float32Array(b * s * NG);
  rows.forEach((r, i) => {
    r.word_ids.forEach((v, j) => {
      w[i * s + j] = BigInt(v); sh[i * s + j] = BigInt(r.shape_ids[j]); am[i * s + j] = 1n;
      for (let c = 0; c < MAXC; c++) ch[(i * s + j) * MAXC + c] = BigInt(r.char_ids[j][c]);
      for (let g = 0; g < NG; g++) gz[(i * s + j) * NG + g] = r.gazetteers[j][g];
    });
  });
  return {
    s,
    feeds: {
      word_ids: new ort.Tensor('int64', w, [b, s]), shape_ids: new ort.Tensor('int64', sh, [b, s]),
      char_ids: new ort.Tensor('int64', ch, [b, s, MAXC]), gazetteers: new ort.Tensor('float32', gz, [b, s, NG]),
      attention_mask: new ort.Tensor('int64', am, [b, s]),
    },
  };
}

async function main() {
  const [mode, model, a, b] = process.argv.slice(2);
  const threads = mode === 'bench' && a ? Number(a) : 2;
  const sess = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const NG = sess.inputMetadata.find((m) => m.name === 'gazetteers').shape[2];
  if (mode === 'bench') {
    const row = { word_ids: [], shape_ids: [], char_ids: [], gazetteers: [] };
    for (let i = 0; i < 128; i++) {
      row.word_ids.push(2 + ((i * 7919) % 30000)); row.shape_ids.push(1 + (i % 8));
      row.char_ids.push(Array.from({ length: MAXC }, (_, c) => (c < 6 ? 2 + ((i + c) % 60) : 0)));
      row.gazetteers.push(Array.from({ length: NG }, (_, g) => ((i + g) % 5 === 0 ? 1 : 0)));
    }
    const { feeds: f } = feeds([row], NG);
    for (let i = 0; i < 10; i++) await sess.run(f);
    const n = 100, t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await sess.run(f);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(JSON.stringify({ model: path.basename(model), threads, ms_per_run: (1000 * sec) / n, tokens_per_s: Math.round((128 * n) / sec) }));
    return;
  }
  const rows = JSON.parse(fs.readFileSync(a, 'utf8'));
  const decoderFile = process.argv[6];
  const dec = decoderFile ? JSON.parse(fs.readFileSync(decoderFile, 'utf8')) : null;
  let decode = null;
  if (dec) {
    // the scores the gateway's model loader builds from a model folder's config.json (BIO constraints + CRF)
    const ner = path.join(__dirname, '..', 'dist', 'src', 'detectors', 'ner');
    const v = require(path.join(ner, 'viterbi.js'));
    const { decoderOf } = require(path.join(ner, 'model-loader.js'));
    const scores = decoderOf({ crf: dec.crf ?? undefined }, dec.labels, decoderFile);
    decode = (em, len) => Array.from(v.viterbi(em, len, scores));
  }
  const out = [];
  for (let i = 0; i < rows.length; i += 16) {
    const chunk = rows.slice(i, i + 16);
    const { s, feeds: f } = feeds(chunk, NG);
    const res = await sess.run(f);
    const logits = res.logits.data, L = res.logits.dims[2];
    chunk.forEach((r, k) => {
      if (decode) {
        const len = r.word_ids.length;
        out.push(decode(logits.subarray(k * s * L, (k * s + len) * L), len));
        return;
      }
      const ids = [];
      for (let j = 0; j < r.word_ids.length; j++) {
        let best = 0, bv = -Infinity;
        for (let l = 0; l < L; l++) { const v = logits[(k * s + j) * L + l]; if (v > bv) { bv = v; best = l; } }
        ids.push(best);
      }
      out.push(ids);
    });
  }
  fs.writeFileSync(b, JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });

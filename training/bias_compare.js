// Compares two packaged models on the bias set as the gateway runs them (whole documents, PERSON mention propagation
// and name retyping), with a paired bootstrap over documents: per name origin, PERSON recall of A and B, B − A in
// points and its 95 % interval (2,000 resamples of each origin's documents, the same resample for both models).
// How the 0.4.0 → 0.4.1 intervals in the model card were computed; needs `npm run build`.
//   node bias_compare.js MODEL_A MODEL_B WORK/synth/bias.jsonl [seed]
// The bias set's spans are [start, end, type, origin]; only PERSON spans of the document's own origin are scored
// (other persons of a document are drawn from any origin), as in evaluate.py.
'use strict';
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { loadNerModel } = require(path.join(dist, 'detectors', 'ner', 'model-loader'));
const { createNerDetector } = require(path.join(dist, 'detectors', 'ner', 'ner-detector'));
const { withMentions } = require(path.join(dist, 'analysis', 'mention-propagation'));

/** mulberry32: a small seeded generator, so that the intervals are reproducible. */
function rng(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Per document: PERSON spans of its origin found exactly, and their number. */
async function hitsPerDocument(modelDir, docs) {
  const model = await loadNerModel(modelDir, { intraOpNumThreads: 2 });
  const detector = createNerDetector(model, {});
  const out = [];
  for (const d of docs) {
    const [found] = withMentions([d.text], [await detector.detect(d.text, {})], ['PERSON']);
    let hits = 0;
    let n = 0;
    for (const [start, end, type, origin] of d.spans) {
      if (type !== 'PER' || origin !== d.origin) continue;
      n++;
      if (found.some((f) => f.entity === 'PERSON' && f.start === start && f.end === end)) hits++;
    }
    out.push({ hits, n });
  }
  await model.classifier.release?.();
  return out;
}

async function main() {
  const [a, b, biasPath, seed] = process.argv.slice(2);
  if (!biasPath) throw new Error('usage: node bias_compare.js MODEL_A MODEL_B WORK/synth/bias.jsonl [seed]');
  const docs = fs.readFileSync(biasPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const [ha, hb] = [await hitsPerDocument(a, docs), await hitsPerDocument(b, docs)];
  const pick = rng(Number(seed ?? 1));
  const recall = (h, ids) => ids.reduce((s, i) => s + h[i].hits, 0) / ids.reduce((s, i) => s + h[i].n, 0);
  console.log('origin\tA\tB\tB-A (points)\t95 % interval');
  for (const origin of [...new Set(docs.map((d) => d.origin))]) {
    const ids = docs.flatMap((d, i) => (d.origin === origin ? [i] : []));
    const diffs = [];
    for (let r = 0; r < 2000; r++) {
      const sample = ids.map(() => ids[pick(ids.length)]);
      diffs.push(recall(hb, sample) - recall(ha, sample));
    }
    diffs.sort((x, y) => x - y);
    const pts = (x) => (100 * x).toFixed(1);
    console.log(`${origin}\t${recall(ha, ids).toFixed(3)}\t${recall(hb, ids).toFixed(3)}\t${pts(recall(hb, ids) - recall(ha, ids))}\t[${pts(diffs[50])}, ${pts(diffs[1949])}]`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

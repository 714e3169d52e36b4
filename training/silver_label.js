// Labels unlabeled documents with a packaged model run as the gateway runs it: the NER detector over each whole
// document (overlapping windows), then PERSON mention propagation and name retyping (`withMentions`), so the labels
// carry the document-level decisions the model alone cannot make. Used by silver.py (self-training); needs
// `npm run build`.
//   node silver_label.js MODEL_DIR IN.jsonl OUT.jsonl [threads]
// IN: {"text": ...} per line. OUT: {"text": ..., "spans": [[start, end, "PER"|"LOC"|"ORG"|"MISC", score], ...]} per
// line, UTF-16 offsets (the featurizer's), in the input's order.
'use strict';
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { loadNerModel } = require(path.join(dist, 'detectors', 'ner', 'model-loader'));
const { createNerDetector } = require(path.join(dist, 'detectors', 'ner', 'ner-detector'));
const { withMentions } = require(path.join(dist, 'analysis', 'mention-propagation'));

// the model's MISC would be dropped by the default label map; carry it through as CUSTOM and back
const BACK = { PERSON: 'PER', LOCATION: 'LOC', ORGANIZATION: 'ORG', CUSTOM: 'MISC' };

async function main() {
  const [modelDir, inPath, outPath, threads] = process.argv.slice(2);
  if (!outPath) throw new Error('usage: node silver_label.js MODEL_DIR IN.jsonl OUT.jsonl [threads]');
  const texts = fs.readFileSync(inPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
  const model = await loadNerModel(modelDir, { intraOpNumThreads: Number(threads ?? 2) });
  const detector = createNerDetector(model, { labelMap: { MISC: 'CUSTOM' } });
  const out = new Array(texts.length);
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < texts.length) {
      const i = next++;
      const [found] = withMentions([texts[i]], [await detector.detect(texts[i], {})], ['PERSON']);
      out[i] = found.map((d) => [d.start, d.end, BACK[d.entity], Math.round(d.score * 1000) / 1000]);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await model.classifier.release?.();
  fs.writeFileSync(outPath, texts.map((text, i) => JSON.stringify({ text, spans: out[i] })).join('\n') + '\n');
  const chars = texts.reduce((a, t) => a + t.length, 0);
  console.error(`labelled ${texts.length} documents (${chars} characters) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// How well a model's span scores say how often a span is right: of the PER/LOC/ORG spans the model predicts with a
// score in each bucket, the share that matches a gold span exactly (strict span matching, the model alone, no mention
// propagation). A policy threshold of T keeps the buckets from T up. Needs `npm run build`.
//   node calibration.js MODEL_DIR [--scoring softmax|marginal] SET...
// SET is conll:FILE (each sentence a text), conll-doc:FILE (each -DOCSTART- document a text) or jsonl:FILE (gold
// spans), as in compare_models.js. --scoring marginal scores tokens by the CRF's posterior marginals instead of their
// logits' softmax (ner-detector.ts `scoring`). Prints one line per set and one over all sets.
'use strict';
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { loadNerModel } = require(path.join(dist, 'detectors', 'ner', 'model-loader'));
const { createNerDetector } = require(path.join(dist, 'detectors', 'ner', 'ner-detector'));
const { runEval } = require(path.join(dist, 'eval', 'run-eval'));

/** Bucket edges; a span scoring s falls in [edge_i, edge_i+1). */
const EDGES = [0, 0.3, 0.5, 0.7, 0.9, 0.97];

function parseSet(arg) {
  const i = arg.indexOf(':');
  const kind = arg.slice(0, i);
  const file = arg.slice(i + 1);
  if (kind === 'jsonl') return { name: file, opts: { jsonl: file } };
  if (kind === 'conll' || kind === 'conll-doc') return { name: file, opts: { conll: file, documents: kind === 'conll-doc' } };
  throw new Error(`unknown set ${arg}: use conll:, conll-doc: or jsonl:`);
}

/** Predicted and correct spans at or above each edge. */
async function counts(detector, set) {
  const out = [];
  for (const threshold of EDGES) {
    const r = await runEval({ modelDir: '/unused', threshold, ...set.opts }, { detector });
    out.push({ pred: r.scores.micro.predicted, tp: r.scores.micro.tp });
  }
  out.push({ pred: 0, tp: 0 });
  return out;
}

function line(name, c) {
  const cells = EDGES.map((lo, i) => {
    const n = c[i].pred - c[i + 1].pred;
    const right = c[i].tp - c[i + 1].tp;
    const last = i + 1 === EDGES.length;
    return `[${lo}, ${last ? '1]' : `${EDGES[i + 1]})`}: ${n ? (right / n).toFixed(2) : '-'} of ${n}`;
  });
  return `${name}\t${cells.join('\t')}`;
}

async function main() {
  const args = process.argv.slice(2);
  let scoring = 'softmax';
  const k = args.indexOf('--scoring');
  if (k >= 0) {
    scoring = args[k + 1];
    args.splice(k, 2);
  }
  if (scoring !== 'softmax' && scoring !== 'marginal') throw new Error('--scoring: softmax or marginal');
  const [modelDir, ...sets] = args;
  if (!modelDir || sets.length === 0) throw new Error('usage: node calibration.js MODEL_DIR [--scoring softmax|marginal] SET...');
  const model = await loadNerModel(modelDir, { intraOpNumThreads: 2 });
  try {
    const detector = createNerDetector(model, { scoring });
    const all = EDGES.map(() => ({ pred: 0, tp: 0 })).concat([{ pred: 0, tp: 0 }]);
    console.log(`${model.name} ${model.version}, scoring ${scoring}: share of spans exactly right, by score`);
    for (const arg of sets) {
      const set = parseSet(arg);
      const c = await counts(detector, set);
      c.forEach((x, i) => {
        all[i].pred += x.pred;
        all[i].tp += x.tp;
      });
      console.log(line(set.name, c));
    }
    console.log(line('all sets', all));
  } finally {
    await model.classifier.release?.();
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});

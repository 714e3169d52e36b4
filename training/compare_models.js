// Compares two packaged models as the gateway runs them (PERSON mention propagation and name retyping on), with a
// paired bootstrap over documents (src/eval/paired-bootstrap.ts: 2,000 resamples, the same draw for both models):
//   - per dataset: PER/LOC/ORG micro F1 and PERSON F1 of A and B, B − A in points and its 95 % interval;
//   - on the bias set: PERSON recall per name origin and pooled over origins, B − A and its 95 % interval.
// This is what a shipping rule with a noise clause reads (training/README.md). Needs `npm run build`.
//   node compare_models.js MODEL_A[,MODEL_A2,...] MODEL_B[,MODEL_B2,...] [--seed N] [--confidence 0.95] [--no-propagate] SET...
// Several comma-separated models on a side are runs of one recipe (e.g. tagging seeds): that side is then their mean,
// each bootstrap resample scoring every run on the same documents (src/eval/paired-bootstrap.ts, pairedBootstrapMean),
// and extra columns list each B run's own B − A (A's mean) and each A run's score, so a recipe is judged on its mean
// and its seeds' spread is seen.
// SET is conll:FILE (each sentence a text), conll-doc:FILE (each -DOCSTART- document a text), jsonl:FILE (gold
// spans) or bias:WORK/synth/bias.jsonl. A jsonl file whose every line also has synth.py's "templates" ([start, end,
// "domain:index"] per rendered template) gets two more rows with intervals over templates instead of texts: every
// instance of one template, across all texts, resampled as one unit (the unit of "unseen templates"). The bias set's
// spans are [start, end, type, origin]; only PERSON spans of the document's own origin are scored (other persons of a
// document come from any origin), as in evaluate.py.
// One generator runs through the bias origins in file order, so the card's 0.4.0 -> 0.4.1 intervals come out
// exactly; each dataset row gets its own generator (as in `phi-gateway eval --baseline`, src/eval/compare-reports.ts).
'use strict';
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'src');
const { loadNerModel } = require(path.join(dist, 'detectors', 'ner', 'model-loader'));
const { createNerDetector } = require(path.join(dist, 'detectors', 'ner', 'ner-detector'));
const { withMentions } = require(path.join(dist, 'analysis', 'mention-propagation'));
const { runEval } = require(path.join(dist, 'eval', 'run-eval'));
const { pairedBootstrapMean, seededPicker } = require(path.join(dist, 'eval', 'paired-bootstrap'));
const { compareReports } = require(path.join(dist, 'eval', 'compare-reports'));

let confidence = 0.95; // --confidence C: the intervals' two-sided level
let propagate = true; // --no-propagate: the model's own findings, without the gateway's mention propagation
const pts = (x) => (100 * x).toFixed(1);
const level = () => `${+(100 * confidence).toFixed(1)} %`;
const row = (name, r) =>
  `${name}\t${r.a.toFixed(3)}\t${r.b.toFixed(3)}\t${pts(r.diff)}\t[${pts(r.low)}, ${pts(r.high)}]`
  + (r.runs && r.runs.length > 1 ? `\t${r.runs.map((x) => pts(x - r.a)).join(' ')}` : '')
  + (r.baselineRuns ? `\t${r.baselineRuns.map((x) => x.toFixed(3)).join(' ')}` : '');
const mean = (n) => (n > 1 ? ` (mean of ${n} runs)` : '');
const header = (as, bs) => `score\tA${mean(as)}\tB${mean(bs)}\tB-A (points)\t${level()} interval`
  + (bs > 1 ? '\teach B run - A' : '') + (as > 1 ? '\teach A run' : '');

/** A side as the paired bootstrap takes it: several runs as a list (scored as their mean), one run as itself (no per-run column). */
const asSide = (runs) => (runs.length > 1 ? runs : runs[0]);

/** `fn` on each model folder in turn (one model loaded at a time). */
async function eachModel(dirs, fn) {
  const out = [];
  for (const dir of dirs) out.push(await fn(dir));
  return out;
}

/** Per bias document: PERSON spans of its origin found exactly (tp) and missed (fn). */
async function biasCounts(modelDir, docs) {
  const model = await loadNerModel(modelDir, { intraOpNumThreads: 2 });
  try {
    const detector = createNerDetector(model, {});
    const out = [];
    for (const d of docs) {
      const [found] = withMentions([d.text], [await detector.detect(d.text, {})], propagate ? ['PERSON'] : []);
      let tp = 0;
      let n = 0;
      for (const [start, end, type, origin] of d.spans) {
        if (type !== 'PER' || origin !== d.origin) continue;
        n++;
        if (found.some((f) => f.entity === 'PERSON' && f.start === start && f.end === end)) tp++;
      }
      out.push({ tp, fp: 0, fn: n - tp });
    }
    return out;
  } finally {
    await model.classifier.release?.();
  }
}

async function compareBias(as, bs, file, seed) {
  const docs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ca = asSide(await eachModel(as, (dir) => biasCounts(dir, docs)));
  const runs = await eachModel(bs, (dir) => biasCounts(dir, docs));
  const pick = seededPicker(seed);
  console.log(`\n${file}: PERSON recall by name origin\n${header(as.length, runs.length).replace('score', 'origin')}`);
  const lines = [];
  for (const origin of [...new Set(docs.map((d) => d.origin))]) {
    const documents = docs.flatMap((d, i) => (d.origin === origin ? [i] : []));
    const r = pairedBootstrapMean(ca, runs, { metric: 'recall', documents, confidence }, pick);
    lines.push({ origin, r });
    console.log(row(origin, r));
  }
  // after the origins, so that the origins' intervals are drawn as before this row existed
  console.log(row('pooled', pairedBootstrapMean(ca, runs, { metric: 'recall', confidence }, pick)));
  const gap = (k) => Math.max(...lines.map((l) => l.r[k])) - Math.min(...lines.map((l) => l.r[k]));
  console.log(`gap (best - worst origin)\tA ${pts(gap('a'))}\tB ${pts(gap('b'))} points`);
}

/**
 * For a jsonl file of synth.py documents with template ranges: the resampling units of compareReports (one per
 * template id) and their count, or null when some line has no templates. A span belongs to the template its start lies
 * in (a start in the separator between two falls to the one before).
 */
function templateUnits(file) {
  const docs = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  if (!docs.every((d) => Array.isArray(d.templates) && d.templates.length > 0)) return null;
  const ids = new Map();
  for (const d of docs) for (const [, , id] of d.templates) if (!ids.has(id)) ids.set(id, ids.size);
  const of = (s) => {
    const ranges = docs[s.doc].templates;
    let unit = ranges[0][2];
    for (const [start, , id] of ranges) if (start <= s.start) unit = id;
    return ids.get(unit);
  };
  return { count: ids.size, of };
}

async function compareSet(as, bs, kind, file, seed) {
  const opts = { propagate, keepSpans: true, intraOpNumThreads: 2 };
  if (kind === 'jsonl') opts.jsonl = file;
  else opts.conll = file;
  if (kind === 'conll-doc') opts.documents = true;
  const ras = await eachModel(as, (dir) => runEval({ ...opts, modelDir: dir }));
  const rbs = await eachModel(bs, (dir) => runEval({ ...opts, modelDir: dir }));
  const n = ras[0].dataset.documents;
  console.log(`\n${kind}:${file} (${n} ${kind === 'conll' ? 'sentences' : 'texts'})\n${header(as.length, bs.length)}`);
  const rows = compareReports(asSide(ras), asSide(rbs), { seed, confidence });
  console.log(row('PER/LOC/ORG F1', rows.find((r) => r.type === 'micro')));
  console.log(row('PERSON F1', rows.find((r) => r.type === 'PERSON')));
  const units = kind === 'jsonl' ? templateUnits(file) : null;
  if (units) {
    const byTemplate = compareReports(asSide(ras), asSide(rbs), { seed, confidence, units });
    console.log(row(`PER/LOC/ORG F1, over ${units.count} templates`, byTemplate.find((r) => r.type === 'micro')));
    console.log(row(`PERSON F1, over ${units.count} templates`, byTemplate.find((r) => r.type === 'PERSON')));
  }
}

async function main() {
  const args = process.argv.slice(2);
  let seed = 1;
  const si = args.indexOf('--seed');
  if (si >= 0) seed = Number(args.splice(si, 2)[1]);
  const ci = args.indexOf('--confidence');
  if (ci >= 0) confidence = Number(args.splice(ci, 2)[1]);
  if (!(confidence > 0 && confidence < 1)) throw new Error('--confidence: a level between 0 and 1, e.g. 0.9');
  const np = args.indexOf('--no-propagate');
  if (np >= 0) propagate = !args.splice(np, 1);
  const [a, b, ...sets] = args;
  if (!sets.length) throw new Error('usage: node compare_models.js MODEL_A[,MODEL_A2,...] MODEL_B[,MODEL_B2,...] [--seed N] [--confidence C] [--no-propagate] conll:F|conll-doc:F|jsonl:F|bias:F ...');
  const [as, bs] = [a.split(',').filter(Boolean), b.split(',').filter(Boolean)];
  const side = (ms) => (ms.length > 1 ? `the mean of ${ms.length} runs: ${ms.join(', ')}` : ms[0]);
  console.log(`A = ${side(as)}\nB = ${side(bs)}`);
  for (const set of sets) {
    const i = set.indexOf(':');
    const [kind, file] = [set.slice(0, i), set.slice(i + 1)];
    if (kind === 'bias') await compareBias(as, bs, file, seed);
    else if (['conll', 'conll-doc', 'jsonl'].includes(kind)) await compareSet(as, bs, kind, file, seed);
    else throw new Error(`unknown set kind: ${kind}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
module.exports = { templateUnits };

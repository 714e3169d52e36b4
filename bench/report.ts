/** Renders bench/results/RESULTS.md from the parts' JSON results. */
import type { PartResult } from './run';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | undefined, d = 2) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

function table(head: string[], rows: Array<Array<string | number>>): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function header(r: PartResult): string {
  const m = r.machine;
  return (
    `_Run ${m.date} · ${m.cpuModel}, ${m.cores} cores · Node ${m.node} · load average at start ${m.loadavgAtStart.join(' / ')}, at end ` +
    `${r.loadavgAtEnd.join(' / ')} (1/5/15 min) · ${r.durationS.toFixed(0)} s_` +
    (m.loadavgAtStart[0] > m.cores * 0.5 ? `\n\n**Loaded machine**: the 1-minute load (${m.loadavgAtStart[0]}) was above half the core count; treat absolute numbers as pessimistic and noisy.` : '')
  );
}

function patterns(d: Obj): string {
  const libs = d.libraries as Obj[];
  const types = Object.keys(libs[0].quality.perType);
  const c = d.comparison;
  return [
    `Corpus: ${d.corpus.texts} texts, ${(d.corpus.bytes / 1e6).toFixed(2)} MB, ${d.corpus.gold} gold PII values, ${d.corpus.distractors} distractors (bench/corpus.ts, fixed seed).`,
    `Method: ${d.method}.`,
    '',
    table(
      ['library', 'version', 'MB/s', 'ms per KB', 'CPU ms per KB', 'recall (value no longer intact)', 'recall (fully removed)', 'recall excl. PERSON', 'distractor false positives'],
      [
        ...libs.map((l) => [l.name, l.version, num(l.speed.mbPerS, 3), num(l.speed.msPerKb, 3), num(l.speed.cpuMsPerKb, 3), pct(l.quality.recall.found), pct(l.quality.recall.fully), pct(l.recallExcludingPerson), `${l.quality.distractors.falsePositives}/${l.quality.distractors.total} (${pct(l.quality.distractors.rate)})`]),
        [d.oursRedact.name, libs[0].version, num(d.oursRedact.speed.mbPerS, 3), num(d.oursRedact.speed.msPerKb, 3), num(d.oursRedact.speed.cpuMsPerKb, 3), '', '', '', ''],
      ],
    ),
    '',
    `**Speed ratio vs the faster of the two (${c.fasterOfOthers})**: ${c.speedRatioAnalyze}× (engine.analyze), ${c.speedRatioRedact}× (engine.redact); by CPU time ${c.cpuTimeRatioAnalyze ?? 'n/a'}× (engine.analyze). Target: ${c.target}.`,
    '',
    ...(d.mentionPropagationUniqueNames
      ? [
          `Mention propagation when each request names someone no other request names (the corpus's own names recur): ${d.mentionPropagationUniqueNames.msPerRequest} ms per request over ${d.mentionPropagationUniqueNames.requests} requests.`,
          '',
        ]
      : []),
    'Recall per gold type (value no longer intact / fully removed):',
    '',
    table(['type', 'gold', ...libs.map((l) => l.name.split(' ')[0])], types.map((t) => [t, libs[0].quality.perType[t].gold, ...libs.map((l) => `${pct(l.quality.perType[t]?.recall)} / ${pct(l.quality.perType[t]?.recallFully)}`)])),
    '',
    'False positives per distractor type:',
    '',
    table(
      ['distractor', 'count', ...libs.map((l) => l.name.split(' ')[0])],
      Object.keys(libs[0].quality.distractors.perType).map((t) => [t, libs[0].quality.distractors.perType[t].total, ...libs.map((l) => String(l.quality.distractors.perType[t]?.falsePositives ?? 0))]),
    ),
    '',
    `Our detectors alone (each over the corpus, ms per KB; the sum vs engine.analyze shows the engine's own overhead): ` +
      Object.entries(d.oursPerDetectorMsPerKb as Record<string, number>)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ') +
      `; sum ${num(Object.values(d.oursPerDetectorMsPerKb as Record<string, number>).reduce((a, b) => a + b, 0), 3)}.`,
  ].join('\n');
}

function ner(d: Obj): string {
  const rows = (d.models as Obj[]).map((m) => [m.name, m.file, num(m.fileMb, 1), m.seqLen, m.threads, num(m.tokensPerS, 0), num(m.msPerRun, 2)]);
  return [
    `Method: ${d.method}.`,
    '',
    table(['model', 'file', 'MB', 'sequence', 'intra-op threads', 'tokens/s (batch 1)', 'ms per run'], rows),
    '',
    ...(d.ratios as Obj[]).map((r) => `**${r.model} vs ${r.baseline}**: ${num(r.ratio, 1)}× (target ≥ ${r.target}×).`),
    d.loadavg ? `Load average before/after timing: ${d.loadavg.before.join(' / ')} → ${d.loadavg.after.join(' / ')}.` : '',
    '',
    d.pipeline
      ? `Whole pipeline with the model (${d.pipeline.detectors} detectors incl. ${d.pipeline.model}, default policy, engine.analyze) on the first ${d.pipeline.texts} corpus texts: ` +
        `${num(d.pipeline.msPerKb, 3)} ms per KB; recall ${pct(d.pipeline.recall.found)} (fully removed ${pct(d.pipeline.recall.fully)}), PERSON ${pct(d.pipeline.person?.recall)} ` +
        `(${d.pipeline.person?.found}/${d.pipeline.person?.gold}), excluding PERSON ${pct(d.pipeline.recallExcludingPerson)}; distractor false positives ${d.pipeline.distractors.falsePositives}/${d.pipeline.distractors.total}.`
      : '',
    '',
    d.rss ? `Gateway RSS with the model loaded: ${num(d.rss.rssMb, 0)} MB (${d.rss.how}).` : '',
    '',
    ...(d.notes ?? []).map((n: string) => `- ${n}`),
  ].join('\n');
}

function http(d: Obj): string {
  const rows = (d.runs as Obj[]).map((r) => [r.target, r.connections, num(r.requestsPerS, 0), num(r.latencyMs.p50, 0), num(r.latencyMs.p99, 0), num(r.latencyMs.mean, 2), r.non2xx, r.errors, (r.loadavg ?? [])[0] ?? '']);
  return [
    `Method: ${d.method}.`,
    '',
    table(['target', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'non-2xx', 'errors', 'load (1 min) after'], rows),
    '',
    'autocannon reports p50/p99 in whole milliseconds.',
    '',
    'Added latency of the gateway over calling the echo upstream directly (same body, same connections):',
    '',
    table(['connections', 'p50 added ms', 'p99 added ms', 'mean added ms'], (d.added as Obj[]).map((a) => [a.connections, num(a.p50, 0), num(a.p99, 0), num(a.mean, 2)])),
    '',
    d.sanity ? `Sanity check before the load: /v1/redact ${d.sanity.redactStatus}, proxy ${d.sanity.proxyStatus}; seeded value types still present in the /v1/redact output: ${(d.sanity.seededTypesSurvivingRedact ?? []).join(', ') || 'none'}. Gateway RSS after the runs: ${num(d.gatewayRssMbAfter, 0)} MB.` : '',
    '',
    ...(d.notes ?? []).map((n: string) => `- ${n}`),
  ].join('\n');
}

function pgAudit(d: Obj): string {
  return [
    `Method: ${d.method}. ${d.postgres}.`,
    '',
    table(
      ['callers', 'way', 'appends/s', 'transactions', 'p50 ms'],
      (d.rows as Obj[]).map((r) => [r.concurrency, r.way, r.appendsPerS, r.transactions, num(r.p50Ms)]),
    ),
  ].join('\n');
}

function dates(d: Obj): string {
  const types = (r: Obj) =>
    Object.entries(r.modelTypes as Record<string, number>)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
  return [
    `Method: ${d.method}.`,
    '',
    table(
      ['written form', 'date element', 'n', 'pattern.date-time recall', 'pattern partial', `${d.model} tags it (any type)`, 'pattern missed, e.g.'],
      (d.rows as Obj[]).map((r) => [r.form, r.element ? 'yes' : 'no', r.n, pct(r.patternRecall), r.patternPartial, `${pct(r.modelRate)}${r.modelAny ? ` (${types(r)})` : ''}`, (r.examplesMissed as string[]).map((x) => `"${x}"`).join(', ')]),
    ),
    '',
    `**Date elements (day or month stated), all forms**: pattern.date-time recall ${pct(d.dateElements.patternRecall)} over ${d.dateElements.n} dates; ${d.model} tags ${pct(d.dateElements.modelRate)} of them as some entity.`,
    `Distractors: pattern.date-time fires on ${d.distractors.patternFalsePositives}/${d.distractors.n}${d.distractors.patternFalsePositiveText.length ? ` (${(d.distractors.patternFalsePositiveText as string[]).map((x) => `"${x}"`).join(', ')})` : ''}; ${d.model} finds something in ${d.distractors.modelFalsePositives}/${d.distractors.n}.`,
  ].join('\n');
}

function nerBatching(d: Obj): string {
  return [
    `Method: ${d.method}.`,
    '',
    table(
      ['intra-op threads', 'callers', 'maxBatch', 'wait ms', 'tokens/s', 'texts/s', 'median pass ms'],
      (d.rows as Obj[]).map((r) => [r.threads, r.concurrency, r.maxBatch, r.maxWaitMs, r.tokensPerS, num(r.textsPerS, 1), num(r.passMs, 1)]),
    ),
    '',
    `Batched (maxBatch 8) over unbatched tokens/s, no wait / 2 ms wait: ${(d.gains as Obj[]).map((g) => `${g.threads} thread${g.threads > 1 ? 's' : ''}, ${g.concurrency} caller${g.concurrency > 1 ? 's' : ''}: ${num(g.wait0OverUnbatched)}× / ${num(g.wait2OverUnbatched)}×`).join('; ')}.`,
  ].join('\n');
}

const RENDER: Record<string, (d: Obj) => string> = { patterns, ner, 'ner-batching': nerBatching, dates, http, 'pg-audit': pgAudit };
const TITLE: Record<string, string> = {
  patterns: 'Pattern pipeline vs @openredaction/openredaction and redact-pii (issue 2)',
  ner: 'NER model throughput vs a BERT-base-sized encoder (issue 4)',
  'ner-batching': 'NER micro-batching: concurrent callers with and without batching (issue 4)',
  dates: 'Dates: pattern.date-time vs the NER model (issue 4)',
  http: 'HTTP gateway: /v1/redact and the proxy under autocannon (issue 3)',
  'pg-audit': 'PostgreSQL audit appends: grouped commits vs one transaction per append',
};

export function renderMarkdown(results: PartResult[]): string {
  const out = ['# phi-gateway benchmark results', '', 'Written by `npm run bench` (`node dist/bench/run.js [--only patterns|ner|ner-batching|dates|http|pg-audit]`). Each section comes from `bench/results/<part>.json`.', ''];
  for (const r of results) {
    out.push(`## ${TITLE[r.part] ?? r.part}`, '', header(r), '');
    if (r.status === 'ok' && r.data) out.push(RENDER[r.part](r.data as Obj));
    else {
      out.push(`**${r.status}**: ${(r.reason ?? '').split('\n')[0]}`);
      if (r.data) out.push('', 'What was measured:', '', RENDER[r.part](r.data as Obj));
    }
    out.push('');
  }
  return out.join('\n');
}

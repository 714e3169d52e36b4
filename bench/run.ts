/**
 * `npm run bench` entry: runs the parts (all, or `--only patterns|ner|ner-batching|dates|http|pg-audit`, comma-separated), writes
 * `bench/results/<part>.json` and a human-readable `bench/results/RESULTS.md` (machine, date, load average).
 * A part whose prerequisites are missing (model not trained yet, app not built yet) is recorded as skipped.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDatesBench } from './dates';
import { runHttpBench } from './http';
import { runNerBench } from './ner';
import { runNerBatchingBench } from './ner-batching';
import { runPatternsBench } from './patterns';
import { runPgAuditBench } from './pg-audit';
import { renderMarkdown } from './report';
import { RESULTS_DIR, SkipPart, load, log, machine, writeResult } from './util';

const PARTS = ['patterns', 'ner', 'ner-batching', 'dates', 'http', 'pg-audit'] as const;
type Part = (typeof PARTS)[number];

export interface PartResult {
  part: Part;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  machine: ReturnType<typeof machine>;
  loadavgAtEnd: number[];
  durationS: number;
  data?: Record<string, unknown>;
}

function parseArgs(argv: string[]): { parts: Part[]; quick: boolean } {
  let parts: Part[] = [...PARTS];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const wanted = (v ?? '').split(',').filter(Boolean);
      for (const w of wanted) if (!(PARTS as readonly string[]).includes(w)) throw new Error(`--only: unknown part "${w}" (one of ${PARTS.join(', ')})`);
      parts = wanted as Part[];
    } else if (a === '--quick') quick = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node dist/bench/run.js [--only patterns|ner|ner-batching|dates|http|pg-audit[,…]] [--quick]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return { parts, quick };
}

async function runPart(part: Part, quick: boolean): Promise<Record<string, unknown>> {
  switch (part) {
    case 'patterns':
      return runPatternsBench(quick ? { budgetMs: 3_000, count: 200 } : {});
    case 'ner':
      return runNerBench({ quick });
    case 'ner-batching':
      return runNerBatchingBench({ quick });
    case 'dates':
      return runDatesBench({ quick });
    case 'http':
      return runHttpBench({ quick });
    case 'pg-audit':
      return runPgAuditBench({ quick });
  }
}

async function main(): Promise<void> {
  const { parts, quick } = parseArgs(process.argv.slice(2));
  let failed = false;
  for (const part of parts) {
    const m = machine();
    const t0 = Date.now();
    log(`${part}: start`);
    let result: PartResult;
    try {
      const data = await runPart(part, quick);
      result = { part, status: 'ok', machine: m, loadavgAtEnd: load(), durationS: (Date.now() - t0) / 1000, data: { ...(quick ? { quick: true } : {}), ...data } };
    } catch (err) {
      const skipped = err instanceof SkipPart;
      if (!skipped) failed = true;
      const reason = err instanceof Error ? (skipped ? err.message : (err.stack ?? err.message)) : String(err);
      log(`${part}: ${skipped ? 'skipped' : 'FAILED'}: ${reason}`);
      const data = err instanceof SkipPart ? err.data : undefined;
      result = { part, status: skipped ? 'skipped' : 'failed', reason, machine: m, loadavgAtEnd: load(), durationS: (Date.now() - t0) / 1000, ...(data ? { data } : {}) };
    }
    log(`${part}: wrote ${writeResult(part, result)}`);
  }
  // RESULTS.md from every part's latest JSON (parts not run this time keep their previous results).
  const all: PartResult[] = [];
  for (const p of PARTS) {
    const f = join(RESULTS_DIR, `${p}.json`);
    if (existsSync(f)) all.push(JSON.parse(readFileSync(f, 'utf8')) as PartResult);
  }
  const md = join(RESULTS_DIR, 'RESULTS.md');
  writeFileSync(md, renderMarkdown(all));
  log(`wrote ${md}`);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});

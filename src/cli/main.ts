import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { DEFAULT_MODEL_DIR } from '../detectors/build-registry';
import { publicItems } from '../engine/public-items';
import { GatewayError } from '../errors';
import { compareReports, formatComparison } from '../eval/compare-reports';
import { formatReport, runEval } from '../eval/run-eval';
import { loadPolicy } from '../policy/loader';
import { runJsonl } from './jsonl-command';
import { keysCommand } from './keys-command';
import { defaultOutput, redactFile } from './redact-file';
import { policiesDir, resolvePolicy, setupCli } from './setup';

const USAGE = `usage: phi-gateway <command> [options]

  analyze [--policy TENANT|FILE]         JSONL {"id","text"} on stdin → {"id","entities"} on stdout
  redact  [--policy TENANT|FILE]         JSONL {"id","text"} on stdin → {"id","text","items"} on stdout
  redact  [--policy …] FILE [--out OUT]  redacted copy of a text, JSONL or CSV file
  policy lint FILE...                    validate policy files
  policy show TENANT|PROFILE             print the fully resolved policy
  eval --conll FILE | --jsonl FILE       precision/recall/F1 per type of a NER model folder
       [--documents]                     CoNLL: one text per -DOCSTART- document instead of per sentence
       [--propagate]                     look PERSON findings up again in the same text (and retype the model's
                                         place/organisation guesses on their names), as the gateway does
       [--threshold T]                   drop the model's spans scoring below T (0–1; default 0: every span), before
                                         propagation, as a policy's threshold does (the shipped policies: 0.5)
       [--baseline DIR]                  also score the model in DIR and print F1 differences with a 95 % paired
                                         bootstrap interval over the texts (is a change more than noise?)
       [--json]                          one JSON object (report, and comparison with --baseline) instead of tables
  keys add NAME [--admin] [--file FILE]  new API key for tenant NAME (or an admin): its salted hash is appended to
       [--stdin]                         FILE (default PHI_GATEWAY_API_KEYS_FILE), the key printed once; --stdin
                                         hashes a key read from stdin instead and prints nothing
  keys list [--file FILE]                line, kind and name of every key in the file (never the hashes)
  serve                                  start the gateway (same as npm start)

  common options: --model DIR (NER model folder; default: the shipped model), --no-model (patterns only),
                  --threads N (onnxruntime intra-op threads, default 2)
`;

/** Where a command reads and writes (tests pass in-memory streams). */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const defaultIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function modelOption(values: { model?: string; 'no-model'?: boolean }): string | null | undefined {
  if (values['no-model']) return null;
  return values.model ? resolve(values.model) : undefined;
}

const commonOptions = {
  policy: { type: 'string' },
  model: { type: 'string' },
  'no-model': { type: 'boolean' },
  threads: { type: 'string' },
  out: { type: 'string' },
  progress: { type: 'boolean' },
  conll: { type: 'string' },
  jsonl: { type: 'string' },
  documents: { type: 'boolean' },
  propagate: { type: 'boolean' },
  baseline: { type: 'string' },
  threshold: { type: 'string' },
  json: { type: 'boolean' },
  file: { type: 'string' },
  admin: { type: 'boolean' },
  stdin: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Entry point of the `phi-gateway` command; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: commonOptions, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const threads = values.threads ? Number(values.threads) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) throw new GatewayError('USAGE', 2, '--threads: expected a positive integer');

  switch (command) {
    case 'analyze':
    case 'redact': {
      const { engine, policy, tenant } = await setupCli({ policy: values.policy, modelDir: modelOption(values), threads });
      if (command === 'redact' && rest.length > 0) {
        let failed = 0;
        for (const input of rest) {
          const output = resolve(values.out && rest.length === 1 ? values.out : defaultOutput(input));
          const s = await redactFile({ engine, policy, tenant, input, output, progress: values.progress, stderr: io.stderr });
          failed += s.failed;
          io.stderr.write(`phi-gateway: ${basename(input)} → ${output}: ${s.records} records, ${s.items} redactions ${JSON.stringify(s.byType)}\n`);
        }
        return failed ? 1 : 0;
      }
      const failed = await runJsonl(io.stdin as never, io.stdout as never, io.stderr as never, async ({ id, text }) => {
        if (command === 'analyze') {
          const r = await engine.analyze({ text }, policy);
          return { id, entities: r.entities.map((e) => ({ type: e.entity, start: e.start, end: e.end, score: e.score, detector: e.detectorId })) };
        }
        const r = await engine.redact({ text }, policy, { tenant });
        return { id, text: r.text, items: publicItems(r.items) };
      });
      return failed ? 1 : 0;
    }
    case 'policy':
      return policyCommand(rest, io);
    case 'eval':
      return evalCommand(values, io, threads);
    case 'keys':
      return keysCommand(rest, { file: values.file, admin: values.admin, stdin: values.stdin }, io);
    case 'serve': {
      // Loaded only here: the gateway stack (express, stores, metrics) costs every other command ~200 ms at start.
      const { start } = require('../index') as typeof import('../index');
      await start();
      return new Promise<number>(() => undefined);
    }
    default:
      io.stderr.write(`phi-gateway: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

function policyCommand(args: string[], io: Io): number {
  const [sub, ...targets] = args;
  if (sub === 'lint') {
    if (targets.length === 0) throw new GatewayError('USAGE', 2, 'policy lint: give one or more files');
    let failed = 0;
    for (const file of targets) {
      // Tenant files extend profiles in the folder above `tenants/`; profiles extend their siblings.
      const profilesDir = basename(dirname(resolve(file))) === 'tenants' ? dirname(dirname(resolve(file))) : existsSync(file) && statSync(file).isFile() ? dirname(resolve(file)) : policiesDir();
      try {
        const p = loadPolicy(file, { profilesDir });
        io.stdout.write(`ok ${file} (${p.id}, version ${p.version})\n`);
      } catch (err) {
        failed++;
        io.stderr.write(`${err instanceof GatewayError ? err.message : `${file}: could not be read`}\n`);
      }
    }
    return failed ? 1 : 0;
  }
  if (sub === 'show' && targets.length === 1) {
    const p = resolvePolicy(targets[0], []);
    io.stdout.write(toYaml(JSON.parse(JSON.stringify(p))));
    return 0;
  }
  throw new GatewayError('USAGE', 2, 'usage: phi-gateway policy lint FILE... | policy show TENANT');
}

async function evalCommand(
  values: {
    model?: string;
    conll?: string;
    jsonl?: string;
    documents?: boolean;
    propagate?: boolean;
    baseline?: string;
    threshold?: string;
    json?: boolean;
  },
  io: Io,
  threads?: number,
): Promise<number> {
  if (!values.conll === !values.jsonl) throw new GatewayError('USAGE', 2, 'eval: give exactly one of --conll FILE or --jsonl FILE');
  if (values.documents && !values.conll) throw new GatewayError('USAGE', 2, 'eval: --documents applies to --conll only');
  const modelDir = values.model ? resolve(values.model) : DEFAULT_MODEL_DIR;
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(values.threshold!.trim() !== '' && threshold >= 0 && threshold <= 1)) {
    throw new GatewayError('USAGE', 2, 'eval: --threshold: expected a number from 0 to 1');
  }
  const opts = {
    conll: values.conll,
    jsonl: values.jsonl,
    documents: values.documents,
    propagate: values.propagate,
    threshold,
    threads,
    keepSpans: !!values.baseline,
  };
  const report = await runEval({ ...opts, modelDir });
  const baseline = values.baseline ? await runEval({ ...opts, modelDir: resolve(values.baseline) }) : undefined;
  const rows = baseline && compareReports(baseline, report);
  if (values.json) {
    const { spans: _spans, ...scored } = report;
    const comparison = baseline && { baseline: baseline.model, baselineScores: baseline.scores, rows };
    io.stdout.write(JSON.stringify({ ...scored, ...(comparison ? { comparison } : {}) }) + '\n');
    return 0;
  }
  io.stdout.write(formatReport(report));
  if (baseline && rows) io.stdout.write('\n' + formatComparison(baseline, report, rows));
  return 0;
}

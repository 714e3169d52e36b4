import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename, extname } from 'node:path';
import { SingleBar } from 'cli-progress';
import { CsvError, parse as parseCsv } from 'csv-parse';
import { stringify as stringifyCsv } from 'csv-stringify';
import type { Engine } from '../engine/engine';
import { GatewayError } from '../errors';
import type { RedactionItem } from '../engine/types';
import type { Policy } from '../policy/types';
import { OrderedPool } from './ordered-pool';

export type FileFormat = 'text' | 'jsonl' | 'csv';

export function formatOf(file: string): FileFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return 'text';
}

/** Default output name: `notes.txt` → `notes.redacted.txt`. */
export function defaultOutput(file: string): string {
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}.redacted${ext}`;
}

export interface RedactFileOptions {
  engine: Engine;
  policy: Policy;
  tenant: string;
  input: string;
  output: string;
  /** Show a progress bar on stderr (default: for files over 1 MB). */
  progress?: boolean;
  stderr: NodeJS.WritableStream;
}

export interface RedactFileSummary {
  records: number;
  items: number;
  failed: number;
  byType: Record<string, number>;
}

/**
 * Writes a redacted copy of a text file (line by line), a JSONL file (each line a JSON document, every string
 * scanned) or a CSV file (every cell of every row after the header). One session per file, so tokens stay
 * consistent across it.
 */
export async function redactFile(opts: RedactFileOptions): Promise<RedactFileSummary> {
  const format = formatOf(opts.input);
  const size = statSync(opts.input).size;
  const bar = (opts.progress ?? size > 1_000_000)
    ? new SingleBar({ stream: opts.stderr, format: 'redacting [{bar}] {percentage}% | {value}/{total} bytes | {eta}s', noTTYOutput: true, notTTYSchedule: 2000 })
    : undefined;
  bar?.start(size, 0);
  const session = `file-${Date.now().toString(36)}`;
  const summary: RedactFileSummary = { records: 0, items: 0, failed: 0, byType: {} };
  const count = (items: RedactionItem[]) => {
    summary.records++;
    summary.items += items.length;
    for (const i of items) summary.byType[i.entity] = (summary.byType[i.entity] ?? 0) + 1;
  };
  const redactText = async (text: string) => {
    const r = await opts.engine.redact({ text }, opts.policy, { tenant: opts.tenant, session });
    count(r.items);
    return r.text!;
  };
  const out = createWriteStream(opts.output);
  const input = createReadStream(opts.input);
  let read = 0;
  input.on('data', (chunk) => bar?.update((read += chunk.length)));
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };

  if (format === 'csv') {
    const csvOut = stringifyCsv();
    csvOut.pipe(out);
    let header = true;
    try {
      for await (const row of input.pipe(parseCsv({ relax_column_count: true })) as AsyncIterable<string[]>) {
        if (header) {
          header = false;
          csvOut.write(row);
          continue;
        }
        csvOut.write(await Promise.all(row.map((cell) => (cell ? redactText(cell) : cell))));
      }
    } catch (err) {
      // csv-parse messages quote the offending cell: report only where and what kind of problem.
      const e = err as { code?: unknown; lines?: unknown };
      if (!(err instanceof CsvError) || typeof e.code !== 'string') throw err;
      throw new GatewayError('INVALID_CSV', 400, `${basename(opts.input)}: line ${Number(e.lines)}: invalid CSV (${e.code})`);
    }
    csvOut.end();
    await once(out, 'finish');
  } else {
    const pending: string[] = [];
    const pool = new OrderedPool<string>(8, (s) => pending.push(s));
    let lineNo = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const n = ++lineNo;
      await pool.submit(async () => {
        if (format === 'text' || line.trim() === '') return `${format === 'text' ? await redactText(line) : line}\n`;
        try {
          const r = await opts.engine.redact({ json: JSON.parse(line) }, opts.policy, { tenant: opts.tenant, session });
          count(r.items);
          return `${JSON.stringify(r.json)}\n`;
        } catch (err) {
          summary.failed++;
          opts.stderr.write(`phi-gateway: line ${n}: ${err instanceof SyntaxError ? 'invalid JSON' : 'could not be redacted'}; line withheld\n`);
          return '\n';
        }
      });
      while (pending.length) await write(pending.shift()!);
    }
    await pool.drain();
    while (pending.length) await write(pending.shift()!);
    out.end();
    await once(out, 'finish');
  }
  bar?.update(size);
  bar?.stop();
  return summary;
}

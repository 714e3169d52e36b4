/** Small helpers shared by the bench parts: machine facts, load average, timing, result files. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root';

export const BENCH_DIR = join(packageRoot(), 'bench');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const CACHE_DIR = join(BENCH_DIR, '.cache');

export interface Machine {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  loadavgAtStart: [number, number, number];
  date: string;
}

export function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function machine(): Machine {
  return { cpuModel: cpuModel(), cores: cpus().length, node: process.version, platform: `${process.platform} ${process.arch}`, loadavgAtStart: load(), date: new Date().toISOString() };
}

/** 1/5/15-minute load average, rounded. */
export function load(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [round(a, 2), round(b, 2), round(c, 2)];
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Time `pass` (one full pass over the workload): `warmup` untimed passes, then at least `minPasses` timed ones and
 * more while under `budgetMs`, at most `maxPasses`. Returns each timed pass in ms.
 */
export async function timePasses(pass: () => unknown | Promise<unknown>, opts: { warmup?: number; minPasses?: number; maxPasses?: number; budgetMs?: number } = {}): Promise<number[]> {
  const { warmup = 1, minPasses = 3, maxPasses = 9, budgetMs = 20_000 } = opts;
  for (let i = 0; i < warmup; i++) await pass();
  const times: number[] = [];
  const t0 = nowMs();
  while (times.length < minPasses || (times.length < maxPasses && nowMs() - t0 < budgetMs)) {
    const s = nowMs();
    await pass();
    times.push(nowMs() - s);
  }
  return times;
}

export function writeResult(part: string, result: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${part}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** phi-gateway's own version (package.json). */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load().join(' ')}] ${msg}\n`);
}

/** Thrown by a part whose prerequisites are missing (model not trained yet, app not built yet): recorded as skipped. */
export class SkipPart extends Error {
  /** What could still be measured (e.g. the BERT baseline when our model is missing). */
  constructor(message: string, readonly data?: Record<string, unknown>) {
    super(message);
  }
}

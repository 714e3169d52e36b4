import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { GatewayError } from '../errors';
import { OrderedPool } from './ordered-pool';

const lineSchema = z.object({ id: z.string(), text: z.string() });
export type InputLine = z.infer<typeof lineSchema>;

type Outcome = { ok: true; out: unknown } | { ok: false; line: number; message: string };

/** What went wrong with a line, naming the field — never its content. */
function describe(err: unknown): string {
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    return `${issue.path.join('.') || '(line)'}: ${issue.code === 'invalid_type' ? `expected ${issue.expected}` : 'invalid'}`;
  }
  if (err instanceof SyntaxError) return 'invalid JSON';
  // Only our own errors have messages that are known to name fields and never values.
  return err instanceof GatewayError ? `${err.code}: ${err.message}` : 'processing failed';
}

/**
 * The JSONL contract shared by `analyze` and `redact`: one `{"id","text"}` per input line, one JSON object per
 * output line in the same order; a bad line is reported on stderr with its line number and skipped. Returns the
 * number of failed lines.
 */
export async function runJsonl(input: Readable, output: Writable, errors: Writable, handle: (line: InputLine) => Promise<unknown>): Promise<number> {
  let failed = 0;
  const pool = new OrderedPool<Outcome>(8, (r) => {
    if (r.ok) output.write(`${JSON.stringify(r.out)}\n`);
    else {
      failed++;
      errors.write(`phi-gateway: line ${r.line}: ${r.message}\n`);
    }
  });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    const line = ++n;
    if (raw.trim() === '') continue;
    await pool.submit(async () => {
      try {
        return { ok: true, out: await handle(lineSchema.parse(JSON.parse(raw))) };
      } catch (err) {
        return { ok: false, line, message: describe(err) };
      }
    });
  }
  await pool.drain();
  return failed;
}

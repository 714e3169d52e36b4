import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main';

/**
 * Run the `phi-gateway` command in-process with `stdin` as input; stdout and stderr collected. An error the command
 * throws (a usage or configuration error, as the bin script would print) comes back as its status and message.
 */
export async function runCli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  try {
    const code = await main(args, { stdin: Readable.from([stdin]), stdout, stderr });
    return { code, out, err };
  } catch (e) {
    return { code: (e as { status?: number }).status ?? -1, out, err: err + (e as Error).message };
  }
}

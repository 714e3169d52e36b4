/**
 * `phi-gateway keys`: manage the file of salted API-key hashes (`PHI_GATEWAY_API_KEYS_FILE`) without ever writing a
 * plain key to disk.
 *
 *   keys add NAME [--admin] [--file FILE] [--stdin]   append a key line; prints a new key once (or hashes stdin's)
 *   keys list [--file FILE]                           the names and kinds the file holds, by line (no hashes)
 *
 * The file is checked with the gateway's own parser before anything is appended, so a line that the gateway would
 * refuse at start is reported first (by line number, never by content). A new file is created readable by its owner
 * only.
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { ConfigError, GatewayError } from '../errors';
import { Authenticator, generateApiKey, hashedKeyLine, KEY_NAME, MIN_KEY_LENGTH } from '../http/middleware/auth';
import { PolicyStore } from '../policy/store';
import type { Io } from './main';
import { policiesDir } from './setup';

export interface KeysOptions {
  file?: string;
  admin?: boolean;
  stdin?: boolean;
}

const USAGE = 'usage: phi-gateway keys add NAME [--admin] [--file FILE] [--stdin] | keys list [--file FILE]';

export async function keysCommand(args: string[], opts: KeysOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...names] = args;
  const file = opts.file ?? env.PHI_GATEWAY_API_KEYS_FILE;
  if (!file) throw new GatewayError('USAGE', 2, 'keys: give --file FILE or set PHI_GATEWAY_API_KEYS_FILE');
  if (sub === 'list' && names.length === 0) return listKeys(file, io);
  if (sub === 'add' && names.length === 1) return addKey(file, names[0], opts, io);
  throw new GatewayError('USAGE', 2, USAGE);
}

/** The file's text and its keys, read with the gateway's own parser (its error names the line, never the content). */
function readChecked(file: string): { text: string; auth: Authenticator } {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  try {
    return { text, auth: new Authenticator({ hashedLines: text.split(/\r?\n/) }) };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.message.replace(/^PHI_GATEWAY_API_KEYS_FILE/, file));
    throw err;
  }
}

function listKeys(file: string, io: Io): number {
  if (!existsSync(file)) throw new GatewayError('USAGE', 2, 'keys list: the keys file does not exist');
  readChecked(file).text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const admin = line.startsWith('admin:');
    const name = (admin ? line.slice('admin:'.length) : line).split(':')[0];
    io.stdout.write(`${i + 1}\t${admin ? 'admin' : 'tenant'}\t${name}\n`);
  });
  return 0;
}

async function addKey(file: string, name: string, opts: KeysOptions, io: Io): Promise<number> {
  if (!KEY_NAME.test(name)) throw new GatewayError('USAGE', 2, 'keys add: NAME must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  const { text: before, auth } = readChecked(file);
  let key: string;
  if (opts.stdin) {
    key = (await readAll(io.stdin)).replace(/\r?\n$/, '');
    if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) {
      throw new GatewayError('USAGE', 2, `keys add --stdin: the key must be at least ${MIN_KEY_LENGTH} characters without spaces`);
    }
    // the gateway takes the first line a key matches: the same key twice would belong to whichever comes first
    if (auth.authenticate(key)) {
      throw new GatewayError('USAGE', 2, 'keys add --stdin: this key is already in the keys file');
    }
  } else {
    key = generateApiKey();
  }
  if (!opts.admin) {
    const policies = new PolicyStore(policiesDir());
    policies.load();
    if (!policies.get(name)) io.stderr.write(`phi-gateway: warning: no tenant policy named ${name} in ${policiesDir()}; its requests will be refused until one exists\n`);
  }
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${separator}${hashedKeyLine(name, key, opts.admin)}\n`);
  const lineNo = (before + separator).split('\n').length;
  if (!opts.stdin) io.stdout.write(`${key}\n`);
  io.stderr.write(`phi-gateway: added ${opts.admin ? 'an admin' : 'a tenant'} key for ${name} to ${file} (line ${lineNo})${opts.stdin ? '' : '; the key above is shown only this once'}\n`);
  return 0;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let data = '';
    stream.setEncoding('utf8');
    stream.on('data', (c: string) => (data += c));
    stream.on('end', () => resolvePromise(data));
    stream.on('error', reject);
  });
}

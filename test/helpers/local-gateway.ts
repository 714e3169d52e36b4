/** What the tests that start the whole gateway in-process share: its environment and a logger that keeps its lines. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

export const REPO = join(__dirname, '..', '..');

/** A logger whose output the test can read (`lines`), e.g. to prove that no value reached the log. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      lines.push(String(c));
      cb();
    },
  });
  return { logger: createLogger({ stream }), lines };
}

/**
 * The environment of a test gateway on 127.0.0.1 with an ephemeral port, its data under `dir`, the repository's
 * policies, no policy watching and no model (a folder that does not exist) unless `overrides` say otherwise.
 */
export function localGatewayEnv(dir: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PHI_GATEWAY_DATA_DIR: join(dir, 'data'),
    PHI_GATEWAY_POLICIES: join(REPO, 'policies'),
    PHI_GATEWAY_POLICY_WATCH: 'false',
    PHI_GATEWAY_MODEL_DIR: join(dir, 'no-model'),
    ...overrides,
  };
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding phi-gateway's package.json, from compiled (`dist/src/…`) or source (`src/…`) code alike. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package root not found');
    dir = up;
  }
  return dir;
}

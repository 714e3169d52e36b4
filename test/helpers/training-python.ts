/**
 * The training toolchain for the tests under test/training: Debian's python3 with torch, onnx and numpy
 * (`apt-get install python3-torch python3-onnx python3-numpy libopenblas0-pthread`; the python3 earlier on PATH may
 * lack them). Without it those tests are skipped with a visible reason, as the PostgreSQL tests are without their
 * binaries; `.ci/run` installs it and sets PHI_REQUIRE_TRAINING_TOOLS=1, so in CI a missing toolchain fails.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';
export const TRAINING_DIR = join(__dirname, '..', '..', 'training');

function probe(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found`;
  return r.status === 0 ? null : `${PYTHON} cannot import torch, onnx and numpy`;
}

const missing = probe();
const required = process.env.PHI_REQUIRE_TRAINING_TOOLS === '1';

/** Run the tests: the toolchain is there, or CI requires it (then its absence fails the tests instead of skipping). */
export const trainingToolsEnabled = missing === null || required;
/** Why the tests are skipped, or null. */
export const trainingToolsMissing = required ? null : missing;

/** Run a Python script or module from training/ and return its result (stdout and stderr as text). */
export function runPython(args: string[], timeoutMs = 120_000) {
  return spawnSync(PYTHON, args, {
    cwd: TRAINING_DIR,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
  });
}

#!/usr/bin/env node
// Runs jest with --json and ends with the plain line `N passed, N failed` that CI reads; exits non-zero on any
// failure (including suites that failed to load).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const dir = mkdtempSync(join(tmpdir(), 'phi-jest-'));
const out = join(dir, 'results.json');
const jestBin = require.resolve('jest/bin/jest');
const res = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${out}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
let passed = 0;
let failed = 0;
let suiteFailures = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  suiteFailures = r.numRuntimeErrorTestSuites || 0;
  for (const s of r.testResults || []) {
    if (s.status === 'failed' && (s.assertionResults || []).length === 0) suiteFailures += 0; // counted by numRuntimeErrorTestSuites
  }
} catch (e) {
  console.error('could not read jest results:', e.message);
  failed = failed || 1;
}
rmSync(dir, { recursive: true, force: true });
const total = failed + suiteFailures;
console.log(`${passed} passed, ${total} failed`);
process.exit(total > 0 || res.status !== 0 ? 1 : 0);

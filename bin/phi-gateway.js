#!/usr/bin/env node
'use strict';
const { GatewayError } = require('../dist/src/errors.js');

/** Our errors name fields, files and lines, never values; anything else may quote its input, so only its kind is shown. */
function describe(err) {
  if (err instanceof GatewayError) return err.message;
  if (err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) return err.message;
  return `failed (${err && err.name ? err.name : 'error'})`;
}

require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`phi-gateway: ${describe(err)}\n`); process.exitCode = 2; },
);

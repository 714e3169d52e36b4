/**
 * Jest environment for tests that run onnxruntime-node. Jest gives each test file its own realm, so typed arrays
 * made by the native binding (main realm) fail onnxruntime-common's `instanceof Float32Array` checks there.
 * This environment shares the main realm's typed-array constructors with the test realm.
 * Use with a docblock: `@jest-environment ./test/helpers/onnx-jest-environment.js`.
 */
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

const SHARED = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) {
      if (typeof globalThis[name] === 'function') this.global[name] = globalThis[name];
    }
  }
}

module.exports = OnnxEnvironment;

/**
 * The only file in src/ that imports onnxruntime-node: a `TokenClassifier` over one InferenceSession, created
 * once per model. CPU execution provider, full graph optimisation, explicit thread counts.
 */
import * as ort from 'onnxruntime-node';
import { ModelError } from './model-error';
import type { Tensor, TokenClassifier } from './types';

export interface OnnxSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

export async function createOnnxClassifier(modelPath: string, opts: OnnxSessionOptions = {}): Promise<TokenClassifier> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: opts.intraOpNumThreads ?? 1,
      interOpNumThreads: opts.interOpNumThreads ?? 1,
      executionMode: 'sequential',
      logSeverityLevel: 3,
    });
  } catch (cause) {
    throw new ModelError(`${modelPath}: cannot be loaded by onnxruntime`, { cause });
  }
  const outputName = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];
  const inputShapes: Record<string, readonly (number | string)[]> = {};
  for (const m of session.inputMetadata) if (m.isTensor) inputShapes[m.name] = m.shape;
  return {
    inputNames: [...session.inputNames],
    inputShapes,
    async run(feeds: Record<string, Tensor>) {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.type, t.data, t.dims);
      const out = await session.run(ortFeeds, [outputName]);
      const logits = out[outputName];
      if (!logits || logits.type !== 'float32' || logits.dims.length !== 3) {
        throw new ModelError(`${modelPath}: output ${outputName} must be float32 [batch, sequence, labels]`);
      }
      const [b, s, l] = logits.dims;
      return { data: logits.data as Float32Array, dims: [b, s, l] };
    },
    release: () => session.release(),
  };
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { loadNerModel, type NerModel } from './ner/model-loader';
import { createNerDetector } from './ner/ner-detector';
import { createDefaultRegistry, type DetectorRegistry } from './registry';

/** The model that ships in the package. */
export const DEFAULT_MODEL_DIR = join(packageRoot(), 'models', 'phi-ner-small');

export interface BuildRegistryOptions {
  /** Model folder; `null` = patterns only. Default: the shipped model when it exists. */
  modelDir?: string | null;
  /** onnxruntime intra-op threads for the model (default 1: the gateway runs requests concurrently). */
  threads?: number;
  /** Run one inference before returning (default true). */
  warmup?: boolean;
}

export interface BuiltRegistry {
  registry: DetectorRegistry;
  /** The NER model that was registered, if any. */
  model?: {
    id: string;
    name: string;
    version: string;
    dir: string;
    decoding: NerModel['decoding'];
    /** Entity types the detector reports, and the model's types that map to none of ours (dropped). */
    entities: readonly string[];
    ignoredTypes: readonly string[];
  };
}

/**
 * Every built-in pattern detector plus, when a model folder is available, the NER detector `ner.<model-name>`.
 * The one place the CLI and the gateway assemble detectors, so both see the same set.
 */
export async function buildRegistry(opts: BuildRegistryOptions = {}): Promise<BuiltRegistry> {
  const registry = createDefaultRegistry();
  const dir = opts.modelDir === undefined ? (existsSync(join(DEFAULT_MODEL_DIR, 'config.json')) ? DEFAULT_MODEL_DIR : null) : opts.modelDir;
  if (dir === null) return { registry };
  const model = await loadNerModel(dir, { intraOpNumThreads: opts.threads ?? 1 });
  const detector = createNerDetector(model);
  if (opts.warmup ?? true) await detector.warmup?.();
  registry.register(detector);
  return {
    registry,
    model: {
      id: detector.id,
      name: model.name,
      version: model.version,
      dir: model.dir,
      decoding: model.decoding,
      entities: detector.entities,
      ignoredTypes: detector.ignoredTypes,
    },
  };
}

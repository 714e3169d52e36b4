import type { Detector } from './types';
import { BUILT_IN_PATTERN_DETECTORS } from './patterns';

/** Detectors by id. Adding one is a single `register` call; ids are unique. */
export class DetectorRegistry {
  private readonly byId = new Map<string, Detector>();

  /** Adds a detector; throws when its id is already registered. Returns the registry for chaining. */
  register(detector: Detector): this {
    if (this.byId.has(detector.id)) throw new Error(`detector id already registered: ${detector.id}`);
    this.byId.set(detector.id, detector);
    return this;
  }

  get(id: string): Detector | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** All detectors in registration order. */
  list(): Detector[] {
    return [...this.byId.values()];
  }
}

/** A registry holding every built-in pattern detector (the NER detector is registered by whoever loads the model). */
export function createDefaultRegistry(): DetectorRegistry {
  const registry = new DetectorRegistry();
  for (const detector of BUILT_IN_PATTERN_DETECTORS) registry.register(detector);
  return registry;
}

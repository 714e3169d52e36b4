import { SkipPart } from './util';
export async function runHttpBench(_opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  throw new SkipPart('todo');
}

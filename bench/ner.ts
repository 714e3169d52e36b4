import { SkipPart } from './util';
export async function runNerBench(_opts: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  throw new SkipPart('todo');
}

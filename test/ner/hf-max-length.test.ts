import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hfMaxLength } from '../../src/detectors/ner/hf-featurizer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'phi-hf-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cfg = (extra: Record<string, unknown>) => ({ id2label: { '0': 'O' }, ...extra });

describe('hfMaxLength', () => {
  it.each<[string, Record<string, unknown>, number | string | undefined, number]>([
    ['default', {}, undefined, 512],
    ['config.max_length', { max_length: 16 }, 256, 16],
    ['tokenizer_config model_max_length', {}, 256, 256],
    ['HF 1e30 sentinel ignored', {}, 1e30, 512],
    ['capped by BERT position embeddings', { max_position_embeddings: 512 }, 1024, 512],
    ['RoBERTa 514 positions → 512', { max_position_embeddings: 514 }, undefined, 512],
    ['Longformer 4098 positions', { max_position_embeddings: 4098 }, 4096, 4096],
    ['small model', { max_position_embeddings: 128 }, undefined, 128],
    ['unreadable tokenizer_config ignored', {}, 'not json', 512],
  ])('%s', (_name, config, tokenizerMax, expected) => {
    if (tokenizerMax !== undefined) {
      writeFileSync(join(dir, 'tokenizer_config.json'), typeof tokenizerMax === 'string' ? tokenizerMax : JSON.stringify({ model_max_length: tokenizerMax }));
    }
    expect(hfMaxLength(dir, cfg(config))).toBe(expected);
  });
});

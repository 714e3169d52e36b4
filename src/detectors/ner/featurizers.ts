/**
 * Featurizer kinds → factories. A model folder names its kind in `config.json` (`phi_featurizer`); a Hugging
 * Face export without it uses `hf-tokenizer`. Adding a kind is one line in `FEATURIZER_FACTORIES`.
 */
import { join } from 'node:path';
import { createHfFeaturizer, hfMaxLength, HF_FEATURIZER_KIND } from './hf-featurizer';
import type { Featurizer, NerModelConfig } from './types';
import { createWordFeaturizer, WORD_FEATURIZER_KIND, WORD_FEATURIZER_V2_KIND } from './word-featurizer';

/** What a factory gets: the model folder, its validated `config.json`, and the model's input names. */
export interface FeaturizerContext {
  dir: string;
  config: NerModelConfig;
  inputNames: readonly string[];
}

export type FeaturizerFactory = (ctx: FeaturizerContext) => Featurizer | Promise<Featurizer>;

export const FEATURIZER_FACTORIES: Readonly<Record<string, FeaturizerFactory>> = {
  [HF_FEATURIZER_KIND]: (ctx) =>
    createHfFeaturizer({
      tokenizerPath: join(ctx.dir, 'tokenizer.json'),
      inputNames: ctx.inputNames,
      maxLength: hfMaxLength(ctx.dir, ctx.config),
    }),
  [WORD_FEATURIZER_KIND]: (ctx) => createWordFeaturizer(ctx.dir, ctx.config),
  [WORD_FEATURIZER_V2_KIND]: (ctx) => createWordFeaturizer(ctx.dir, ctx.config),
};

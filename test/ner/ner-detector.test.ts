import { argmaxSoftmax, createNerDetector } from '../../src/detectors/ner/ner-detector';
import type { Tensor } from '../../src/detectors/ner/types';
import { fakeModel } from '../helpers/fake-ner';

// label indices: 0 O, 1 B-PER, 2 I-PER, 3 B-LOC, 4 I-LOC, 5 B-MISC
const LEX = { john: 1, smith: 2, paris: 3, new: 3, york: 4, nobel: 5 };

const found = (text: string, d: { entity: string; start: number; end: number }[]) =>
  d.map((x) => [x.entity, text.slice(x.start, x.end), x.start]);

describe('NER detector (fake classifier)', () => {
  it('reports PERSON and LOCATION spans with UTF-16 offsets, drops unmapped MISC', async () => {
    const det = createNerDetector(fakeModel(LEX));
    const text = 'John Smith won the Nobel in New York and Paris';
    const d = await det.detect(text, {});
    expect(found(text, d)).toEqual([
      ['PERSON', 'John Smith', 0],
      ['LOCATION', 'New York', 28],
      ['LOCATION', 'Paris', 41],
    ]);
    for (const x of d) {
      expect(x.detectorId).toBe('ner.fake');
      expect(x.score).toBeGreaterThan(0.9);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });

  it('drops a currency code the model tags beside an amount, and keeps the same letters elsewhere', async () => {
    // the fake model tags "usd" B-MISC, mapped to ORGANIZATION, as phi-ner-small 0.4.2 tags "USD 4,389.80"
    const det = createNerDetector(fakeModel({ ...LEX, usd: 5, eur: 5 }), { labelMap: { MISC: 'ORGANIZATION' } });
    for (const text of ['Refund of USD 2,986.46 to Paris', 'total 45 EUR for Paris']) {
      expect(found(text, await det.detect(text, {})).map((f) => f[0])).toEqual(['LOCATION']);
    }
    for (const text of ['She studied at USD in Paris', 'usd 45 Paris', 'USD then 45 Paris']) {
      expect(found(text, await det.detect(text, {})).map((f) => f[0]).sort()).toEqual(['LOCATION', 'ORGANIZATION']);
    }
  });

  it("scores tokens by the decoder's posterior marginals with scoring: 'marginal'", async () => {
    const text = 'John Smith won in Paris';
    const soft = await createNerDetector(fakeModel(LEX)).detect(text, {});
    const marg = await createNerDetector(fakeModel(LEX), { scoring: 'marginal' }).detect(text, {});
    expect(marg.map((d) => [d.entity, d.start, d.end])).toEqual(soft.map((d) => [d.entity, d.start, d.end]));
    // the BIO constraints take the mass of labels that cannot stand there (an I- after O) away from the softmax's rivals
    marg.forEach((d, i) => {
      expect(d.score).toBeGreaterThan(soft[i].score);
      expect(d.score).toBeLessThanOrEqual(1);
    });
  });

  it('declares id, kind, entities and info', () => {
    const det = createNerDetector(fakeModel(LEX), { labelMap: { MISC: 'ORGANIZATION' } });
    expect(det.id).toBe('ner.fake');
    expect(det.kind).toBe('ner');
    expect(det.entities).toEqual(['PERSON', 'LOCATION', 'ORGANIZATION']);
    expect(det.info?.()).toEqual({
      name: 'fake',
      version: 'test-1',
      featurizer: 'fake-words',
      labels: ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-MISC'],
      decoding: 'viterbi',
      threads: { intraOp: 1, interOp: 1 },
      ignoredTypes: [],
    });
    // without a mapping for MISC, the detector says that the model's MISC is dropped
    const withoutMisc = createNerDetector(fakeModel(LEX));
    expect(withoutMisc.ignoredTypes).toEqual(['MISC']);
    expect(withoutMisc.info?.().ignoredTypes).toEqual(['MISC']);
  });

  describe('a PII model that types the parts of a name or an address apart', () => {
    const PARTS = ['O', 'B-FIRSTNAME', 'I-FIRSTNAME', 'B-LASTNAME', 'B-BUILDINGNUM', 'B-STREET', 'I-STREET', 'B-CITY'];
    const lex = { john: 1, mary: 1, ann: 2, smith: 3, doe: 3, '221b': 4, baker: 5, street: 6, boston: 7 };
    const det = createNerDetector(fakeModel(lex, 512, 0, 'viterbi', PARTS));

    it('reports adjacent parts as one finding, with their token-weighted mean score', async () => {
      const text = 'Mary Ann Doe lives at 221B Baker Street Boston';
      const d = await det.detect(text, {});
      expect(found(text, d)).toEqual([
        ['PERSON', 'Mary Ann Doe', 0],
        ['STREET_ADDRESS', '221B Baker Street', 22],
        ['LOCATION', 'Boston', 40],
      ]);
      expect(d[0].score).toBeGreaterThan(0.9);
      expect(d[0].score).toBeLessThanOrEqual(1);
      expect(det.entities).toEqual(['PERSON', 'LOCATION', 'STREET_ADDRESS']);
    });

    it('keeps parts apart across a line break, and two names of the same part type', async () => {
      for (const text of ['John\nSmith', 'John \t\n Smith', 'John Mary']) {
        expect(found(text, await det.detect(text, {})).map((f) => f[1])).toEqual(text.split(/\s+/));
      }
    });
  });

  it('windows a long text (no truncation) and offsets stay right', async () => {
    const model = fakeModel(LEX, 5);
    const det = createNerDetector(model, { windowOverlap: 2 });
    const words: string[] = [];
    for (let i = 0; i < 40; i++) words.push(i % 7 === 3 ? 'John Smith' : i % 11 === 5 ? 'Paris' : `w${i}`);
    const text = words.join(' ');
    const d = await det.detect(text, {});
    const expected: (string | number)[][] = [];
    const re = /John Smith|Paris/g;
    for (const m of text.matchAll(re)) expected.push([m[0] === 'Paris' ? 'LOCATION' : 'PERSON', m[0], m.index!]);
    expect(found(text, d)).toEqual(expected);
    expect(model.classifier.calls.length).toBeGreaterThanOrEqual(1);
    const rows = model.classifier.calls.reduce((n, c) => n + c.dims[0], 0);
    expect(rows).toBeGreaterThan(10); // 45 tokens in windows of 5
  });

  it('decodes the whole text with Viterbi: a B-PER I-LOC argmax becomes one well-formed entity', async () => {
    // label indices: 0 O, 1 B-PER, 2 I-PER, 3 B-LOC, 4 I-LOC, 5 B-MISC; position 0 is [CLS]
    const rows = [
      [0, 3, 0, 2.6, 0, 0],
      [0, 0, 0, 0, 2, 0],
      [2, 0, 0, 0, 0, 0],
    ];
    const classifier = {
      inputNames: ['input_ids', 'attention_mask'],
      async run(feeds: Record<string, Tensor>) {
        const [b, s] = feeds.input_ids.dims;
        const data = new Float32Array(b * s * 6);
        for (let i = 0; i < b; i++) rows.forEach((r, t) => data.set(r, (i * s + t + 1) * 6));
        return { data, dims: [b, s, 6] as [number, number, number] };
      },
    };
    const text = 'Chicago Board said';
    const viterbiDet = createNerDetector({ ...fakeModel(LEX), classifier });
    expect(found(text, await viterbiDet.detect(text, {}))).toEqual([['LOCATION', 'Chicago Board', 0]]);
    const argmaxDet = createNerDetector({ ...fakeModel(LEX, 512, 0, 'argmax'), classifier });
    expect(found(text, await argmaxDet.detect(text, {}))).toEqual([
      ['PERSON', 'Chicago', 0],
      ['LOCATION', 'Board', 8],
    ]);
  });

  it('applies the threshold and a custom id', async () => {
    const det = createNerDetector(fakeModel(LEX), { threshold: 0.999, id: 'ner.custom' });
    expect(det.id).toBe('ner.custom');
    expect(await det.detect('John Smith', {})).toEqual([]);
  });

  it('returns nothing for empty or whitespace-only text', async () => {
    const det = createNerDetector(fakeModel(LEX));
    expect(await det.detect('', {})).toEqual([]);
    expect(await det.detect('   \n ', {})).toEqual([]);
  });

  it('shares one model run between concurrent calls, each with its own results', async () => {
    const model = fakeModel(LEX, 512, 5);
    const det = createNerDetector(model, { maxWaitMs: 5 });
    const [a, b] = await Promise.all([det.detect('hello John Smith', {}), det.detect('Paris', {})]);
    expect(model.classifier.calls).toHaveLength(1);
    expect(found('hello John Smith', a)).toEqual([['PERSON', 'John Smith', 6]]);
    expect(found('Paris', b)).toEqual([['LOCATION', 'Paris', 0]]);
  });

  it('throws on an aborted signal', async () => {
    const det = createNerDetector(fakeModel(LEX));
    const ac = new AbortController();
    ac.abort();
    await expect(det.detect('John Smith', { signal: ac.signal })).rejects.toThrow();
  });

  it('throws (fails closed) when the model errors', async () => {
    const model = fakeModel(LEX);
    model.classifier.run = () => Promise.reject(new Error('session failed'));
    await expect(createNerDetector(model).detect('John', {})).rejects.toThrow('session failed');
  });

  it('warmup runs one inference', async () => {
    const model = fakeModel(LEX);
    await createNerDetector(model).warmup!();
    expect(model.classifier.calls).toHaveLength(1);
  });
});

describe('argmaxSoftmax', () => {
  it('returns the top label and its probability', () => {
    const r = argmaxSoftmax(new Float32Array([0, Math.log(3), 0]), 0, 3, ['O', 'B-PER', 'I-PER']);
    expect(r.label).toBe('B-PER');
    expect(r.score).toBeCloseTo(0.6, 6);
  });
  it('rejects non-finite logits', () => {
    expect(() => argmaxSoftmax(new Float32Array([NaN, NaN]), 0, 2, ['O', 'B-PER'])).toThrow();
  });
});

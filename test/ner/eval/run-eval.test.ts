import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNerDetector } from '../../../src/detectors/ner/ner-detector';
import { parseJsonl } from '../../../src/eval/jsonl';
import { formatReport, runEval, toTokenSpan } from '../../../src/eval/run-eval';
import { fakeModel } from '../../helpers/fake-ner';

// label indices: 0 O, 1 B-PER, 2 I-PER, 3 B-LOC, 4 I-LOC, 5 B-MISC
const LEX = { john: 1, smith: 2, paris: 3, new: 3, york: 4, german: 5 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phi-eval-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONLL = `-DOCSTART- O

John I-PER
Smith I-PER
visited O
New I-LOC
York I-LOC
. O

German I-MISC
Acme I-ORG
hired O
Paris I-PER
`;

describe('runEval over CoNLL (fake detector)', () => {
  it('scores strict token spans, maps gold types, leaves MISC and ORG out of micro', async () => {
    const file = join(dir, 'a.conll');
    writeFileSync(file, CONLL);
    const detector = createNerDetector(fakeModel(LEX));
    const r = await runEval({ modelDir: '/unused', conll: file }, { detector });
    expect(r.dataset).toMatchObject({ format: 'conll', scheme: 'IOB1', documents: 2, tokens: 10 });
    expect(r.model).toEqual({ name: 'fake', version: 'test-1', featurizer: 'fake-words' });
    const by = Object.fromEntries(r.scores.perType.map((t) => [t.type, [t.tp, t.fp, t.fn]]));
    // Paris is gold PERSON but predicted LOCATION: PERSON fn, LOCATION fp
    expect(by).toEqual({ PERSON: [1, 0, 1], LOCATION: [1, 1, 0], MISC: [0, 0, 1], ORGANIZATION: [0, 0, 1] });
    expect(r.scores.microTypes.sort()).toEqual(['LOCATION', 'PERSON']);
    expect(r.ignoredTypes).toEqual(['MISC', 'ORGANIZATION']);
    expect(r.scores.micro).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    const table = formatReport(r);
    expect(table).toMatch(/^PERSON\s+1\.0000\s+0\.5000\s+0\.6667\s+2\s+1$/m);
    expect(table).toMatch(/^micro\s+0\.6667\s+0\.6667\s+0\.6667\s+3\s+3$/m);
    expect(table).toMatch(/MISC \*/);
  });

  it('returns the scored spans with keepSpans (token indices per sentence), and only then', async () => {
    const file = join(dir, 'spans.conll');
    writeFileSync(file, CONLL);
    const detector = createNerDetector(fakeModel(LEX));
    const r = await runEval({ modelDir: '/unused', conll: file, keepSpans: true }, { detector });
    const sorted = (xs: { doc: number; start: number }[]) => [...xs].sort((x, y) => x.doc - y.doc || x.start - y.start);
    expect(sorted(r.spans!.gold)).toEqual([
      { doc: 0, type: 'PERSON', start: 0, end: 2 },
      { doc: 0, type: 'LOCATION', start: 3, end: 5 },
      { doc: 1, type: 'MISC', start: 0, end: 1 },
      { doc: 1, type: 'ORGANIZATION', start: 1, end: 2 },
      { doc: 1, type: 'PERSON', start: 3, end: 4 },
    ]);
    expect(sorted(r.spans!.pred)).toEqual([
      { doc: 0, type: 'PERSON', start: 0, end: 2 },
      { doc: 0, type: 'LOCATION', start: 3, end: 5 },
      { doc: 1, type: 'LOCATION', start: 3, end: 4 },
    ]);
    expect((await runEval({ modelDir: '/unused', conll: file }, { detector })).spans).toBeUndefined();
  });

  it('--documents scores each -DOCSTART- document as one text, entities still per sentence', async () => {
    const file = join(dir, 'docs.conll');
    writeFileSync(file, `${CONLL}\n-DOCSTART- O\n\nNew I-LOC\nYork I-LOC\n\nSmith I-PER\n`);
    const texts: string[] = [];
    const inner = createNerDetector(fakeModel(LEX));
    const detector = { ...inner, detect: (t: string, o: object) => (texts.push(t), inner.detect(t, o)) };
    const r = await runEval({ modelDir: '/unused', conll: file, documents: true }, { detector });
    expect(texts.sort()).toEqual(['John Smith visited New York .\nGerman Acme hired Paris', 'New York\nSmith']);
    expect(r.dataset).toMatchObject({ unit: 'document', documents: 2, tokens: 13 });
    const by = Object.fromEntries(r.scores.perType.map((t) => [t.type, [t.tp, t.fp, t.fn]]));
    // "Smith" alone after a newline is I-PER in the fake model: Viterbi cannot continue "York" (LOC) with it
    expect(by.PERSON).toEqual([1, 0, 2]);
    expect(by.LOCATION).toEqual([2, 1, 0]);
    expect(formatReport(r)).toMatch(/2 documents, 13 tokens/);
  });

  it('--propagate looks a found name up again in the same text, as the gateway does', async () => {
    const file = join(dir, 'prop.conll');
    writeFileSync(file, '-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n. O\n\nSmith I-PER\nleft O\n');
    const detector = createNerDetector(fakeModel(LEX));
    const per = async (propagate: boolean) => {
      const r = await runEval({ modelDir: '/unused', conll: file, documents: true, propagate }, { detector });
      return [r.scores.perType.find((t) => t.type === 'PERSON'), r];
    };
    // "Smith" opening the second sentence is I-PER in the fake model, which Viterbi cannot start an entity with
    const [off, r0] = await per(false);
    expect(off).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(formatReport(r0 as any)).not.toMatch(/propagated/);
    const [on, r1] = await per(true);
    expect(on).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect((r1 as any).propagated).toEqual(['PERSON']);
    expect(formatReport(r1 as any)).toMatch(/^mentions PERSON findings propagated/m);
  });

  it('--threshold drops low-scoring spans before propagation, as a policy threshold does in the gateway', async () => {
    const file = join(dir, 'thr.conll');
    writeFileSync(file, '-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n. O\n\nSmith I-PER\nleft O\n');
    const inner = createNerDetector(fakeModel(LEX));
    // the same findings, with the person scored 0.85 (propagation takes names scoring 0.8 or more) and the place 0.95
    const detector = {
      ...inner,
      async detect(text: string) {
        return (await inner.detect(text, {})).map((d) => ({ ...d, score: d.entity === 'PERSON' ? 0.85 : 0.95 }));
      },
    };
    const run = (threshold?: number) => runEval({ modelDir: '/unused', conll: file, documents: true, propagate: true, threshold }, { detector });
    const type = (r: Awaited<ReturnType<typeof run>>, t: string) => r.scores.perType.find((x) => x.type === t);
    const all = await run();
    expect(all.threshold).toBe(0);
    expect(type(all, 'PERSON')).toMatchObject({ tp: 2, fn: 0 });
    expect(formatReport(all)).not.toMatch(/^dropped/m);
    const at = await run(0.85);
    expect(type(at, 'PERSON')).toMatchObject({ tp: 2, fn: 0 });
    // above the person's score: neither the name nor its propagated mention is predicted; the place stays
    const above = await run(0.9);
    expect(above.threshold).toBe(0.9);
    expect(type(above, 'PERSON')).toMatchObject({ tp: 0, fp: 0, fn: 2 });
    expect(type(above, 'LOCATION')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(formatReport(above)).toMatch(/^dropped  spans scoring below 0\.9$/m);
    await expect(run(1.5)).rejects.toThrow(/threshold/);
  });

  it('counts MISC in micro when the label map makes the model emit it', async () => {
    const file = join(dir, 'b.conll');
    writeFileSync(file, CONLL);
    const detector = createNerDetector(fakeModel(LEX), { labelMap: { MISC: 'CUSTOM' } });
    const r = await runEval({ modelDir: '/unused', conll: file, labelMap: { MISC: 'CUSTOM' } }, { detector });
    expect(r.scores.microTypes).toContain('CUSTOM');
    expect(r.scores.perType.find((t) => t.type === 'CUSTOM')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('runEval over JSONL (fake detector)', () => {
  it('compares character offsets', async () => {
    const file = join(dir, 'a.jsonl');
    const lines = [
      { text: 'John Smith in Paris', entities: [{ type: 'PERSON', start: 0, end: 10 }, { type: 'LOC', start: 14, end: 19 }] },
      { text: 'nothing here', entities: [] },
      // an I-PER alone opens an entity under argmax decoding (Viterbi would not let a text start with I-)
      { text: 'Smith', entities: [{ type: 'PERSON', start: 0, end: 5 }] },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const detector = createNerDetector(fakeModel(LEX, 512, 0, 'argmax'));
    const r = await runEval({ modelDir: '/unused', jsonl: file }, { detector });
    expect(r.dataset).toMatchObject({ format: 'jsonl', documents: 3 });
    expect(r.scores.micro).toMatchObject({ tp: 3, fp: 0, fn: 0, f1: 1 });
  });

  it('rejects a bad line naming file, line and field', () => {
    expect(() => parseJsonl('{"text":"a","entities":[]}\n{"text":"a","entities":[{"type":"X","start":0}]}', 'f.jsonl')).toThrow(
      /^f\.jsonl:2: entities\.0\.end: /,
    );
    expect(() => parseJsonl('{"text":"ab","entities":[{"type":"X","start":1,"end":5}]}', 'f.jsonl')).toThrow('f.jsonl:1: entities.0: start/end out of range');
    expect(() => parseJsonl('nope', 'f.jsonl')).toThrow('f.jsonl:1: not valid JSON');
  });

  it('needs exactly one data file', async () => {
    await expect(runEval({ modelDir: '/unused' })).rejects.toThrow(/exactly one/);
  });
});

describe('toTokenSpan', () => {
  const offsets = [
    { start: 0, end: 4 },
    { start: 5, end: 10 },
    { start: 11, end: 13 },
  ];
  it.each([
    [{ start: 0, end: 4 }, { start: 0, end: 1 }],
    [{ start: 0, end: 10 }, { start: 0, end: 2 }],
    [{ start: 6, end: 8 }, { start: 1, end: 2 }],
    [{ start: 4, end: 5 }, undefined],
  ])('%j → %j', (d, expected) => {
    expect(toTokenSpan(offsets, d)).toEqual(expected);
  });
});

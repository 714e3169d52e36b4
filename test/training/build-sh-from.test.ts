/**
 * training/build.sh PHI_FROM (take over an earlier run's corpus, fastText vectors and, with the same featurizer,
 * prepared data and pre-trained encoder): the settings are checked before anything runs, so a wrong PHI_FROM fails
 * at once with a message naming the setting, not half an hour into a build. These cases stop before the tool checks,
 * so they run on machines without torch or fasttext too. The reuse itself is exercised by real builds (see
 * training/ship_rules/flags-old-corpus-seeds.txt), not here: it needs the whole training toolchain.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BUILD = join(__dirname, '..', '..', 'training', 'build.sh');

describe('build.sh PHI_FROM', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'phi-build-from-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function build(env: Record<string, string>, ...args: string[]) {
    const r = spawnSync('bash', [BUILD, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, PHI_WORK: join(dir, 'work'), ...env },
    });
    return { status: r.status, err: r.stderr, out: r.stdout };
  }
  function earlierRun(stages: string | null) {
    const from = join(dir, 'from');
    mkdirSync(from, { recursive: true });
    if (stages !== null) writeFileSync(join(from, 'stages.txt'), stages);
    return from;
  }
  const FINISHED = 'corpus=PHI_SYNTH=/x\nflag=\nfeaturizer=phi-word-v2\nmax_seq=128\nmlm_steps=1500\n';

  test('a folder that does not exist', () => {
    const r = build({ PHI_FROM: join(dir, 'missing') });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/PHI_FROM=.*missing is not a folder/);
  });

  test('a folder without stages.txt, or whose fastText stage never finished', () => {
    expect(build({ PHI_FROM: earlierRun(null) }).err).toMatch(/has no stages\.txt with finished corpus and fastText/);
    const r = build({ PHI_FROM: earlierRun('corpus=PHI_SYNTH=/x\n') });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/has no stages\.txt with finished corpus and fastText/);
  });

  test('PHI_SYNTH, PHI_GENERATED_NAMES or PHI_CORPUS beside PHI_FROM: the corpus would be ambiguous', () => {
    const from = earlierRun(FINISHED);
    expect(build({ PHI_FROM: from, PHI_SYNTH: dir }).err).toMatch(/leave PHI_SYNTH, PHI_GENERATED_NAMES and PHI_CORPUS unset/);
    expect(build({ PHI_FROM: from, PHI_GENERATED_NAMES: '0' }).err).toMatch(/leave PHI_SYNTH, PHI_GENERATED_NAMES and PHI_CORPUS unset/);
    expect(build({ PHI_FROM: from, PHI_CORPUS: 'names' }).err).toMatch(/leave PHI_SYNTH, PHI_GENERATED_NAMES and PHI_CORPUS unset/);
  });

  test('an unknown PHI_CORPUS is refused before anything runs', () => {
    const r = build({ PHI_CORPUS: '0.4.3' });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/PHI_CORPUS is 0\.4\.2 \(the shipped model's corpus\) or names/);
  });

  test('PHI_MLM_FEATURIZER is the run\'s own featurizer or phi-word-v1 (pre-training without the document flags)', () => {
    const refused: Record<string, string>[] = [
      { PHI_FEATURIZER: 'phi-word-v1', PHI_MLM_FEATURIZER: 'phi-word-v2' },
      { PHI_MLM_FEATURIZER: 'phi-word-v3' },
    ];
    for (const env of refused) {
      const r = build(env);
      expect(r.status).toBe(1);
      expect(r.err).toMatch(/PHI_MLM_FEATURIZER is PHI_FEATURIZER \(phi-word-v[12]\) or phi-word-v1/);
    }
    // accepted settings get past the check (to the PHI_FROM checks, which this folder fails)
    const from = join(dir, 'missing');
    expect(build({ PHI_FEATURIZER: 'phi-word-v2', PHI_MLM_FEATURIZER: 'phi-word-v1', PHI_FROM: from }).err).toMatch(/is not a folder/);
    expect(build({ PHI_MLM_FEATURIZER: 'phi-word-v2', PHI_FROM: from }).err).toMatch(/is not a folder/);
  });

  test('an unknown PHI_FEATURIZER is refused before anything runs', () => {
    const r = build({ PHI_FEATURIZER: 'phi-word-v3', PHI_MLM_FEATURIZER: 'phi-word-v3' });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/PHI_FEATURIZER is phi-word-v2 \(the default\) or phi-word-v1/);
  });

  test('PHI_DOC_FLAG_DROPOUT: a share between 0 and 1, and only with the document flags (phi-word-v2)', () => {
    for (const bad of ['1.5', '-0.1', 'half']) {
      const r = build({ PHI_DOC_FLAG_DROPOUT: bad });
      expect(r.status).toBe(1);
      expect(r.err).toMatch(/PHI_DOC_FLAG_DROPOUT is a share between 0 and 1/);
    }
    const v1 = build({ PHI_FEATURIZER: 'phi-word-v1', PHI_DOC_FLAG_DROPOUT: '0.5' });
    expect(v1.status).toBe(1);
    expect(v1.err).toMatch(/PHI_DOC_FLAG_DROPOUT needs PHI_FEATURIZER=phi-word-v2/);
    // accepted: past the check, to the PHI_FROM checks
    const from = join(dir, 'missing');
    for (const ok of ['0', '0.25', '1']) expect(build({ PHI_DOC_FLAG_DROPOUT: ok, PHI_FROM: from }).err).toMatch(/is not a folder/);
  });

  test('--no-conll against a run built with CoNLL (and the reverse): the vectors saw other text', () => {
    const r = build({ PHI_FROM: earlierRun(FINISHED) }, '--no-conll');
    expect(r.status).toBe(1);
    expect(r.err).toContain("was built with flag '', this run with '--no-conll'");
    writeFileSync(join(dir, 'from', 'stages.txt'), FINISHED.replace('flag=', 'flag=--no-conll'));
    expect(build({ PHI_FROM: join(dir, 'from') }).err).toContain("was built with flag '--no-conll', this run with ''");
  });

  test('PHI_FROM naming this run\'s own work folder', () => {
    const from = earlierRun(FINISHED);
    const r = build({ PHI_FROM: from, PHI_WORK: from });
    expect(r.status).toBe(1);
    expect(r.err).toContain("PHI_FROM is this run's own PHI_WORK");
    expect(existsSync(join(from, 'stages.txt'))).toBe(true); // refused before stages.txt is reset
  });
});

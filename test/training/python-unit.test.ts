/**
 * The training code's own unit tests (training/tests/test_*.py: corpus conversion and packing, the scorers, the CRF
 * and its marginals, the synthetic corpus's held-out split, the training loop's batching and tail averaging, the
 * fp32/int8 choice, the selection set's tweets, the diacritic variants of evaluation sets, the model card's
 * document-flag note), one Jest test per Python test.
 */
import { PYTHON, runPython, trainingToolsEnabled, trainingToolsMissing } from '../helpers/training-python';

interface PyResult {
  id: string;
  status: 'ok' | 'fail' | 'error' | 'skip';
  detail: string;
}

function collect(): { results: PyResult[]; crash: string | null } {
  const r = runPython(['tests/run_json.py']);
  const results = (r.stdout ?? '')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as PyResult);
  const crash = r.status === 0 ? null : `${PYTHON} tests/run_json.py exited ${r.status}: ${r.stderr}`;
  return { results, crash };
}

if (!trainingToolsEnabled) {
  it.skip(`${trainingToolsMissing}: training unit tests skipped`, () => undefined);
} else {
  const { results, crash } = collect();
  describe('training/tests (Python unittest)', () => {
    it('the Python runner found the test modules and finished', () => {
      expect(crash).toBeNull();
      const modules = new Set(results.map((r) => r.id.split('.').slice(0, 2).join('.')));
      expect([...modules]).toEqual(
        expect.arrayContaining([
          'tests.test_crf',
          'tests.test_diacritic_sets',
          'tests.test_evaluate_lib',
          'tests.test_prepare_data',
          'tests.test_ship_precision',
          'tests.test_ship_sets',
          'tests.test_synth',
          'tests.test_train',
          'tests.test_write_card',
        ]),
      );
    });
    for (const r of results) {
      const name = r.id.replace(/^tests\./, '');
      if (r.status === 'skip') it.skip(`${name} (${r.detail})`, () => undefined);
      else
        it(name, () => {
          if (r.status !== 'ok') throw new Error(`${r.status}:\n${r.detail}`);
        });
    }
  });
}

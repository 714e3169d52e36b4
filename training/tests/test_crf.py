"""The linear-chain CRF (model.py), its Viterbi decoder and the distillation marginals (distill.py), checked against
enumerating every tag path of short sequences."""
import itertools
import unittest

import numpy as np
import torch

from distill import crf_marginals
from model import CRF, bio_constraints, viterbi

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def path_scores(em, trans, start, end):
    """{path: score} for every tag path of em [s, n] (numpy, float64)."""
    s, n = em.shape
    out = {}
    for path in itertools.product(range(n), repeat=s):
        v = start[path[0]] + end[path[-1]] + sum(em[t, k] for t, k in enumerate(path))
        v += sum(trans[a, b] for a, b in zip(path, path[1:]))
        out[path] = v
    return out


def trained_looking_crf(seed):
    torch.manual_seed(seed)
    crf = CRF(LABELS)
    with torch.no_grad():
        for p in (crf.trans, crf.start, crf.end):
            p.normal_(0, 1)
    return crf


class BioConstraints(unittest.TestCase):
    def test_i_only_after_b_or_i_of_its_type_and_never_first(self):
        allowed, start_ok = bio_constraints(LABELS)
        ix = {l: i for i, l in enumerate(LABELS)}
        self.assertTrue(allowed[ix["B-PER"], ix["I-PER"]] and allowed[ix["I-PER"], ix["I-PER"]])
        self.assertFalse(allowed[ix["O"], ix["I-PER"]] or allowed[ix["B-LOC"], ix["I-PER"]])
        self.assertTrue(allowed[ix["I-LOC"], ix["B-PER"]] and allowed[ix["B-PER"], ix["O"]])
        self.assertEqual(start_ok.tolist(), [True, True, False, True, False])


class Crf(unittest.TestCase):
    def test_nll_is_log_partition_minus_gold_score_on_a_ragged_batch(self):
        crf = trained_looking_crf(1)
        tr, st, en = (x.detach().double().numpy() for x in crf.scores())
        g = torch.Generator().manual_seed(2)
        em = torch.randn(2, 5, len(LABELS), generator=g)
        tags = torch.tensor([[1, 2, 0, 3, 4], [3, 0, 1, -1, -1]])  # second row: 3 real tokens, padded with -1
        mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
        expected = 0.0
        for b, length in enumerate((5, 3)):
            scores = path_scores(em[b, :length].double().numpy(), tr, st, en)
            log_z = np.logaddexp.reduce(np.array(list(scores.values())))
            expected += log_z - scores[tuple(tags[b, :length].tolist())]
        self.assertAlmostEqual(float(crf.nll(em, tags, mask)), expected, places=3)

    def test_forbidden_transitions_carry_no_probability(self):
        crf = trained_looking_crf(3)
        em = torch.zeros(1, 2, len(LABELS))
        bad = crf.nll(em, torch.tensor([[0, 2]]), torch.ones(1, 2))  # O then I-PER
        self.assertGreater(float(bad), 1e3)

    def test_viterbi_finds_the_best_path(self):
        rng = np.random.default_rng(4)
        crf = trained_looking_crf(4)
        tr, st, en = (x.detach().double().numpy() for x in crf.scores())
        for _ in range(5):
            em = rng.normal(0, 2, (5, len(LABELS)))
            scores = path_scores(em, tr, st, en)
            best = max(scores, key=scores.get)
            self.assertEqual(tuple(viterbi(em, tr, st, en)), best)


class Marginals(unittest.TestCase):
    def test_marginals_equal_enumeration_on_a_ragged_batch(self):
        rng = np.random.default_rng(5)
        crf = trained_looking_crf(5)
        tr, st, en = (x.detach().double().numpy() for x in crf.scores())
        lengths = (4, 2, 5)
        em = rng.normal(0, 1.5, (3, 5, len(LABELS))).astype(np.float32)
        mask = np.array([[t < n for t in range(5)] for n in lengths])
        post = crf_marginals(em, mask, tr, st, en)
        for b, length in enumerate(lengths):
            scores = path_scores(em[b, :length].astype(np.float64), tr, st, en)
            z = np.logaddexp.reduce(np.array(list(scores.values())))
            brute = np.zeros((length, len(LABELS)))
            for path, v in scores.items():
                for t, k in enumerate(path):
                    brute[t, k] += np.exp(v - z)
            np.testing.assert_allclose(post[b, :length], brute, atol=1e-5)
            np.testing.assert_allclose(post[b, :length].sum(1), np.ones(length), atol=1e-5)


if __name__ == "__main__":
    unittest.main()

"""Training-loop helpers (train.py): batching, padding, tail averaging and the logits the dev sets are scored from."""
import random
import unittest

import numpy as np
import torch

import phi_features as pf
import train
from model import PhiNer
from prepare_data import LABELS


def item(n, seed):
    rng = np.random.default_rng(seed)
    return {"word_ids": rng.integers(2, 50, n), "shape_ids": rng.integers(1, 9, n),
            "char_ids": rng.integers(2, 20, (n, pf.MAX_CHARS)), "gazetteers": np.zeros((n, pf.N_GAZ), np.float32),
            "attention_mask": np.ones(n, np.int64), "labels": rng.integers(0, len(LABELS), n)}


class DocumentFlagDropout(unittest.TestCase):
    def test_only_the_chosen_rows_lose_only_their_document_flags(self):
        gaz = torch.ones(3, 4, pf.N_GAZ + pf.N_DOC)
        out = train.drop_document_flags(gaz, torch.tensor([False, True, False]))
        self.assertTrue(torch.equal(out[0], gaz[0]))
        self.assertTrue(torch.equal(out[2], gaz[2]))
        self.assertTrue(torch.equal(out[1, :, :pf.N_GAZ], gaz[1, :, :pf.N_GAZ]))
        self.assertEqual(out[1, :, pf.N_GAZ:].abs().sum().item(), 0.0)
        self.assertEqual(gaz.sum().item(), 3 * 4 * (pf.N_GAZ + pf.N_DOC))  # the input is not changed in place


class ZeroInputColumns(unittest.TestCase):
    def test_the_columns_stay_zero_through_adamw_steps_and_the_others_learn(self):
        torch.manual_seed(0)
        lin = torch.nn.Linear(5, 3)
        before = lin.weight.detach().clone()
        train.zero_input_columns(lin, [3, 4])
        opt = torch.optim.AdamW(lin.parameters(), lr=0.1, weight_decay=0.01)
        for _ in range(5):
            opt.zero_grad()
            lin(torch.randn(8, 5)).pow(2).sum().backward()
            opt.step()
        self.assertEqual(lin.weight[:, 3:].abs().sum().item(), 0.0)
        self.assertFalse(torch.allclose(lin.weight[:, :3], before[:, :3]))


class Batches(unittest.TestCase):
    def test_every_item_once_and_no_padded_batch_over_the_token_budget(self):
        lengths = [5, 40, 12, 12, 7, 33, 1, 64, 20, 9] * 3
        items = [{"word_ids": np.zeros(n)} for n in lengths]
        out = train.batches(items, 100, random.Random(1))
        self.assertEqual(sorted(i for b in out for i in b), list(range(len(items))))
        for b in out:
            self.assertLessEqual(max(lengths[i] for i in b) * len(b), 100)

    def test_an_item_longer_than_the_budget_gets_a_batch_of_its_own(self):
        items = [{"word_ids": np.zeros(n)} for n in (10, 150, 10)]
        out = train.batches(items, 100, random.Random(1), shuffle=False)
        self.assertIn([1], out)

    def test_without_shuffling_the_batches_are_fixed(self):
        items = [{"word_ids": np.zeros(n)} for n in (8, 3, 8, 5)]
        a = train.batches(items, 16, random.Random(1), shuffle=False)
        b = train.batches(items, 16, random.Random(2), shuffle=False)
        self.assertEqual(a, b)
        self.assertEqual(a, [[1, 3], [0, 2]])


class Collate(unittest.TestCase):
    def test_padding_is_zero_and_padded_labels_are_ignored(self):
        batch = train.collate([item(3, 1), item(5, 2)])
        self.assertEqual(tuple(batch["word_ids"].shape), (2, 5))
        self.assertEqual(batch["attention_mask"].tolist(), [[1, 1, 1, 0, 0], [1] * 5])
        self.assertEqual(batch["labels"][0, 3:].tolist(), [-100, -100])
        self.assertEqual(int(batch["char_ids"][0, 3:].abs().sum()), 0)
        self.assertNotIn("soft", batch)


class RunningMean(unittest.TestCase):
    def test_the_mean_of_n_states_and_integer_tensors_kept(self):
        states = [{"model": {"w": torch.tensor([float(i), 2.0 * i]), "steps": torch.tensor(i)}} for i in (1, 2, 6)]
        mean = None
        for n, s in enumerate(states, 1):
            mean = train.running_mean(mean, s, n)
        self.assertTrue(torch.allclose(mean["model"]["w"], torch.tensor([3.0, 6.0])))
        self.assertEqual(int(mean["model"]["steps"]), 1)
        self.assertEqual(states[0]["model"]["w"].tolist(), [1.0, 2.0])  # the first state was copied, not aliased


class LogitsOf(unittest.TestCase):
    def test_each_item_gets_its_own_unpadded_logits_in_input_order(self):
        torch.manual_seed(0)
        model = PhiNer(50, 20, len(LABELS), d=16, layers=1, heads=2, ffn=32, char_filters=8, max_pos=64)
        items = [item(n, i) for i, n in enumerate((9, 4, 17, 4))]
        out = train.logits_of(model, items, max_tokens=20)
        self.assertEqual([o.shape for o in out], [(n, len(LABELS)) for n in (9, 4, 17, 4)])
        with torch.no_grad():
            for it, got in zip(items, out):
                alone = train.collate([it])
                ref = model(*(alone[k] for k in ("word_ids", "shape_ids", "char_ids", "gazetteers", "attention_mask")))
                np.testing.assert_allclose(got, ref[0].numpy(), atol=1e-5)

    def test_without_a_crf_the_decoder_only_forbids_broken_bio(self):
        trans, start, end = train.decoder_scores(None)
        ix = {l: i for i, l in enumerate(LABELS)}
        self.assertLess(trans[ix["O"], ix["I-PER"]], -1e3)
        self.assertEqual(trans[ix["B-PER"], ix["I-PER"]], 0.0)
        self.assertLess(start[ix["I-LOC"]], -1e3)
        self.assertFalse(end.any())


if __name__ == "__main__":
    unittest.main()

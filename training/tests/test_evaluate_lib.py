"""Scoring (evaluate_lib.py): strict span matching, and the CoNLL protocol the model card's headline figures use."""
import os
import unittest

import evaluate_lib as ev


class Spans(unittest.TestCase):
    def test_bio_spans_with_end_exclusive_offsets(self):
        self.assertEqual(ev.spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]),
                         [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")])

    def test_a_stray_i_opens_an_entity_as_conlleval_reads_it(self):
        self.assertEqual(ev.spans(["O", "I-ORG", "I-ORG", "I-PER"]), [(1, 3, "ORG"), (3, 4, "PER")])


class Score(unittest.TestCase):
    def test_precision_recall_and_f1_per_type_and_micro(self):
        gold = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]]
        pred = [["B-PER", "O", "O", "B-LOC", "O", "B-MISC"]]  # PER boundary wrong, LOC right, ORG missed, MISC extra
        r = ev.score(gold, pred)
        self.assertEqual((r["LOC"]["p"], r["LOC"]["r"]), (1.0, 1.0))
        self.assertEqual((r["PER"]["p"], r["PER"]["r"], r["PER"]["f1"]), (0.0, 0.0, 0.0))
        self.assertEqual(r["ORG"]["support"], 1)
        self.assertAlmostEqual(r["micro_PLO"]["p"], 1 / 2)  # PER (wrong) + LOC predicted
        self.assertAlmostEqual(r["micro_PLO"]["r"], 1 / 3)
        self.assertAlmostEqual(r["micro_PLO"]["f1"], 0.4)
        self.assertAlmostEqual(r["micro_all"]["p"], 1 / 3)  # the extra MISC counts here only
        self.assertNotIn("MISC", ev.score(gold, gold))


class ConllProtocol(unittest.TestCase):
    # A packed sequence of two corpus sentences: "Ricky" | "Ponting said" (a person cut by the sentence split, as
    # CoNLL-2003 has it), then a hyphenated token "Charles-Michael" re-split into three pieces.
    seq = {"sents": [0, 1], "cont": [4, 5]}
    gold = ["B-PER", "B-PER", "O", "B-PER", "I-PER", "I-PER"]

    def test_a_chunk_ends_where_the_corpus_sentence_ends(self):
        pred = ["B-PER", "I-PER", "O", "B-PER", "I-PER", "I-PER"]  # the model reads "Ricky Ponting" as one person
        pieces = ev.score([self.gold], [pred])
        conll = ev.score_conlleval([self.seq], [self.gold], [pred])
        self.assertAlmostEqual(pieces["PER"]["f1"], 0.4)  # one of the packed spans is right
        self.assertEqual(conll["PER"]["f1"], 1.0)  # split at the boundary, both halves match gold

    def test_a_corpus_token_takes_its_first_pieces_label(self):
        pred = ["B-PER", "B-PER", "O", "B-PER", "O", "O"]  # continuation pieces missed: invisible to the protocol
        self.assertEqual(ev.score_conlleval([self.seq], [self.gold], [pred])["PER"]["f1"], 1.0)
        self.assertLess(ev.score([self.gold], [pred])["PER"]["f1"], 1.0)

    def test_units_drop_continuation_pieces(self):
        self.assertEqual(ev.conlleval_units(self.seq, self.gold), [["B-PER"], ["B-PER", "O", "B-PER"]])


class RecallGapInterval(unittest.TestCase):
    def test_the_interval_holds_the_observed_gap_and_names_the_lowest_group(self):
        groups = {"a": [(9, 10), (8, 10), (10, 10), (9, 10)] * 10, "b": [(6, 10), (7, 10), (5, 10), (8, 10)] * 10}
        (low, high), lowest = ev.recall_gap_interval(groups, resamples=500)
        self.assertLess(low, 0.9 - 0.65)
        self.assertGreater(high, 0.9 - 0.65)
        self.assertEqual(lowest["b"], 1.0)
        self.assertEqual(ev.recall_gap_interval(groups, resamples=500), ((low, high), lowest))  # seeded

    def test_fewer_documents_give_a_wider_interval(self):
        docs = [(1, 2), (2, 2), (0, 2), (2, 2), (1, 2)]
        narrow, _ = ev.recall_gap_interval({"a": docs * 20, "b": docs * 20}, resamples=500)
        wide, _ = ev.recall_gap_interval({"a": docs, "b": docs}, resamples=500)
        self.assertGreater(wide[1] - wide[0], narrow[1] - narrow[0])
        self.assertLess(narrow[0], 0.02)  # identical groups: a gap near 0 is inside


if __name__ == "__main__":
    unittest.main()


class FeatureCache(unittest.TestCase):
    """evaluate.feats_file caches encoded dev sets in the work folder: under the featurizer's fingerprint, so that a
    rebuilt vocabulary (or another model's resources) never reads features encoded with different ids."""

    def featurizer(self, vocab):
        import phi_features as pf
        return pf.Featurizer(vocab, ["<pad>", "<unk>", "a"], {n: [] for n in pf.GAZ_NAMES})

    def test_features_encoded_with_another_vocabulary_are_not_reused(self):
        import json
        import tempfile
        from evaluate import feats_file
        seqs = [{"tokens": ["alpha", "beta"]}]
        small = self.featurizer(["<pad>", "<unk>", "alpha"])
        large = self.featurizer(["<pad>", "<unk>", "alpha", "beta"])
        self.assertNotEqual(small.fingerprint, large.fingerprint)
        self.assertEqual(small.fingerprint, self.featurizer(["<pad>", "<unk>", "alpha"]).fingerprint)
        with tempfile.TemporaryDirectory() as work:
            os.makedirs(os.path.join(work, "eval"))
            first = json.load(open(feats_file(work, small, "dev.x", seqs)))
            second = json.load(open(feats_file(work, large, "dev.x", seqs)))
        self.assertEqual(first[0]["word_ids"], [2, 1])
        self.assertEqual(second[0]["word_ids"], [2, 3])

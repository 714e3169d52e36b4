"""Corpus conversion and packing (prepare_data.py): what every training and dev sequence is made of."""
import json
import os
import tempfile
import unittest

import phi_features as pf
import prepare_data as pd


class Iob1ToBio(unittest.TestCase):
    def test_entity_start_becomes_b_and_continuation_stays_i(self):
        self.assertEqual(pd.iob1_to_bio(["I-PER", "I-PER", "O", "I-LOC"]), ["B-PER", "I-PER", "O", "B-LOC"])

    def test_b_between_two_adjacent_entities_of_one_type_is_kept(self):
        # IOB1 writes B- only where two entities of the same type touch
        self.assertEqual(pd.iob1_to_bio(["I-PER", "B-PER", "I-PER"]), ["B-PER", "B-PER", "I-PER"])

    def test_type_change_opens_a_new_entity(self):
        self.assertEqual(pd.iob1_to_bio(["I-ORG", "I-LOC"]), ["B-ORG", "B-LOC"])

    def test_zero_is_read_as_outside(self):
        self.assertEqual(pd.iob1_to_bio(["0", "I-MISC"]), ["O", "B-MISC"])


class Resplit(unittest.TestCase):
    def test_first_piece_keeps_the_tag_and_the_rest_continue_it(self):
        toks, tags, cont = pd.resplit(["Charles-Michael", "said", "U.S."], ["B-PER", "O", "B-LOC"])
        self.assertEqual(toks, ["Charles", "-", "Michael", "said", "U", ".", "S", "."])
        self.assertEqual(tags, ["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC", "I-LOC"])
        self.assertEqual(cont, [1, 2, 5, 6, 7])

    def test_outside_tokens_stay_outside(self):
        _, tags, _ = pd.resplit(["10:30"], ["O"])
        self.assertEqual(tags, ["O", "O", "O"])


class PackSentences(unittest.TestCase):
    @staticmethod
    def sent(n, tag="O", prefix="w"):
        return ([f"{prefix}{i}" for i in range(n)], [tag] * n)

    def test_sentences_of_a_document_share_a_sequence_up_to_the_limit(self):
        doc = [self.sent(5, prefix="a"), self.sent(4, prefix="b"), self.sent(3, prefix="c")]
        seqs = pd.pack_sentences([doc], max_len=10, source="x")
        self.assertEqual([len(s["tokens"]) for s in seqs], [9, 3])
        self.assertEqual(seqs[0]["sents"], [0, 5])
        self.assertEqual(seqs[1]["sents"], [0])
        self.assertEqual(seqs[0]["tokens"][5], "b0")
        self.assertEqual({s["src"] for s in seqs}, {"x"})

    def test_documents_are_never_packed_together(self):
        seqs = pd.pack_sentences([[self.sent(2)], [self.sent(2)]], max_len=10)
        self.assertEqual(len(seqs), 2)

    def test_a_long_sentence_is_cut_before_an_entity_and_never_exceeds_the_limit(self):
        toks = [f"t{i}" for i in range(14)]
        tags = ["O"] * 7 + ["B-PER", "I-PER", "I-PER"] + ["O"] * 4
        seqs = pd.pack_sentences([[(toks, tags)]], max_len=9)
        self.assertTrue(all(len(s["tokens"]) <= 9 for s in seqs))
        self.assertEqual(seqs[0]["tokens"], toks[:7])  # cut moved back to the entity's start
        self.assertEqual(seqs[1]["tags"][0], "B-PER")
        self.assertEqual(sum((s["tokens"] for s in seqs), []), toks)

    def test_a_cut_inside_a_long_entity_reopens_it_with_b(self):
        toks = [f"t{i}" for i in range(8)]
        tags = ["O", "B-ORG"] + ["I-ORG"] * 6
        seqs = pd.pack_sentences([[(toks, tags)]], max_len=4)
        self.assertEqual([len(s["tokens"]) for s in seqs], [4, 4])
        self.assertEqual(seqs[1]["tags"], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"])

    def test_continuation_pieces_are_recorded_at_their_packed_positions(self):
        s1 = pd.resplit(["A", "B"], ["O", "O"])
        s2 = pd.resplit(["x-y"], ["B-PER"])
        seq = pd.pack_sentences([[s1, s2]], max_len=10)[0]
        self.assertEqual(seq["tokens"], ["A", "B", "x", "-", "y"])
        self.assertEqual(seq["cont"], [3, 4])


    def test_document_flags_are_computed_over_the_document_and_follow_each_piece_into_its_sequence(self):
        # a full name in the first sentence, the surname alone in a later sequence, a long sentence cut in two;
        # the long sentence is emitted before the sentences packed ahead of it, so a running offset would go wrong
        doc = [(["Joseph", "Bernardin", "spoke"], ["B-PER", "I-PER", "O"]),
               ([f"w{i}" for i in range(12)] + ["Bernardin"], ["O"] * 12 + ["B-PER"]),
               (["Then", "Bernardin", "left"], ["O", "B-PER", "O"])]
        seqs = pd.pack_sentences([doc], max_len=8, doc_flags=lambda p: pf.document_flags(p, {"joseph"}))
        self.assertEqual([s["tokens"][0] for s in seqs], ["w0", "Joseph", "Then"])  # w0-w7 first, then the rest
        for s in seqs:
            self.assertEqual(len(s["docf"]), len(s["tokens"]))
        self.assertEqual(seqs[0]["docf"], [[0.0, 0.0]] * 8)
        on = {(i, j): f for i, s in enumerate(seqs) for j, f in enumerate(s["docf"]) if f != [0.0, 0.0]}
        # Bernardin after Joseph: the other after "Then" is capitalised; alone after w11: both others; after "Then":
        # the one after Joseph
        self.assertEqual(on, {(1, 1): [1.0, 0.0], (1, 7): [1.0, 1.0], (2, 1): [1.0, 1.0]})
        self.assertNotIn("docf", pd.pack_sentences([doc], max_len=8)[0])


class DocumentFlags(unittest.TestCase):
    def test_the_same_word_after_a_capitalised_word_elsewhere_flags_it_and_its_own_place_does_not(self):
        toks = ["Dr", "Joseph", "Bernardin", ".", "Bernardin", "and", "Smith", "with", "Ann", "Smith", "SMITH", "smith"]
        flags = pf.document_flags(toks, {"joseph"})
        self.assertEqual(flags[2], [0.0, 0.0])  # the other Bernardin follows "."
        self.assertEqual(flags[4], [1.0, 1.0])  # after "Joseph", a listed first name
        self.assertEqual(flags[6], [1.0, 0.0])  # after "Ann", capitalised but not listed
        self.assertEqual(flags[9], [0.0, 0.0])  # the other Smith follows "and"
        self.assertEqual(flags[10:], [[0.0, 0.0], [0.0, 0.0]])  # other case, other word

    def test_the_packers_flagger_is_v2s_document_flags_and_v1_has_none(self):
        toks = ["Joseph", "Bernardin", "said", ".", "Bernardin", "left"]
        self.assertIsNone(pf.document_flagger("phi-word-v1", ["joseph"]))
        self.assertEqual(pf.document_flagger("phi-word-v2", ["joseph"])(toks), pf.document_flags(toks, {"joseph"}))
        self.assertEqual(pf.document_flagger("phi-word-v2", ["joseph"])(toks)[4], [1.0, 1.0])
        with self.assertRaises(AssertionError):
            pf.document_flagger("phi-word-v3", [])

    def test_v2_encodes_ten_flags_from_given_or_computed_document_flags_and_v1_eight(self):
        gaz = {n: [] for n in pf.GAZ_NAMES}
        gaz["first_name"] = ["joseph"]
        v1 = pf.Featurizer(["<pad>", "<unk>"], ["<pad>", "<unk>"], gaz)
        v2 = pf.Featurizer(["<pad>", "<unk>"], ["<pad>", "<unk>"], gaz, "phi-word-v2")
        toks = ["Joseph", "Bernardin", ".", "Bernardin"]
        self.assertEqual(len(v1.encode(toks)["gazetteers"][0]), pf.N_GAZ)
        self.assertEqual(v2.encode(toks)["gazetteers"][3][pf.N_GAZ:], [1.0, 1.0])
        self.assertEqual(v2.encode(toks[2:], [[0.0, 0.0], [1.0, 1.0]])["gazetteers"][1][pf.N_GAZ:], [1.0, 1.0])
        self.assertEqual(v2.encode(toks[2:])["gazetteers"][1][pf.N_GAZ:], [0.0, 0.0])  # alone: no full name
        self.assertNotEqual(v1.fingerprint, v2.fingerprint)

    def test_a_v2_folder_read_as_v1_has_its_vocabularies_and_no_document_flags(self):
        # build.sh PHI_MLM_FEATURIZER=phi-word-v1: pre-training reads a phi-word-v2 folder without the flags
        gaz = {n: [] for n in pf.GAZ_NAMES}
        gaz["first_name"] = ["joseph"]
        with tempfile.TemporaryDirectory() as d:
            for name, text in (("vocab.txt", "<pad>\n<unk>\nbernardin"), ("chars.json", '["<pad>", "<unk>", "B"]'),
                               ("gazetteers.json", json.dumps(gaz)), ("featurizer.txt", "phi-word-v2\n")):
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write(text)
            own, as_v1 = pf.Featurizer.load(d), pf.Featurizer.load(d, "phi-word-v1")
            self.assertEqual((own.name, own.n_flags), ("phi-word-v2", pf.N_GAZ + pf.N_DOC))
            self.assertEqual((as_v1.name, as_v1.n_flags), ("phi-word-v1", pf.N_GAZ))
            self.assertIsNone(pf.document_flagger(as_v1.name, as_v1.first_names))
            toks = ["Joseph", "Bernardin", ".", "Bernardin"]
            self.assertEqual(as_v1.encode(toks)["word_ids"], own.encode(toks)["word_ids"])
            self.assertEqual(as_v1.encode(toks)["char_ids"], own.encode(toks)["char_ids"])
            self.assertEqual(len(as_v1.encode(toks)["gazetteers"][3]), pf.N_GAZ)
            with open(os.path.join(d, "featurizer.txt"), "w", encoding="utf-8") as f:
                f.write("phi-word-v1\n")
            with self.assertRaises(AssertionError):  # flags a folder was not prepared with cannot be read into it
                pf.Featurizer.load(d, "phi-word-v2")


class ReadColumns(unittest.TestCase):
    def test_docstart_splits_documents_and_blank_lines_split_sentences(self):
        text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n" \
               "-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n"
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "c.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            docs = list(pd.read_columns(path))
            loaded = pd.load_iob1(path, "conll")
        self.assertEqual(len(docs), 2)
        self.assertEqual(docs[0], [[("EU", "I-ORG"), ("rejects", "O")], [("Peter", "I-PER")]])
        self.assertEqual(loaded[0][0][1], ["B-ORG", "O"])
        self.assertEqual(loaded[1][0][:2], (["Bonn"], ["B-LOC"]))


class SpansToBio(unittest.TestCase):
    def test_code_point_spans_tag_the_right_tokens_after_an_astral_character(self):
        text = "\U0001F600 Dr. Ana Lima, Boston"
        ana = text.index("Ana")
        spans = [[ana, ana + len("Ana Lima"), "PER"], [text.index("Boston"), len(text), "LOC"]]
        toks, tags = pd.spans_to_bio(text, spans)
        self.assertEqual(toks, ["\U0001F600", "Dr", ".", "Ana", "Lima", ",", "Boston"])
        self.assertEqual(tags, ["O", "O", "O", "B-PER", "I-PER", "O", "B-LOC"])


if __name__ == "__main__":
    unittest.main()

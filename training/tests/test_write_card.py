"""The model card's account of the document flags, read from build.sh's stages.txt (write_card.py)."""
import os
import tempfile
import unittest

from write_card import document_flags_note, stage_keys


class StageKeys(unittest.TestCase):
    def test_last_value_of_a_key_wins_and_lines_without_a_value_are_skipped(self):
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "stages.txt"), "w") as f:
                f.write("corpus=synth.py --seed 13\nfeaturizer=phi-word-v1\nfeaturizer=phi-word-v2\nbroken line\n")
            self.assertEqual(stage_keys(work), {"corpus": "synth.py --seed 13", "featurizer": "phi-word-v2"})

    def test_a_work_folder_without_stages_txt(self):
        with tempfile.TemporaryDirectory() as work:
            self.assertEqual(stage_keys(work), {})


class DocumentFlagsNote(unittest.TestCase):
    V2ID = {"featurizer": "phi-word-v2", "mlm_featurizer": "phi-word-v1", "doc_flag_dropout": "0.5"}

    def test_v1_builds_say_nothing(self):
        self.assertEqual(document_flags_note({"featurizer": "phi-word-v1", "doc_flag_dropout": "0.5"}, True), "")

    def test_flags_in_tagging_only_with_dropout(self):
        note = document_flags_note(self.V2ID, True)
        self.assertIn("start at zero", note)
        self.assertIn("probability 0.5", note)
        self.assertIn("--doc-flag-dropout 0.5", note)

    def test_pre_training_with_the_flags_or_none_at_all(self):
        with_flags = dict(self.V2ID, mlm_featurizer="phi-word-v2")
        self.assertNotIn("start at zero", document_flags_note(with_flags, True))
        self.assertNotIn("start at zero", document_flags_note(self.V2ID, False))  # no pre-training stage

    def test_no_dropout_recorded_or_zero(self):
        for stages in ({"featurizer": "phi-word-v2", "mlm_featurizer": "phi-word-v1"},
                       dict(self.V2ID, doc_flag_dropout="0")):
            self.assertNotIn("dropout", document_flags_note(stages, True))


if __name__ == "__main__":
    unittest.main()

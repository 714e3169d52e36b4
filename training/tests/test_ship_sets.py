"""The selection set's tweets without @-mentions (ship_sets.without_mentions)."""
import unittest

from ship_sets import without_mentions


class WithoutMentions(unittest.TestCase):
    def test_a_mention_goes_entirely_and_other_entities_stay(self):
        toks = ["RT", "@", "SportsCenter", ":", "LeBron", "James", "scores"]
        tags = ["O", "B-ORG", "B-ORG", "O", "B-PER", "I-PER", "O"]
        self.assertEqual(without_mentions(toks, tags),
                         [("RT", "O"), (":", "O"), ("LeBron", "B-PER"), ("James", "I-PER"), ("scores", "O")])

    def test_an_unlabelled_handle_goes_too(self):
        self.assertEqual(without_mentions(["hi", "@", "bob99", "!"], ["O", "O", "O", "O"]), [("hi", "O"), ("!", "O")])

    def test_a_double_at_keeps_the_handle_as_O_and_whitespace_tokens_go(self):
        toks = [":", "@", "@", "Marti_Sara1D", " ", "icon"]
        tags = ["O", "O", "B-PER", "B-PER", "O", "O"]
        self.assertEqual(without_mentions(toks, tags), [(":", "O"), ("Marti_Sara1D", "O"), ("icon", "O")])


if __name__ == "__main__":
    unittest.main()

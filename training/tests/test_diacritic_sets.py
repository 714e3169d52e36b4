"""The Vietnamese-diacritics variants of evaluation sets (diacritic_sets.rewrite): names rewritten inside PERSON
spans only, case kept, offsets (UTF-16) moved."""
import unittest

from diacritic_sets import native, rewrite


def u16_len(s):
    return len(s.encode("utf-16-le")) // 2


def u16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


class Native(unittest.TestCase):
    def test_case_is_kept_and_other_words_are_not_names(self):
        self.assertEqual(native("Nguyen"), "Nguyễn")
        self.assertEqual(native("NGUYEN"), "NGUYỄN")
        self.assertEqual(native("nguyen"), "nguyễn")
        self.assertIsNone(native("NGuyen"))
        self.assertIsNone(native("Smith"))


class Rewrite(unittest.TestCase):
    def test_eval_format_moves_every_later_offset(self):
        text = "Le Duc Tran saw 😀 Mr. Tran at Le Clinic. Call Nguyen."

        def span(typ, part):
            i = text.index(part)
            return {"type": typ, "start": u16_len(text[:i]), "end": u16_len(text[:i + len(part)])}

        ents = [span("PER", "Le Duc Tran"), span("PER", "Mr. Tran"), span("ORG", "Le Clinic"), span("PER", "Nguyen")]
        # the emoji is two UTF-16 units: offsets after it are UTF-16 offsets, one more than Python's
        self.assertEqual(ents[1]["start"], text.index("Mr. Tran") + 1)
        new, changed = rewrite({"text": text, "entities": ents})
        self.assertEqual(changed, 3)
        got = [(e["type"], u16_slice(new["text"], e["start"], e["end"])) for e in new["entities"]]
        # "Le" of the organisation is not inside a PERSON span: it stays
        self.assertEqual(got, [("PER", "Lê Đức Trần"), ("PER", "Mr. Trần"), ("ORG", "Le Clinic"), ("PER", "Nguyễn")])

    def test_bias_format_and_templates(self):
        doc = {"text": "Pt Pham Thao. Seen.", "spans": [[3, 12, "PER", "east_asian"], [14, 18, "LOC", None]],
               "templates": [[0, 13, "note:1"], [14, 19, "note:2"]], "origin": "east_asian"}
        new, changed = rewrite(doc)
        self.assertEqual(changed, 1)
        self.assertEqual(new["text"], "Pt Phạm Thảo. Seen.")
        self.assertEqual(new["spans"], [[3, 12, "PER", "east_asian"], [14, 18, "LOC", None]])
        self.assertEqual(new["templates"], [[0, 13, "note:1"], [14, 19, "note:2"]])
        self.assertEqual(new["origin"], "east_asian")

    def test_a_document_without_listed_names_is_left_out(self):
        self.assertEqual(rewrite({"text": "John Smith", "entities": [{"type": "PER", "start": 0, "end": 10}]}),
                         (None, 0))


if __name__ == "__main__":
    unittest.main()

"""The synthetic PHI corpus (synth.py): the held-out split must share no template and no name with the training split,
and every gold span must point at the text it labels. Runs on a small stand-in for ../shared/data's gazetteers."""
import importlib
import json
import os
import shutil
import sys
import tempfile
import unittest

FIRST = "James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Linda Barbara Elizabeth " \
        "Jennifer Maria Susan Margaret Dorothy Lisa Nancy Karen Betty Helen Sandra Donna Carol Ruth Sharon".split()
LAST = "Smith Johnson Williams Jones Brown Davis Miller Wilson Moore Taylor Anderson Thomas Jackson White Harris " \
       "Martin Thompson Garcia Martinez Robinson Clark Rodriguez Lewis Lee Walker Hall Allen Young Hernandez King " \
       "Wright Lopez Hill Scott Green Adams Baker Gonzalez Nelson Carter".split()
CITIES = [("Boston", "United States", "Massachusetts"), ("Denver", "United States", "Colorado"),
          ("Austin", "United States", "Texas"), ("Lyon", "France", "Auvergne-Rhône-Alpes"),
          ("Kraków", "Poland", "Lesser Poland"), ("Osaka", "Japan", "Osaka")]


def write_fixture(root):
    census = os.path.join(root, "gazetteers", "us-census-1990-names")
    os.makedirs(census)
    for name, rows in (("dist.male.first", FIRST[:10]), ("dist.female.first", FIRST[10:]), ("dist.all.last", LAST)):
        with open(os.path.join(census, name), "w") as f:
            f.writelines(f"{n.upper():<15}0.100  0.100  {i + 1}\n" for i, n in enumerate(rows))
    cities = os.path.join(root, "gazetteers", "world-cities")
    os.makedirs(cities)
    with open(os.path.join(cities, "world-cities.csv"), "w", encoding="utf-8") as f:
        f.write("name,country,subcountry,geonameid\n")
        f.writelines(f"{c},{k},{s},{i}\n" for i, (c, k, s) in enumerate(CITIES))


class Synth(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        write_fixture(cls.dir)
        cls.saved = os.environ.get("PHI_DATA")
        os.environ["PHI_DATA"] = cls.dir
        sys.modules.pop("synth", None)
        cls.synth = importlib.import_module("synth")  # DATA is read at import

    @classmethod
    def tearDownClass(cls):
        if cls.saved is None:
            os.environ.pop("PHI_DATA", None)
        else:
            os.environ["PHI_DATA"] = cls.saved
        sys.modules.pop("synth", None)
        shutil.rmtree(cls.dir)

    def test_held_out_templates_are_never_training_templates(self):
        s = self.synth
        for domain, templates in s.TEMPLATES.items():
            train, held = s.heldout_templates(templates, False), s.heldout_templates(templates, True)
            self.assertTrue(train and held, domain)
            self.assertFalse(set(train) & set(held), domain)
            self.assertEqual(sorted(train + held), sorted(templates), domain)
        self.assertFalse(set(sum(s.Generator(1, heldout=False).templates.values(), [])) &
                         set(sum(s.Generator(1, heldout=True).templates.values(), [])))

    def test_the_two_splits_draw_from_lists_that_share_no_name_token(self):
        s = self.synth
        train, held = s.Pools(False), s.Pools(True)
        self.assertEqual(set(train.names), set(held.names))
        keys = lambda pools: {k for f, l in pools.names.values() for n in f + l for k in s.name_keys(n)}  # noqa: E731
        for origin in held.names:
            self.assertTrue(held.names[origin][0] and held.names[origin][1], origin)
        self.assertFalse(keys(train) & keys(held))

    def test_the_hand_lists_hold_whole_names(self):
        # a name split across two source lines ("Hyun- " + "woo") would become two names, "Hyun-" and "woo"
        for origin, parts in self.synth.origin_lists().items():
            for names in parts:
                for n in names:
                    self.assertFalse(n.startswith("-") or n.endswith("-"), (origin, n))
                    self.assertTrue(n[0].isupper() or n.split()[0] in self.synth.PARTICLES, (origin, n))
                self.assertEqual(len(names), len(set(names)), origin)

    def test_name_keys_ignore_case_accents_and_particles(self):
        s = self.synth
        self.assertEqual(s.name_keys("Raúl"), s.name_keys("RAUL"))
        self.assertEqual(s.name_keys("Al-Rashid"), ["rashid"])
        self.assertEqual(s.name_keys("van den Berg"), ["berg"])
        self.assertEqual(s.name_keys("John K. O'Brien"), ["john", "brien"])
        self.assertEqual(s.name_keys("Le"), ["le"])  # a particle that is the whole name still counts
        self.assertEqual(s.name_split("Raúl"), s.name_split("Raul"))
        self.assertEqual(s.name_split("Rashid"), s.name_split("Al-Rashid"))

    def test_generated_training_names_carry_no_held_out_key(self):
        s = self.synth
        pools = s.Pools(False, generated_share=1.0)
        rng = s.random.Random(7)
        generated = 0
        for _ in range(2000):
            first, last, origin = pools.person(rng)
            for name in (first, last):
                self.assertEqual(s.name_split(name), "train", name)
            generated += origin != "us_census" and first not in pools.names[origin][0]
        self.assertGreater(generated, 100)  # the share was applied: names outside the lists were drawn

    def test_no_person_of_the_held_out_or_bias_documents_is_named_in_training(self):
        s = self.synth
        person_keys = lambda docs: {k for d in docs for a, b, lab, _ in d["spans"] if lab == "PER"  # noqa: E731
                                    for k in s.name_keys(d["text"][a:b])}
        train = s.Generator(3, heldout=False, generated_share=0.4)
        seen = person_keys(train.document() for _ in range(1500))
        held = s.Generator(4, heldout=True)
        bias = s.Generator(5, heldout=True)
        held_keys = person_keys([held.document() for _ in range(300)] +
                                [bias.document(origin=o) for o in bias.p.names for _ in range(20)])
        self.assertGreater(len(held_keys), 50)
        self.assertFalse(seen & held_keys)

    def test_spans_label_the_text_they_point_at(self):
        s = self.synth
        for heldout in (False, True):
            g = s.Generator(3, heldout=heldout)
            for _ in range(300):
                d = g.document()
                text, prev_end = d["text"], 0
                for start, end, label, origin in d["spans"]:
                    self.assertIn(label, ("PER", "LOC", "ORG"))
                    self.assertTrue(prev_end <= start < end <= len(text), d)
                    piece = text[start:end]
                    self.assertEqual(piece, piece.strip(), d)
                    self.assertTrue(any(c.isalpha() for c in piece), d)
                    if label == "PER":
                        self.assertIsNotNone(origin)
                    prev_end = end

    def test_documents_record_the_templates_they_render_and_spans_stay_inside_one(self):
        s = self.synth
        for heldout in (False, True):
            g = s.Generator(3, heldout=heldout)
            used = set()
            for _ in range(400):
                d = g.document(origin="us_census" if heldout else None)
                text, prev_end = d["text"], 0
                for start, end, tid in d["templates"]:
                    domain, index = tid.split(":")
                    self.assertEqual(domain, d["domain"])
                    self.assertEqual(int(index) % 5 == 4, heldout, tid)  # heldout_templates' rule
                    self.assertTrue(prev_end <= start < end <= len(text), d)
                    self.assertTrue(text[prev_end:start].isspace() or start == 0, d)  # only separators between
                    prev_end = end
                    used.add(tid)
                self.assertEqual(prev_end, len(text))
                for start, end, *_ in d["spans"]:
                    self.assertTrue(any(a <= start and end <= b for a, b, _ in d["templates"]), d)
            self.assertGreater(len(used), 20)
        # a person ending one template and one starting the next, a space apart, stay two spans
        g = s.Generator(1, heldout=True)
        g.templates, g.template_ids = {"chat": ["my mother {PATF}", "{PATF} here again"]}, {"chat": [0, 1]}
        two = 0
        for _ in range(200):
            d = g.document(domain="chat")
            for a, b, _ in d["templates"]:
                inside = [sp for sp in d["spans"] if a <= sp[0] and sp[1] <= b]
                self.assertEqual(len(inside), 1, d)
            two += len(d["templates"]) == 2 and d["text"][d["templates"][0][1]] == " "
        self.assertGreater(two, 5)

    def test_the_exported_held_out_set_keeps_the_template_ranges(self):
        sys.modules.pop("export_eval_sets", None)
        export = importlib.import_module("export_eval_sets")
        g = self.synth.Generator(3, heldout=True)
        docs = [g.document() for _ in range(20)]
        src, out = os.path.join(self.dir, "held.jsonl"), os.path.join(self.dir, "held.export.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(d) + "\n" for d in docs)
        export.synth_jsonl(src, out)
        with open(out, encoding="utf-8") as f:
            got = [json.loads(line) for line in f]
        self.assertEqual([d["templates"] for d in got], [d["templates"] for d in docs])
        self.assertEqual([[(e["start"], e["end"], e["type"]) for e in d["entities"]] for d in got],
                         [[tuple(sp[:3]) for sp in d["spans"]] for d in docs])

    def test_lists_042_draws_0_4_2s_names_held_out_by_string(self):
        s = self.synth
        hand = s.origin_lists()
        for heldout in (False, True):
            pools = s.Pools(heldout, lists="0.4.2")
            for origin, (first, last) in pools.names.items():
                for name in first + last:
                    self.assertEqual(s.is_heldout_name(name), heldout, name)
                if origin != "us_census":
                    n = s.LISTS_042.get(origin, 50)
                    self.assertTrue(set(first) <= set(hand[origin][0][:n]) and set(last) <= set(hand[origin][1][:n]))
        self.assertNotEqual(s.Pools(False).names, s.Pools(False, lists="0.4.2").names)

    def test_lists_042_keeps_its_merge_across_templates(self):
        merged = {}
        for lists in ("names", "0.4.2"):
            g = self.synth.Generator(1, heldout=True, lists=lists)
            g.templates, g.template_ids = {"chat": ["my mother {PATF}", "{PATF} here again"]}, {"chat": [0, 1]}
            docs = [g.document(domain="chat") for _ in range(200)]
            merged[lists] = sum(1 for d in docs for a, b, *_ in d["spans"]
                                if not any(x <= a and b <= y for x, y, _ in d["templates"]))
        self.assertEqual(merged["names"], 0)
        self.assertGreater(merged["0.4.2"], 5)

    def test_a_seed_fixes_the_corpus(self):
        s = self.synth
        docs = lambda seed: [s.Generator(seed, heldout=False).document() for _ in range(1)] + \
            [d for g in [s.Generator(seed, heldout=True)] for d in (g.document(), g.document())]
        self.assertEqual(docs(5), docs(5))
        self.assertNotEqual(docs(5), docs(6))


if __name__ == "__main__":
    unittest.main()

"""build.sh's choice between the fp32 and int8 files (ship_precision.py)."""
import unittest

from ship_precision import choose


def metrics(f1_fp32, f1_int8, tps_fp32, tps_int8, dev="conll"):
    side = lambda f1, tps: {"dev": {dev: {"micro_PLO": {"f1": f1}}}, "throughput_tokens_per_s": {"median": tps}}
    return {"fp32": side(f1_fp32, tps_fp32), "int8": side(f1_int8, tps_int8)}


SMALL, BIG = 20_000_000, 25_300_000


class ShipPrecision(unittest.TestCase):
    def test_int8_when_it_costs_little_and_is_faster(self):
        self.assertEqual(choose(metrics(0.906, 0.905, 26_000, 40_000), SMALL)[0], "int8")

    def test_fp32_when_int8_is_slower_and_fp32_fits_the_budget(self):
        self.assertEqual(choose(metrics(0.906, 0.905, 26_000, 23_000), SMALL)[0], "fp32")

    def test_int8_when_fp32_is_over_the_size_budget_even_if_timed_slower(self):
        # v2id-build.txt: int8 timed at 23,777 against 26,124 tokens/s, fp32 25.3 MB
        choice, reasons = choose(metrics(0.9058, 0.9055, 26_124, 23_777), BIG)
        self.assertEqual(choice, "int8")
        self.assertTrue(any("over the 25 MB budget" in r for r in reasons))

    def test_an_int8_file_that_costs_too_much_does_not_ship_whatever_the_size(self):
        choice, reasons = choose(metrics(0.906, 0.899, 26_000, 40_000), BIG)
        self.assertEqual(choice, "fp32")
        self.assertTrue(any(r.startswith("WARNING") for r in reasons))

    def test_the_cost_is_read_on_the_first_dev_set_without_conll(self):
        self.assertEqual(choose(metrics(0.800, 0.7955, 1, 2, dev="wnut17"), SMALL)[0], "int8")  # 0.45 points
        self.assertEqual(choose(metrics(0.800, 0.7945, 1, 2, dev="wnut17"), SMALL)[0], "fp32")  # 0.55 points


if __name__ == "__main__":
    unittest.main()

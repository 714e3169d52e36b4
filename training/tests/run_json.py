"""Run training/tests' unittest modules and print one JSON line per test: {"id", "status", "detail"}.
status: ok, fail, error or skip. Used by test/training/python-unit.test.ts, which turns each into a Jest test.

    python3 tests/run_json.py      (from training/)"""
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, HERE)


class JsonResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.rows = []

    def addSuccess(self, test):
        self.rows.append({"id": test.id(), "status": "ok", "detail": ""})

    def addFailure(self, test, err):
        self.rows.append({"id": test.id(), "status": "fail", "detail": self._exc_info_to_string(err, test)})

    def addError(self, test, err):
        self.rows.append({"id": test.id(), "status": "error", "detail": self._exc_info_to_string(err, test)})

    def addSkip(self, test, reason):
        self.rows.append({"id": test.id(), "status": "skip", "detail": reason})


def main():
    suite = unittest.defaultTestLoader.discover(os.path.join(HERE, "tests"), top_level_dir=HERE)
    result = JsonResult()
    suite.run(result)
    for row in result.rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()

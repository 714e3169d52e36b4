"""Write the held-out sets the gateway is scored on (`phi-gateway eval`, training/compare_models.js) as files it reads.

    python3 export_eval_sets.py WORK_DIR OUT_DIR
writes OUT_DIR/wikigold_heldout.conll (every 5th WikiGold article, the raw IOB1 lines: the articles prepare_data.py
holds out of training), OUT_DIR/synth_heldout.jsonl and OUT_DIR/bias.jsonl (WORK_DIR/synth's held-out and bias
documents as {"text", "entities": [{"type", "start", "end"}]}, plus synth.py's "templates" when the corpus has them).
CoNLL-2003 dev and WNUT-17 dev are read as they are.
"""
import json
import os
import sys

from prepare_data import DATA


def wikigold_heldout(out):
    docs, cur = [], []
    with open(os.path.join(DATA, "wikigold", "wikigold.conll.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") and cur:
                docs.append(cur)
                cur = []
            cur.append(line)
    docs.append(cur)
    with open(out, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            if i % 5 == 4:
                f.writelines(d)
                f.write("\n")  # a blank line after every article (some run into the next -DOCSTART- without one)


def write_eval_docs(docs, out):
    """synth.py documents as {"text", "entities", ["templates"]} lines (what `phi-gateway eval --jsonl` reads)."""
    with open(out, "w", encoding="utf-8") as g:
        for d in docs:
            ents = [{"type": t, "start": s, "end": e} for s, e, t, *_ in d["spans"]]
            kept = {"templates": d["templates"]} if "templates" in d else {}  # compare_models.js resamples by template
            g.write(json.dumps({"text": d["text"], "entities": ents, **kept}) + "\n")


def synth_jsonl(src, out):
    with open(src, encoding="utf-8") as f:
        write_eval_docs([json.loads(line) for line in f], out)


def main():
    work, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    wikigold_heldout(os.path.join(out, "wikigold_heldout.conll"))
    synth_jsonl(os.path.join(work, "synth", "synth_heldout.jsonl"), os.path.join(out, "synth_heldout.jsonl"))
    synth_jsonl(os.path.join(work, "synth", "bias.jsonl"), os.path.join(out, "bias.jsonl"))


if __name__ == "__main__":
    main()

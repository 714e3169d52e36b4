"""The judge sets and the selection sets that shipping rules read through compare_models.js, rebuilt in one command.

    python3 ship_sets.py WORK_DIR OUT_DIR
WORK_DIR is a build.sh work folder: its synth/synth_train.jsonl is the training split of the models being compared
(build.sh's default corpus, PHI_CORPUS=0.4.2, for 0.4.3 and 0.5.0), against which "unseen" names are decided
(heldout_overlap.py: no name key shared with a training person). Writes:

  OUT_DIR/judge/      what ship rules judge on (v2id-build.txt and after), with CoNLL-2003 dev and WNUT-17 dev as they are:
    wikigold_heldout.conll   every 5th WikiGold article (the ones prepare_data.py holds out)
    synth_unseen.jsonl       synth.py --lists names --seed 13's held-out documents without a person named in training
                             (unseen templates; compare_models.js jsonl:, with the template ranges)
    bias_unseen.jsonl        the same corpus's bias set without the person spans named in training (bias:)
  OUT_DIR/selection/  what v2id-select.txt picked a draw on; no document in common with judge/:
    synth_unseen.jsonl, bias_unseen.jsonl   the same from synth.py --seed 41 (1,200 held-out documents), any document
                             whose text is in judge/ dropped
    btc_dev_no_at.conll      BTC dev with its @-mention entities removed (load_btc's merging, evaluate.py's
                             drop_at_mentions, then each '@' and the token after it deleted: the gateway cannot blank
                             predictions there) and whitespace-only tokens dropped

The compare_models.js lines that read them are printed at the end. Deterministic: the same WORK_DIR gives the same files.
"""
import json
import os
import subprocess
import sys
import tempfile

from evaluate import drop_at_mentions
from export_eval_sets import wikigold_heldout, write_eval_docs
from heldout_overlap import read, training_keys, unseen_bias, unseen_heldout, write_jsonl
from prepare_data import DATA, merge_at_mentions, read_columns

HERE = os.path.dirname(os.path.abspath(__file__))


def unseen_corpus(seed, heldout_docs, seen, exclude_texts=frozenset()):
    """synth.py --lists names at this seed: (held-out documents, bias documents) restricted to names training never saw."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "synth.py"), tmp, "--seed", str(seed), "--train-docs", "10",
                        "--heldout-docs", str(heldout_docs), "--generated-names", "0.4", "--lists", "names"],
                       check=True, stdout=subprocess.DEVNULL)
        heldout = unseen_heldout(read(os.path.join(tmp, "synth_heldout.jsonl")), seen)
        bias = unseen_bias(read(os.path.join(tmp, "bias.jsonl")), seen)
    keep = lambda docs: [d for d in docs if d["text"] not in exclude_texts]  # noqa: E731
    return keep(heldout), keep(bias)


def write_sets(out, heldout, bias):
    os.makedirs(out, exist_ok=True)
    write_eval_docs(heldout, os.path.join(out, "synth_unseen.jsonl"))  # compare_models.js's jsonl: form, templates kept
    write_jsonl(os.path.join(out, "bias_unseen.jsonl"), bias)  # bias: reads synth.py's own form


def without_mentions(toks, tags):
    """One BTC tweet's (token, tag) pairs with no @-mention: the entity blanked (evaluate.drop_at_mentions, after
    load_btc's merging of '@' and the handle into one entity), then each '@' and the token after it deleted (after
    "@ @" that is the second '@', as v2id-select.txt's selection read it: the handle then stays, tagged O), and
    whitespace-only tokens dropped."""
    tags = drop_at_mentions(toks, merge_at_mentions(toks, tags))
    kept, skip = [], False
    for tok, tag in zip(toks, tags):
        if skip:
            skip = False
        elif tok == "@":
            skip = True
        elif tok.strip():
            kept.append((tok, tag))
    return kept


def btc_without_mentions(out):
    """BTC dev as `token TAG` lines, one blank line after each tweet, without @-mentions (without_mentions)."""
    sentences = persons = 0
    with open(out, "w", encoding="utf-8") as f:
        for doc in read_columns(os.path.join(DATA, "btc", "btc.dev"), sep="\t"):
            for sent in doc:
                for tok, tag in without_mentions([t for t, _ in sent], [g for _, g in sent]):
                    f.write(f"{tok} {tag}\n")
                    persons += tag == "B-PER"
                f.write("\n")
                sentences += 1
    return sentences, persons


def main():
    work, out = sys.argv[1], sys.argv[2]
    seen = training_keys(os.path.join(work, "synth"))
    judge, sel = os.path.join(out, "judge"), os.path.join(out, "selection")
    heldout, bias = unseen_corpus(13, 600, seen)
    write_sets(judge, heldout, bias)
    wikigold_heldout(os.path.join(judge, "wikigold_heldout.conll"))
    texts = {d["text"] for d in heldout + bias}
    s_heldout, s_bias = unseen_corpus(41, 1200, seen, exclude_texts=texts)
    write_sets(sel, s_heldout, s_bias)
    n_sent, n_per = btc_without_mentions(os.path.join(sel, "btc_dev_no_at.conll"))
    scored = lambda docs: sum(sp[2] == "PER" and sp[3] == d["origin"] for d in docs for sp in d["spans"])  # noqa: E731
    print(f"judge: {len(heldout)} unseen held-out documents, {scored(bias)} unseen bias names; selection: "
          f"{len(s_heldout)} documents, {scored(s_bias)} bias names, BTC dev {n_sent} tweets with {n_per} persons")
    shared = "../../shared/data"
    print("judge:     node compare_models.js A B "
          f"conll-doc:{shared}/conll2003/eng.testa conll-doc:{judge}/wikigold_heldout.conll "
          f"conll:{shared}/wnut17/emerging.dev.conll jsonl:{judge}/synth_unseen.jsonl bias:{judge}/bias_unseen.jsonl")
    print(f"selection: node compare_models.js A B1,B2,... bias:{sel}/bias_unseen.jsonl jsonl:{sel}/synth_unseen.jsonl "
          f"conll:{sel}/btc_dev_no_at.conll")


if __name__ == "__main__":
    main()

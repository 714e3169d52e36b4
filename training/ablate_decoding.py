"""Decoding ablation: the same checkpoint scored with an argmax per token, with Viterbi under the BIO constraints
only, and (when it has one) with Viterbi over its CRF's learned transitions. Torch fp32, every dev set.

    python3 ablate_decoding.py WORK_DIR OUT.json NAME=CKPT [NAME=CKPT ...]
"""
import json
import os
import sys

import torch

import phi_features as pf
from evaluate_lib import score
from model import load_tagger, viterbi
from prepare_data import LABELS
from train import decoder_scores, load_dev, logits_of


def main():
    torch.set_num_threads(1)
    work, out = sys.argv[1], sys.argv[2]
    fz = pf.Featurizer.load(os.path.join(work, "model"))
    dev = load_dev(work, fz)
    res = {}
    for spec in sys.argv[3:]:
        name, path = spec.split("=", 1)
        model, crf = load_tagger(path)
        modes = {"argmax": None, "viterbi_bio": decoder_scores(None)}
        if crf is not None:
            modes["viterbi_crf"] = decoder_scores(crf)
        res[name] = {}
        for dname, (seqs, items) in dev.items():
            lg = logits_of(model, items)
            gold = [s["tags"] for s in seqs]
            row = {}
            for mode, sc in modes.items():
                if sc is None:
                    preds = [[LABELS[k] for k in x.argmax(-1)] for x in lg]
                else:
                    preds = [[LABELS[k] for k in viterbi(x, *sc)] for x in lg]
                r = score(gold, preds)
                row[mode] = {"micro_PLO": round(r["micro_PLO"]["f1"], 4), "PER": round(r.get("PER", {}).get("f1", 0), 4)}
            res[name][dname] = row
            print(name, dname, json.dumps(row), flush=True)
    with open(out, "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()

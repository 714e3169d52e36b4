"""Export a checkpoint to ONNX (opset 17, dynamic batch and sequence axes).

    python3 export_onnx.py CKPT OUT.onnx [DECODER.json]
Inputs (all padded with 0):
  word_ids int64 [batch, seq], shape_ids int64 [batch, seq], char_ids int64 [batch, seq, 16],
  gazetteers float32 [batch, seq, 8 (phi-word-v1) or 10 (v2: + document flags)], attention_mask int64 [batch, seq]
Output: logits float32 [batch, seq, n_labels]. Serving decodes them with Viterbi under the BIO constraints, plus the
CRF's learned transitions when the checkpoint has a CRF: DECODER.json gets {"labels": [...], "crf": {...} | null}
(package_model.py copies "crf" into config.json)."""
import json
import sys

import torch

import phi_features as pf
from model import CRF, PhiNer

INPUTS = ["word_ids", "shape_ids", "char_ids", "gazetteers", "attention_mask"]


def main():
    ck = torch.load(sys.argv[1], map_location="cpu")
    model = PhiNer(ck["n_words"], ck["n_chars"], len(ck["labels"]), **ck["hp"])
    model.load_state_dict(ck["model"])
    model.eval()
    b, s = 2, 7
    dummy = (torch.randint(1, 100, (b, s)), torch.randint(1, 9, (b, s)), torch.randint(0, 50, (b, s, pf.MAX_CHARS)),
             torch.zeros(b, s, ck["hp"].get("flags", pf.N_GAZ)), torch.ones(b, s, dtype=torch.long))
    axes = {n: {0: "batch", 1: "seq"} for n in INPUTS}
    axes["logits"] = {0: "batch", 1: "seq"}
    torch.onnx.export(model, dummy, sys.argv[2], input_names=INPUTS, output_names=["logits"], dynamic_axes=axes,
                      opset_version=17, do_constant_folding=True)
    if len(sys.argv) > 3:
        crf = None
        if ck.get("crf"):
            c = CRF(ck["labels"])
            c.load_state_dict(ck["crf"])
            tr, st, en = (x.detach() for x in c.scores())
            crf = {"transitions": [[round(float(v), 5) for v in row] for row in tr], "start": [round(float(v), 5) for v in st],
                   "end": [round(float(v), 5) for v in en]}
        with open(sys.argv[3], "w") as f:
            json.dump({"labels": ck["labels"], "crf": crf}, f)
    print(f"exported epoch {ck['epoch']} to {sys.argv[2]}")


if __name__ == "__main__":
    main()

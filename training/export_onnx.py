"""Export a checkpoint to ONNX (opset 17, dynamic batch and sequence axes).

    python3 export_onnx.py CKPT OUT.onnx
Inputs (all padded with 0):
  word_ids int64 [batch, seq], shape_ids int64 [batch, seq], char_ids int64 [batch, seq, 16],
  gazetteers float32 [batch, seq, 8], attention_mask int64 [batch, seq]
Output: logits float32 [batch, seq, n_labels] (softmax per token at serving; no CRF)."""
import sys

import torch

import phi_features as pf
from model import PhiNer

INPUTS = ["word_ids", "shape_ids", "char_ids", "gazetteers", "attention_mask"]


def main():
    ck = torch.load(sys.argv[1], map_location="cpu")
    model = PhiNer(ck["n_words"], ck["n_chars"], len(ck["labels"]), **ck["hp"])
    model.load_state_dict(ck["model"])
    model.eval()
    b, s = 2, 7
    dummy = (torch.randint(1, 100, (b, s)), torch.randint(1, 9, (b, s)), torch.randint(0, 50, (b, s, pf.MAX_CHARS)),
             torch.zeros(b, s, pf.N_GAZ), torch.ones(b, s, dtype=torch.long))
    axes = {n: {0: "batch", 1: "seq"} for n in INPUTS}
    axes["logits"] = {0: "batch", 1: "seq"}
    torch.onnx.export(model, dummy, sys.argv[2], input_names=INPUTS, output_names=["logits"], dynamic_axes=axes,
                      opset_version=17, do_constant_folding=True)
    print(f"exported epoch {ck['epoch']} to {sys.argv[2]}")


if __name__ == "__main__":
    main()

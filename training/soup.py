"""Weight average ("model soup") of checkpoints fine-tuned from one initialisation.

    /usr/bin/python3 soup.py OUT.pt A.pt B.pt [C.pt ...]
Every floating tensor of the encoder ("model") and of the CRF is the mean over the inputs; the rest (hp, labels,
vocabulary sizes, init) is taken from A and must agree. Meaningful only for runs that start from the same weights:
here, tagging runs that differ only in --seed after the same --init (the seed then changes data order, per-epoch
subsampling, casing augmentation and dropout, not the starting point). The soup's dev scores are not recomputed:
evaluate it like any checkpoint (export_onnx.py, evaluate.py)."""
import hashlib
import os
import sys

import torch


def init_id(ck):
    """The initial checkpoint a run started from: its content hash when the file is here (work dirs that hard-link
    one pre-trained encoder name it by different paths), else its recorded path."""
    init = ck.get("init") or ""
    if init and os.path.exists(init):
        return hashlib.sha256(open(init, "rb").read()).hexdigest()
    return init


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    if len(paths) < 2:
        sys.exit(__doc__)
    cks = [torch.load(p, map_location="cpu") for p in paths]
    first = cks[0]
    for p, ck in zip(paths[1:], cks[1:]):
        for k in ("hp", "labels", "n_words", "n_chars"):
            if ck.get(k) != first.get(k):
                sys.exit(f"{p}: {k} differs from {paths[0]}: not a soup of one initialisation")
        if init_id(ck) != init_id(first):
            sys.exit(f"{p}: started from another checkpoint than {paths[0]}: not a soup of one initialisation")
    soup = dict(first)
    for part in ("model", "crf"):
        if not first.get(part):
            continue
        soup[part] = {k: (sum(ck[part][k] for ck in cks) / len(cks)) if v.is_floating_point() else v
                      for k, v in first[part].items()}
    soup.update(epoch=f"soup of {len(cks)}: " + ", ".join(str(ck["epoch"]) for ck in cks), metrics=None,
                selection=None, sources=paths)
    torch.save(soup, out)
    print(f"{out}: mean of {len(cks)} checkpoints")


if __name__ == "__main__":
    main()

"""Run the shipping chain of build.sh on a tiny random PhiNer, for test/training/export-chain.test.ts.

    python3 tests/make_export_chain.py OUT_DIR     (from training/)
Featurizer phi-word-v2 (PHI_FEATURIZER=phi-word-v2; the shipped v1 has its own parity fixture). Saves a checkpoint as train.py does, then runs the same scripts build.sh runs: export_onnx.py (fp32 + decoder.json),
quantize.py (int8), fold_char_conv.py (both), package_model.py (the int8 folded file, into OUT_DIR/pkg). Writes OUT_DIR/cases.json: ragged inputs, torch's logits for them and
the path torch's Viterbi (model.viterbi with the CRF's scores) decodes, so that the test can check what
onnxruntime-node and the gateway's decoder make of each exported file."""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, HERE)

import phi_features as pf  # noqa: E402
from model import CRF, PhiNer, viterbi  # noqa: E402
from prepare_data import LABELS  # noqa: E402

FEATURIZER = "phi-word-v2"  # the gazetteer flags plus the document flags (v1 is the shipped model's, tested there)
N_FLAGS = pf.N_GAZ + pf.N_DOC
HP = dict(d=32, layers=2, heads=2, ffn=64, word_dim=100, char_dim=8, char_filters=12, shape_dim=16, max_pos=64,
          dropout=0.1, flags=N_FLAGS)
N_WORDS, N_CHARS = 1200, 60  # 120,000 embedding weights: above quantize.py's threshold for an int8 table


def run_script(script, *args):
    r = subprocess.run([sys.executable, os.path.join(HERE, script), *args], cwd=HERE, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"{script} failed:\n{r.stderr}")


def package(out):
    """package_model.py on the int8 folded file, as build.sh's last step, from a work dir of small resources:
    OUT_DIR/pkg (with its own parity fixture, pkg/parity.json)."""
    work = os.path.join(out, "work")
    os.makedirs(os.path.join(work, "model"), exist_ok=True)
    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    words = ["dr", "maria", "gonzalez", "saw", "the", "patient", "at", "boston", "general", "hospital", "in", "chicago"]
    vocab = ["<pad>", "<unk>"] + words + [f"w{i}" for i in range(N_WORDS - 2 - len(words))]
    chars = ["<pad>", "<unk>"] + sorted(set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,'-"))[:N_CHARS - 2]
    gaz = {name: [] for name in pf.GAZ_NAMES}
    gaz.update(first_name=["maria"], surname=["gonzalez"], city=["chicago", "boston"], title=["dr"],
               org_word=["hospital", "general hospital"])
    with open(os.path.join(work, "model", "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab))
    with open(os.path.join(work, "model", "chars.json"), "w", encoding="utf-8") as f:
        json.dump(chars, f)
    with open(os.path.join(work, "model", "gazetteers.json"), "w", encoding="utf-8") as f:
        json.dump(gaz, f)
    with open(os.path.join(work, "model", "featurizer.txt"), "w", encoding="utf-8") as f:
        f.write(FEATURIZER + "\n")
    with open(os.path.join(work, "data", "max_seq.txt"), "w") as f:
        f.write("64\n")
    shutil.copyfile(os.path.join(out, "decoder.json"), os.path.join(work, "decoder.json"))
    pkg = os.path.join(out, "pkg")
    run_script("package_model.py", work, os.path.join(out, "int8.folded.onnx"), pkg, "--version", "0.0.0-test",
               "--window", "56", "--fixture", os.path.join(pkg, "parity.json"))


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(11)
    model = PhiNer(N_WORDS, N_CHARS, len(LABELS), **HP).eval()
    crf = CRF(LABELS)
    with torch.no_grad():
        for p in model.parameters():  # larger than init, so that int8 rounding meets realistic activations
            p.add_(torch.randn_like(p) * 0.05)
        for emb in (model.word, model.shape, model.char):  # padding rows stay zero, as training keeps them
            emb.weight[0].zero_()
        crf.trans.normal_(0, 1)
        crf.start.normal_(0, 1)
        crf.end.normal_(0, 1)
    ckpt = os.path.join(out, "tiny.pt")
    torch.save({"model": model.state_dict(), "hp": HP, "n_words": N_WORDS, "n_chars": N_CHARS, "labels": LABELS,
                "epoch": 1, "init": None, "crf": crf.state_dict()}, ckpt)
    run_script("export_onnx.py", ckpt, os.path.join(out, "fp32.onnx"), os.path.join(out, "decoder.json"))
    run_script("quantize.py", os.path.join(out, "fp32.onnx"), os.path.join(out, "int8.onnx"))
    run_script("fold_char_conv.py", os.path.join(out, "fp32.onnx"), os.path.join(out, "fp32.folded.onnx"))
    run_script("fold_char_conv.py", os.path.join(out, "int8.onnx"), os.path.join(out, "int8.folded.onnx"))

    package(out)

    rng = np.random.default_rng(12)
    lengths = [23, 9, 16]
    b, s = len(lengths), max(lengths)
    mask = np.array([[t < n for t in range(s)] for n in lengths], np.int64)
    chars = rng.integers(2, N_CHARS, (b, s, pf.MAX_CHARS))
    word_len = rng.integers(1, pf.MAX_CHARS + 1, (b, s))
    chars[np.arange(pf.MAX_CHARS)[None, None, :] >= word_len[:, :, None]] = 0  # each token's chars, then padding
    feeds = {
        "word_ids": rng.integers(1, N_WORDS, (b, s)) * mask,
        "shape_ids": rng.integers(1, len(pf.SHAPES), (b, s)) * mask,
        "char_ids": chars * mask[:, :, None],
        "gazetteers": ((rng.random((b, s, N_FLAGS)) < 0.2) * mask[:, :, None]).astype(np.float32),
        "attention_mask": mask,
    }
    with torch.no_grad():
        logits = model(*(torch.as_tensor(feeds[k]) for k in ("word_ids", "shape_ids", "char_ids", "gazetteers",
                                                               "attention_mask"))).numpy()
    tr, st, en = (x.detach().numpy().astype(np.float64) for x in crf.scores())
    paths = [viterbi(logits[i, :n].astype(np.float64), tr, st, en) for i, n in enumerate(lengths)]
    cases = {"lengths": lengths, "feeds": {k: v.tolist() for k, v in feeds.items()},
             "logits": logits.tolist(), "paths": paths}
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(cases, f)


if __name__ == "__main__":
    main(sys.argv[1])

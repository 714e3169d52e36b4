"""Assemble models/phi-ner-small: model.onnx, config.json, vocab.txt, chars.json, gazetteers.json, and refresh the
TypeScript parity fixture.

    python3 package_model.py WORK_DIR MODEL.onnx OUT_DIR [--version V] [--window N] [--no-fold-unknown]
                             [--fixture test/fixtures/phi-ner-small-parity.json]

The packaged featurizer reads a word that the vocabulary lacks and that has a character training never saw by its
diacritic-free form (phi_word.fold_unknown, phi_features.Featurizer: "Nguyễn" as "Nguyen"); --no-fold-unknown leaves
such words unknown, as training read them.
"""
import json
import os
import shutil
import subprocess
import sys

import phi_features as pf
from prepare_data import LABELS, training_max_seq

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    work, onnx_path, out = sys.argv[1:4]
    version = sys.argv[sys.argv.index("--version") + 1] if "--version" in sys.argv else "0.1.0"
    os.makedirs(out, exist_ok=True)
    if os.path.abspath(onnx_path) != os.path.abspath(os.path.join(out, "model.onnx")):
        shutil.copyfile(onnx_path, os.path.join(out, "model.onnx"))
    for f in ("vocab.txt", "chars.json", "gazetteers.json"):
        shutil.copyfile(os.path.join(work, "model", f), os.path.join(out, f))
    max_seq = training_max_seq(work)
    # the runtime's window (config max_length): at most the training length, less where late positions were
    # seldom trained (build.sh: --window)
    window = int(sys.argv[sys.argv.index("--window") + 1]) if "--window" in sys.argv else max_seq
    assert 8 <= window <= max_seq, "--window: between 8 and the training sequence length"
    fz = pf.Featurizer.load(os.path.join(work, "model"))
    config = {
        "name": "phi-ner-small",
        "version": version,
        "phi_featurizer": fz.name,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
        "max_length": window,
        "entity_map": {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION", "MISC": None},
        "inputs": {
            "word_ids": {"type": "int64", "shape": ["batch", "seq"]},
            "shape_ids": {"type": "int64", "shape": ["batch", "seq"]},
            "char_ids": {"type": "int64", "shape": ["batch", "seq", pf.MAX_CHARS]},
            "gazetteers": {"type": "float32", "shape": ["batch", "seq", fz.n_flags]},
            "attention_mask": {"type": "int64", "shape": ["batch", "seq"]},
        },
        "outputs": {"logits": {"type": "float32", "shape": ["batch", "seq", len(LABELS)]}},
        "phi_word": {
            "vocab_file": "vocab.txt",
            "chars_file": "chars.json",
            "gazetteers_file": "gazetteers.json",
            "max_chars": pf.MAX_CHARS,
            "max_gazetteer_span": pf.MAX_SPAN,
            "gazetteers": pf.GAZ_NAMES,
            **({"document_flags": pf.DOC_FLAGS} if fz.doc else {}),
            "fold_unknown": "--no-fold-unknown" not in sys.argv,
        },
    }
    decoder = os.path.join(work, "decoder.json")
    if os.path.exists(decoder):
        crf = json.load(open(decoder))["crf"]
        if crf:
            config["crf"] = crf  # the runtime decodes with Viterbi over these plus the BIO constraints
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    fixture = sys.argv[sys.argv.index("--fixture") + 1] if "--fixture" in sys.argv else \
        os.path.join(HERE, "..", "test", "fixtures", "phi-ner-small-parity.json")
    subprocess.run([sys.executable, os.path.join(HERE, "make_parity_fixture.py"), out, fixture], check=True)
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"packaged {out}: {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

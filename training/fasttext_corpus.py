"""Write the fastText pre-training corpus: every unlabeled text in ../shared/data/unlabeled plus the tokens of the
labeled training corpora, pre-tokenized and normalized exactly like phi-word-v1 (one paragraph per line)."""
import glob
import os
import sys

import phi_features as pf

DATA = os.environ.get("PHI_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))


def main(out_path, no_conll=False):
    files = sorted(glob.glob(os.path.join(DATA, "unlabeled", "*", "*.txt")))
    if no_conll:
        # Reuters text is research-use only, like CoNLL-2003
        files = [f for f in files if "reuters21578" not in f]
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for f in files:
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    toks = [pf.normalize(t) for _, _, t in pf.tokenize(line)]
                    if toks:
                        out.write(" ".join(toks) + "\n")
                        n += len(toks)
        labeled = [("wnut17/wnut17train.conll", "\t"), ("btc/btc.train", "\t"), ("wikigold/wikigold.conll.txt", " ")]
        if not no_conll:
            labeled.append(("conll2003/eng.train", " "))
        for rel, _ in labeled:
            sent = []
            with open(os.path.join(DATA, rel), encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if not line or line.startswith("-DOCSTART-"):
                        if sent:
                            out.write(" ".join(sent) + "\n")
                            n += len(sent)
                            sent = []
                        continue
                    tok = line.split()[0]
                    sent.extend(pf.normalize(t) for t in pf.split_token(tok))
            if sent:
                out.write(" ".join(sent) + "\n")
    print(f"wrote {n} tokens to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], no_conll="--no-conll" in sys.argv)

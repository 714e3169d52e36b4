"""Silver data for self-training: unlabeled news documents labelled by the stage-1 model as the gateway runs it.

    python3 silver.py select WORK_DIR [--seed 13] [--no-conll]   -> WORK_DIR/silver/in.jsonl
    node silver_label.js MODEL_DIR WORK_DIR/silver/in.jsonl WORK_DIR/silver/out.jsonl
    python3 silver.py pack WORK_DIR                                -> WORK_DIR/data/silver.json

The labeller runs the whole document through the NER detector and then the gateway's PERSON mention propagation
and name retyping, so a surname met alone far from the full name is labelled PER like the full name. Training on
these labels (train.py --silver) distils those document-level decisions into the model itself.
Sources (../shared/data/unlabeled): Reuters-21578 (newswire, the house style of CoNLL-2003, research use only),
ABC rural/science news and the Penn Treebank WSJ sample (non-commercial); --no-conll uses ABC only.
"""
import json
import os
import random
import sys

import phi_features as pf
from prepare_data import DATA, pack_sentences, training_max_seq, unlabeled_documents

SOURCES = {  # file under unlabeled/ -> share of its documents drawn
    "reuters21578/reuters21578.txt": 0.4,
    "abc/abc.txt": 0.5,
    "ptb_wsj_sample/ptb_wsj_sample.txt": 1.0,
}
RESEARCH_ONLY = ("reuters21578/reuters21578.txt", "ptb_wsj_sample/ptb_wsj_sample.txt")


def select(work, seed, no_conll):
    rng = random.Random(seed)
    os.makedirs(os.path.join(work, "silver"), exist_ok=True)
    chosen = []
    for name, share in SOURCES.items():
        if no_conll and name in RESEARCH_ONLY:
            continue
        docs = [d for d in unlabeled_documents(os.path.join(DATA, "unlabeled", name)) if 20 <= len(d.split()) <= 1500]
        picked = [d for d in docs if rng.random() < share]
        print(f"{name}: {len(picked)} of {len(docs)} documents", file=sys.stderr)
        chosen += picked
    with open(os.path.join(work, "silver", "in.jsonl"), "w", encoding="utf-8") as f:
        for d in chosen:
            f.write(json.dumps({"text": d}, ensure_ascii=False) + "\n")


def tagged_lines(text, spans):
    """(tokens, BIO tags) per line of one document; spans are UTF-16 [start, end, type, score]."""
    lines, cur_t, cur_l = [], [], []
    u16_nl, u16 = [], 0
    for ch in text:  # UTF-16 offsets of the line breaks
        if ch == "\n":
            u16_nl.append(u16)
        u16 += 2 if ord(ch) > 0xFFFF else 1
    spans = sorted(spans)
    line = 0
    for s, e, tok in pf.tokenize(text):
        while line < len(u16_nl) and s > u16_nl[line]:
            if cur_t:
                lines.append((cur_t, cur_l))
            cur_t, cur_l = [], []
            line += 1
        tag = "O"
        for a, b, typ, *_ in spans:
            if s >= a and e <= b:
                tag = ("B-" if s == a else "I-") + typ
                break
        if tag.startswith("I-") and (not cur_l or cur_l[-1] == "O" or cur_l[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]  # a span that started on the previous line
        cur_t.append(tok)
        cur_l.append(tag)
    if cur_t:
        lines.append((cur_t, cur_l))
    return lines


def pack(work):
    docs = []
    with open(os.path.join(work, "silver", "out.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append(tagged_lines(d["text"], d["spans"]))
    seqs = pack_sentences(docs, training_max_seq(work), source="silver")
    with open(os.path.join(work, "data", "silver.json"), "w", encoding="utf-8") as f:
        json.dump(seqs, f, ensure_ascii=False)
    ntok = sum(len(s["tokens"]) for s in seqs)
    ents = sum(t.startswith("B-") for s in seqs for t in s["tags"])
    print(f"silver: {len(seqs)} sequences, {ntok} tokens, {ents} entities", file=sys.stderr)


def main():
    cmd, work = sys.argv[1], sys.argv[2]
    if cmd == "select":
        n = sys.argv.index("--seed") + 1 if "--seed" in sys.argv else None
        select(work, int(sys.argv[n]) if n else 13, "--no-conll" in sys.argv)
    elif cmd == "pack":
        pack(work)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

"""Do the synthetic held-out split and the bias set name anyone the training split names?

    python3 heldout_overlap.py SYNTH_DIR [--model MODEL_DIR WORK_DIR] [--write-unseen OUT.jsonl]
        [--write-unseen-heldout OUT.jsonl]
SYNTH_DIR is synth.py's output. A held-out person span "overlaps" when one of its name keys (synth.name_keys: lower
case, accents removed, particles such as al- or van dropped) is a key of a person span in synth_train.jsonl. Prints
the share of overlapping spans per set and origin. With --model, also PERSON recall of that packaged model
(onnxruntime-node, the gateway's Viterbi; needs npm run build) on all spans and on the spans that do not overlap;
WORK_DIR holds the intermediate feature and prediction files. With --write-unseen, writes the bias set without the
person spans that overlap (persons are scored by recall only, so a model compared on that file is scored on names its
training never saw: compare_models.js bias:OUT.jsonl). With --write-unseen-heldout, writes the held-out documents none
of whose persons overlap, whole (every span kept, so precision and micro F1 stay meaningful: jsonl:OUT.jsonl)."""
import collections
import json
import os
import sys

import phi_features as pf
from evaluate import run_model
from evaluate_lib import recall_gap_interval, spans as bio_spans
from prepare_data import LABELS, utf16_offsets
from synth import name_keys


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def person_keys(doc, span):
    return set(name_keys(doc["text"][span[0]:span[1]]))


def training_keys(synth_dir):
    keys = set()
    for d in read(os.path.join(synth_dir, "synth_train.jsonl")):
        for sp in d["spans"]:
            if sp[2] == "PER":
                keys |= person_keys(d, sp)
    return keys


def unseen_bias(docs, seen):
    """The bias documents without the person spans that share a name key with training (recall reads only the rest)."""
    return [{**d, "spans": [sp for sp in d["spans"] if sp[2] != "PER" or not (person_keys(d, sp) & seen)]} for d in docs]


def unseen_heldout(docs, seen):
    """The held-out documents none of whose persons shares a name key with training, whole."""
    return [d for d in docs if not any(sp[2] == "PER" and person_keys(d, sp) & seen for sp in d["spans"])]


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def overlap_report(name, docs, seen):
    """Per origin: (person spans, spans with a key seen in training). Scored persons: bias.jsonl scores only the
    document's origin (as evaluate.py does)."""
    out = collections.defaultdict(lambda: [0, 0])
    for d in docs:
        for sp in d["spans"]:
            if sp[2] != "PER" or ("origin" in d and sp[3] != d["origin"]):
                continue
            row = out[sp[3]]
            row[0] += 1
            row[1] += bool(person_keys(d, sp) & seen)
    total = [sum(v[i] for v in out.values()) for i in (0, 1)]
    print(f"{name}: {total[1]} of {total[0]} person spans ({total[1] / max(total[0], 1):.1%}) share a name key with "
          f"the training split; by origin: " + ", ".join(f"{o} {v[1]}/{v[0]}" for o, v in sorted(out.items())))
    return out


def recall(model_dir, work, name, docs, seen):
    """PERSON recall per origin on all scored spans and on those without a seen key."""
    fz = pf.Featurizer.load(model_dir)
    cfg = json.load(open(os.path.join(model_dir, "config.json"), encoding="utf-8"))
    labels = [cfg["id2label"][str(i)] for i in range(len(cfg["id2label"]))]
    assert labels == LABELS, labels
    os.makedirs(work, exist_ok=True)
    decoder = os.path.join(work, "decoder.json")
    with open(decoder, "w") as f:
        json.dump({"labels": labels, "crf": cfg.get("crf")}, f)
    rows, items = [], []
    for d in docs:
        scored = [sp for sp in d["spans"] if sp[2] == "PER" and ("origin" not in d or sp[3] == d["origin"])]
        toks = pf.tokenize(d["text"])
        f = fz.encode([t for _, _, t in toks])
        rows.append({k: f[k] for k in ("word_ids", "shape_ids", "char_ids", "gazetteers")})
        # gold spans as token index ranges, each flagged: does it share a key with training?
        u16 = utf16_offsets(d["text"])
        gold = []
        for sp in scored:
            inside = [i for i, (s, e, _) in enumerate(toks) if s >= u16[sp[0]] and e <= u16[sp[1]]]
            gold.append((inside[0], inside[-1] + 1, bool(person_keys(d, sp) & seen), sp[3]))
        items.append(gold)
    feats = os.path.join(work, f"{name}.feats.json")
    with open(feats, "w") as f:
        json.dump(rows, f)
    preds = run_model(os.path.join(model_dir, "model.onnx"), feats, os.path.join(work, f"{name}.pred.json"), decoder)
    hit = collections.defaultdict(lambda: collections.Counter())
    unseen_docs = collections.defaultdict(list)  # origin -> [(found, gold)] per document, spans without a training key
    for gold, p in zip(items, preds):
        found = {(a, b) for a, b, t in bio_spans(p) if t == "PER"}
        per_doc = collections.defaultdict(lambda: [0, 0])
        for a, b, overlaps, origin in gold:
            for group in ("all", "seen" if overlaps else "unseen"):
                hit[origin][group + "_n"] += 1
                hit[origin][group + "_tp"] += (a, b) in found
            if not overlaps:
                per_doc[origin][0] += (a, b) in found
                per_doc[origin][1] += 1
        for origin, pair in per_doc.items():
            unseen_docs[origin].append(tuple(pair))
    print(f"{name}: PERSON recall, all spans / spans without a training key (n):")
    for origin, c in sorted(hit.items()):
        print(f"  {origin:12s} {c['all_tp'] / c['all_n']:.3f} ({c['all_n']}) / "
              f"{c['unseen_tp'] / max(c['unseen_n'], 1):.3f} ({c['unseen_n']})")
    if len(unseen_docs) > 1:
        rec = {o: c["unseen_tp"] / c["unseen_n"] for o, c in hit.items() if c["unseen_n"]}
        (low, high), lowest = recall_gap_interval(unseen_docs)
        print(f"  gap on spans without a training key: {100 * (max(rec.values()) - min(rec.values())):.1f} points "
              f"(95 % interval over documents {100 * low:.1f}-{100 * high:.1f}); lowest in the resamples: "
              + ", ".join(f"{o} {v:.0%}" for o, v in sorted(lowest.items(), key=lambda kv: -kv[1]) if v >= 0.05))
    return hit


def main():
    synth_dir = sys.argv[1]
    seen = training_keys(synth_dir)
    sets = {"held-out": read(os.path.join(synth_dir, "synth_heldout.jsonl")),
            "bias": read(os.path.join(synth_dir, "bias.jsonl"))}
    for name, docs in sets.items():
        overlap_report(name, docs, seen)
    if "--write-unseen" in sys.argv:
        write_jsonl(sys.argv[sys.argv.index("--write-unseen") + 1], unseen_bias(sets["bias"], seen))
    if "--write-unseen-heldout" in sys.argv:
        kept = unseen_heldout(sets["held-out"], seen)
        write_jsonl(sys.argv[sys.argv.index("--write-unseen-heldout") + 1], kept)
        print(f"held-out documents without a person named in training: {len(kept)} of {len(sets['held-out'])}")
    if "--model" in sys.argv:
        i = sys.argv.index("--model")
        for name, docs in sets.items():
            recall(sys.argv[i + 1], sys.argv[i + 2], name, docs, seen)


if __name__ == "__main__":
    main()

"""Evaluate ONNX models with onnxruntime-node on every dev set, the held-out synthetic split and the bias set.

    python3 evaluate.py WORK_DIR OUT.json NAME=MODEL.onnx [NAME=MODEL.onnx ...]
Writes per model: per dev set per type P/R/F1 (strict span match), PERSON recall per name origin (bias check),
throughput (tokens/s, batch 1, 128 tokens, 2 threads)."""
import json
import os
import subprocess
import sys

import phi_features as pf
from evaluate_lib import recall_gap_interval, score, score_conlleval, spans


def drop_at_mentions(tokens, tags):
    """BTC labels @-mentions as entities; the other corpora do not. Blank spans that start with '@'."""
    out = list(tags)
    for s, e, _ in spans(tags):
        if tokens[s] == "@":
            out[s:e] = ["O"] * (e - s)
    return out
from prepare_data import LABELS

HERE = os.path.dirname(os.path.abspath(__file__))


def feats_file(work, fz, name, seqs):
    """The set's encoded features, cached under the featurizer's fingerprint: a work folder whose vocabulary was
    rebuilt (another PHI_VOCAB) or a model from elsewhere never reads features encoded with other resources."""
    path = os.path.join(work, "eval", f"{name}.{fz.fingerprint}.feats.json")
    if not os.path.exists(path):
        rows = []
        for s in seqs:
            f = fz.encode(s["tokens"], s.get("docf"))
            rows.append({k: f[k] for k in ("word_ids", "shape_ids", "char_ids", "gazetteers")})
        with open(path, "w") as fh:
            json.dump(rows, fh)
    return path


def run_model(onnx_path, feats_path, out_path, decoder=None):
    extra = [decoder] if decoder else []
    subprocess.run(["node", os.path.join(HERE, "onnx_tool.js"), "predict", onnx_path, feats_path, out_path] + extra,
                   check=True)
    with open(out_path) as f:
        return [[LABELS[i] for i in row] for row in json.load(f)]


def main():
    work, out = sys.argv[1], sys.argv[2]
    models = dict(a.split("=", 1) for a in sys.argv[3:])
    decoder = os.path.join(work, "decoder.json")  # written by export_onnx.py; decoding as served (Viterbi [+ CRF])
    decoder = decoder if os.path.exists(decoder) else None
    os.makedirs(os.path.join(work, "eval"), exist_ok=True)
    fz = pf.Featurizer.load(os.path.join(work, "model"))
    sets = {}
    for name in ("conll", "wnut17", "btc", "wikigold", "synth"):
        p = os.path.join(work, "data", f"dev.{name}.json")
        if os.path.exists(p):
            sets[name] = json.load(open(p, encoding="utf-8"))
    if "conll" in sets:  # casing robustness: the same dev set in ALL CAPS and in lower case
        for name, fn in (("conll_upper", str.upper), ("conll_lower", str.lower)):
            # (document flags, phi-word-v2, computed again: a whole text in one case has none)
            sets[name] = [dict(s, tokens=[fn(t) if len(fn(t)) == len(t) else t for t in s["tokens"]], docf=None)
                          for s in sets["conll"]]
    bias = json.load(open(os.path.join(work, "data", "bias.json"), encoding="utf-8"))
    results = {}
    for mname, path in models.items():
        # dev: spans of pieces matched across each packed sequence; dev_conlleval: the CoNLL protocol (corpus tokens,
        # sentence by sentence), for sets whose data record their layout (prepare_data.py; --dev-only for old work dirs)
        r = {"file": os.path.basename(path), "bytes": os.path.getsize(path), "dev": {}, "dev_conlleval": {}, "bias": {}}
        for name, seqs in sets.items():
            preds = run_model(path, feats_file(work, fz, "dev." + name, seqs), os.path.join(work, "eval", f"{mname}.{name}.pred.json"),
                              decoder)
            variants = {name: ([s["tags"] for s in seqs], preds)}
            if name == "btc":
                variants["btc_no_at"] = ([drop_at_mentions(s["tokens"], s["tags"]) for s in seqs],
                                         [drop_at_mentions(s["tokens"], p) for s, p in zip(seqs, preds)])
            for vname, (gold, pred) in variants.items():
                r["dev"][vname] = score(gold, pred)
                if "sents" in seqs[0]:
                    r["dev_conlleval"][vname] = score_conlleval(seqs, gold, pred)
            print(mname, name, json.dumps({k: round(v["f1"], 4) for k, v in r["dev"][name].items()}),
                  "conlleval", json.dumps({k: round(v["f1"], 4) for k, v in r["dev_conlleval"].get(name, {}).items()}),
                  flush=True)
        preds = run_model(path, feats_file(work, fz, "bias", bias), os.path.join(work, "eval", f"{mname}.bias.pred.json"),
                          decoder)
        for origin in sorted({s["src"] for s in bias}):
            idx = [i for i, s in enumerate(bias) if s["src"] == origin]
            sc = score([bias[i]["tags"] for i in idx], [preds[i] for i in idx])
            r["bias"][origin] = {"per_recall": sc["PER"]["r"], "per_f1": sc["PER"]["f1"], "n": sc["PER"]["support"]}
        rec = [v["per_recall"] for v in r["bias"].values()]
        r["bias_gap"] = max(rec) - min(rec)
        # how sure is that gap: documents resampled within each origin (a few hundred names of ~20 held-out name
        # tokens per hand-listed origin; which origin comes out lowest changes between resamples)
        per_doc = {}
        for s, p in zip(bias, preds):
            gold = {x for x in spans(s["tags"]) if x[2] == "PER"}
            per_doc.setdefault(s["src"], []).append((len(gold & set(spans(p))), len(gold)))
        (low, high), lowest = recall_gap_interval(per_doc)
        r["bias_gap_interval"] = [low, high]
        r["bias_lowest_share"] = lowest
        print(mname, "bias", json.dumps({k: round(v["per_recall"], 4) for k, v in r["bias"].items()}), flush=True)
        runs = []
        for _ in range(3):
            res = subprocess.run(["node", os.path.join(HERE, "onnx_tool.js"), "bench", path, "2"], check=True,
                                 capture_output=True, text=True)
            runs.append(json.loads(res.stdout.strip().split("\n")[-1])["tokens_per_s"])
        r["throughput_tokens_per_s"] = {"median": sorted(runs)[1], "runs": runs, "batch": 1, "seq": 128, "threads": 2}
        print(mname, "throughput", runs, flush=True)
        results[mname] = r
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()

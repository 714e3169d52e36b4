"""Strict span matching P/R/F1 (conlleval semantics: an I- tag that does not continue a same-type entity opens one)."""
import collections
import random


def spans(tags):
    out, start, typ = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                out.append((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def score(gold_seqs, pred_seqs, types=("PER", "LOC", "ORG", "MISC")):
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for g, p in zip(gold_seqs, pred_seqs):
        gs, ps = set(spans(g)), set(spans(p))
        for s in ps:
            (tp if s in gs else fp)[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    res = {}

    def prf(a, b, c):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": a + c}

    for t in types:
        if tp[t] + fn[t] + fp[t]:
            res[t] = prf(tp[t], fp[t], fn[t])
    core = ("PER", "LOC", "ORG")
    res["micro_PLO"] = prf(sum(tp[t] for t in core), sum(fp[t] for t in core), sum(fn[t] for t in core))
    res["micro_all"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return res


def conlleval_units(seq, tags):
    """The sentences of a packed sequence as conlleval sees them: one label per corpus token (its first piece's, as
    subword taggers are scored) and chunks that end where a sentence ends. `seq` carries the layout
    `prepare_data.pack_sentences` records (`sents`, `cont`)."""
    cont = set(seq["cont"])
    bounds = list(seq["sents"]) + [len(tags)]
    return [[tags[i] for i in range(a, b) if i not in cont] for a, b in zip(bounds, bounds[1:])]


def score_conlleval(seqs, gold_seqs, pred_seqs, types=("PER", "LOC", "ORG", "MISC")):
    """`score` under the CoNLL shared task's protocol (conlleval on the corpus's own tokens and sentences), which is how
    published CoNLL-2003 figures are computed; `score` itself matches spans of pieces across packed sentences."""
    gold, pred = [], []
    for s, g, p in zip(seqs, gold_seqs, pred_seqs):
        gold += conlleval_units(s, g)
        pred += conlleval_units(s, p)
    return score(gold, pred, types)


def recall_gap_interval(per_group, resamples=2000, seed=13, level=0.95):
    """How sure is a gap in recall between groups? per_group: {group: [(found, gold), ...]} with one pair per document.
    Resamples each group's documents with replacement (seeded) and recomputes max - min of the groups' recalls.
    Returns (low, high) of the central `level` interval and {group: share of resamples in which it was the lowest}."""
    rng = random.Random(seed)
    gaps, lowest = [], collections.Counter()
    for _ in range(resamples):
        rec = {}
        for g, docs in per_group.items():
            draw = [docs[rng.randrange(len(docs))] for _ in docs]
            gold = sum(n for _, n in draw)
            rec[g] = sum(f for f, _ in draw) / gold if gold else 0.0
        gaps.append(max(rec.values()) - min(rec.values()))
        lowest[min(rec, key=rec.get)] += 1
    gaps.sort()
    cut = int(resamples * (1 - level) / 2)
    return (gaps[cut], gaps[resamples - 1 - cut]), {g: lowest[g] / resamples for g in per_group}

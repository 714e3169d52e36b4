"""Distillation between our own models: an ensemble of tagging runs teaches one student.

    python3 silver.py select WORK_DIR                      -> WORK_DIR/silver/in.jsonl (news documents, unlabelled)
    python3 distill.py unlabeled WORK_DIR                  -> WORK_DIR/data/unlabeled.json (packed, no tags)
    python3 distill.py ensemble WORK_DIR A.pt B.pt [...]   scores the teachers alone and as an ensemble on every dev set
    python3 train.py WORK_DIR --layers 4 --crf --epochs 10 --lr 1e-3 --eval-from 6 --init WORK_DIR/mlm/mlm.pt \
        --average-from 8 --teacher A.pt,B.pt --unlabeled WORK_DIR/data/unlabeled.json      (build.sh's flags + teachers)

The teachers are combined as a product of experts: the mean of their logits and of their CRF scores (transitions,
start, end), which is what Viterbi over the ensemble decodes. What a teacher passes on is not its best path but the
CRF's posterior marginals per token (forward-backward over the mean scores): how sure the ensemble is of every label
at every token. The student learns them (cross-entropy against its own softmax, `--kd-weight`) next to the gold
labels, and from them alone on unlabelled news text, where the ensemble's knowledge of which names are people, clubs
or places is the only teacher there is. The marginals are computed once, before training, on the teachers' clean
inputs (the student's inputs get word dropout as usual).
Measured (ship_rules/0.5.0-distill.txt, the model card): teachers at CoNLL PERSON 0.943 (CoNLL protocol) give a
student of 0.938 against 0.936 without them; not in build.sh, whose 90 minutes hold neither a second pre-training
(the teacher pair that helps) nor the student's ~50 minutes.
"""
import json
import os
import random
import sys

import numpy as np
import torch

from model import load_tagger, viterbi
from prepare_data import LABELS, pack_sentences, training_max_seq


def ensemble_scores(taggers):
    """The mean (transitions, start, end) of the taggers' decoders (train.decoder_scores), as numpy arrays."""
    from train import decoder_scores
    parts = [decoder_scores(crf) for _, crf in taggers]
    return tuple(np.mean([p[k] for p in parts], axis=0).astype(np.float32) for k in range(3))


def ensemble_logits(taggers, items):
    """Per item, the mean of the taggers' logits [len, n_labels]."""
    from train import logits_of
    return mean_logits([logits_of(model, items) for model, _ in taggers])


def mean_logits(per):
    """Per item, the mean over taggers of per[tagger][item] (logits [len, n_labels])."""
    return [np.mean([p[i] for p in per], axis=0) for i in range(len(per[0]))]


def crf_marginals(em, mask, trans, start, end):
    """Posterior marginals p(tag_t = j | sequence) of a linear-chain CRF, by forward-backward in log space, for a
    padded batch: em [b, s, n] emission scores, mask [b, s] (real tokens a prefix of each row), trans [n, n]
    (prev, cur), start and end [n]. Returns [b, s, n]; each real token's row sums to 1 (padding rows: undefined)."""
    f64 = dict(dtype=torch.float64)
    em, trans = torch.as_tensor(em, **f64), torch.as_tensor(trans, **f64)
    start, end = torch.as_tensor(start, **f64), torch.as_tensor(end, **f64)
    real = torch.as_tensor(mask).bool()
    b, s, n = em.shape
    alpha = torch.empty(b, s, n, **f64)
    beta = torch.empty(b, s, n, **f64)
    alpha[:, 0] = start + em[:, 0]
    for t in range(1, s):
        alpha[:, t] = torch.logsumexp(alpha[:, t - 1].unsqueeze(2) + trans, dim=1) + em[:, t]
    beta[:, s - 1] = end
    for t in range(s - 2, -1, -1):  # a row's last real token gets `end`, like the padded tail after it
        nxt = torch.logsumexp(trans.unsqueeze(0) + (em[:, t + 1] + beta[:, t + 1]).unsqueeze(1), dim=2)
        beta[:, t] = torch.where(real[:, t + 1].unsqueeze(1), nxt, end.expand(b, n))
    return torch.softmax(alpha + beta, dim=2).numpy().astype(np.float32)


def add_soft_labels(taggers, items, batch=256):
    """Store the ensemble's marginals in each item as item["soft"] [len, n_labels] (float32)."""
    scores = ensemble_scores(taggers)
    logits = ensemble_logits(taggers, items)
    order = sorted(range(len(items)), key=lambda i: len(logits[i]))
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        s = max(len(logits[i]) for i in idx)
        em = np.zeros((len(idx), s, logits[idx[0]].shape[1]), np.float32)
        mask = np.zeros((len(idx), s), bool)
        for r, i in enumerate(idx):
            em[r, : len(logits[i])] = logits[i]
            mask[r, : len(logits[i])] = True
        post = crf_marginals(em, mask, *scores)
        for r, i in enumerate(idx):
            items[i]["soft"] = post[r, : len(logits[i])]


def pack_unlabeled(work, max_tokens=1_000_000, seed=13):
    """WORK/silver/in.jsonl (silver.py select) -> WORK/data/unlabeled.json: a seeded draw of its documents up to
    about max_tokens tokens, pre-tokenized like the serving featurizer, lines as sentences, packed like the training
    data. The tags (all O) are dropped: nothing but the teachers' marginals is learned from these sequences."""
    from silver import tagged_lines
    with open(os.path.join(work, "silver", "in.jsonl"), encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    random.Random(seed).shuffle(texts)
    docs, ntok = [], 0
    for text in texts:
        if ntok >= max_tokens:
            break
        docs.append(tagged_lines(text, []))
        ntok += sum(len(toks) for toks, _ in docs[-1])
    seqs = pack_sentences(docs, training_max_seq(work), source="unlabeled")
    for s in seqs:
        del s["tags"]
    with open(os.path.join(work, "data", "unlabeled.json"), "w", encoding="utf-8") as f:
        json.dump(seqs, f, ensure_ascii=False)
    print(f"unlabeled: {len(seqs)} sequences, {sum(len(s['tokens']) for s in seqs)} tokens", file=sys.stderr)


def score_ensemble(work, paths):
    """Each teacher alone and all of them as an ensemble, on every dev set (strict spans; CoNLL protocol too)."""
    import phi_features as pf
    from evaluate_lib import score, score_conlleval
    from train import load_dev, logits_of
    torch.set_num_threads(1)
    fz = pf.Featurizer.load(os.path.join(work, "model"))
    taggers = [load_tagger(p) for p in paths]
    groups = [([i], p) for i, p in enumerate(paths)] + [(list(range(len(paths))), "ensemble")]
    for name, (seqs, items) in load_dev(work, fz).items():
        gold = [s["tags"] for s in seqs]
        per = [logits_of(model, items) for model, _ in taggers]  # once per tagger, shared by every group
        for group, label in groups:
            sc = ensemble_scores([taggers[i] for i in group])
            pred = [[LABELS[k] for k in viterbi(em, *sc)] for em in mean_logits([per[i] for i in group])]
            r = score(gold, pred)
            line = f"{name:9s} {label:32s} PER/LOC/ORG {r['micro_PLO']['f1']:.4f} PER {r.get('PER', {}).get('f1', 0):.4f}"
            if seqs and "sents" in seqs[0]:
                c = score_conlleval(seqs, gold, pred)
                line += f" | CoNLL protocol {c['micro_PLO']['f1']:.4f} PER {c.get('PER', {}).get('f1', 0):.4f}"
            print(line, flush=True)


def main():
    cmd, work = sys.argv[1], sys.argv[2]
    if cmd == "unlabeled":
        pack_unlabeled(work)
    elif cmd == "ensemble":
        score_ensemble(work, sys.argv[3:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

"""Train phi-ner-small.

    OPENBLAS_NUM_THREADS=2 python3 train.py WORK_DIR [--epochs 12] [--seed 13] [--layers 4] [--crf] [--eval-from 6]
        [--lr 1e-3] [--init CKPT --out DIR] [--no-conll] [--silver FILE [--silver-tokens 200000]] [--select conll,synth]
        [--teacher A.pt,B.pt [--kd-weight 1.0] [--unlabeled FILE [--unlabeled-tokens 300000]]]
reads WORK_DIR/data/*.json, WORK_DIR/model/{vocab.txt,chars.json,gazetteers.json}, WORK_DIR/ft.bin (optional);
writes WORK_DIR/ckpt/{last,best}.pt and logs per-epoch metrics on every dev set.
--select: the checkpoint kept is the best by the mean PER/LOC/ORG F1 of these dev sets (default conll; with
--no-conll, every dev set but CoNLL). Every other dev set is also a reported held-out set (the synthetic one is built
from unseen templates): selecting on it makes its score optimistic, so build.sh keeps the default.
--silver: machine-labelled sequences (silver.py) added to every epoch, a fresh draw of about --silver-tokens tokens each.
--average-from K: tail averaging. The weights (encoder and CRF) at the end of epochs K..last are averaged, scored on
the dev sets like an epoch and written to ckpt/avg.pt, which is then also best.pt: the average is the model, whatever
the per-epoch selection would have kept (it is only reported). A mean of nearby points at the end of a cosine
schedule usually sits nearer the middle of a flat region than any one of them, so scores on the sets nobody selects
on should move less with the epoch a selection happens to pick.
--teacher A.pt,B.pt: distillation (distill.py). The ensemble's CRF marginals per token are a second target next to
the gold labels (weighted by --kd-weight) and the only one on --unlabeled sequences (distill.py unlabeled), of which a
fresh draw of about --unlabeled-tokens tokens joins every epoch.
--word-dropout P (default 0.1): the share of known words a training batch replaces by the unknown word, so that the
model learns to read a word it has no vector for (28 % of CoNLL dev's person tokens) from its characters, shape,
gazetteer flags and context. The draws are the same whatever P, so two values differ only in which words drop.
--doc-flag-dropout P (default 0; phi-word-v2 only): the share of training sequences whose document flags are all set
to 0. Without it the model can learn that a capitalised word with no flag is less likely a name, since in training
most repeated names carry one; but a lone name in a tweet or a name in ALL CAPS (where the flags never fire) carries
none either. Its draws come from their own generator, so every other draw of a run is the same whatever P.
--zero-doc-flags NAME[,NAME] (phi-word-v2 only): these document flags (pf.DOC_FLAGS) get weight 0 in the input
projection, kept there through training (their gradient is masked), so the model does not read them whatever the
featurizer computes: a measurement of a featurizer without them that needs no new featurizer, export or serving code.
"""
import copy
import glob
import json
import math
import os
import random
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import phi_features as pf
from evaluate_lib import score, score_conlleval
from model import CRF, PhiNer, bio_constraints, load_tagger, viterbi
from prepare_data import LABELS

L2I = {l: i for i, l in enumerate(LABELS)}
# PHI_DEVICE=cuda runs an experiment on a GPU (build.sh never sets it: the shipped model is trained on the CPU)
DEVICE = torch.device(os.environ.get("PHI_DEVICE", "cpu"))
HP = dict(d=256, layers=3, heads=4, ffn=512, word_dim=100, char_dim=32, char_filters=96, shape_dim=16,
          max_pos=256, dropout=0.1)


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def featurize(fz, seqs, with_tags=True):
    out = []
    for s in seqs:
        f = fz.encode(s["tokens"], s.get("docf"))
        item = {k: np.asarray(v, dtype=np.float32 if k == "gazetteers" else np.int64) for k, v in f.items()}
        if with_tags:
            item["labels"] = np.asarray([L2I[t] for t in s["tags"]], dtype=np.int64)
        out.append(item)
    return out


def collate(items):
    s = max(len(it["word_ids"]) for it in items)
    b = len(items)
    batch = {
        "word_ids": np.zeros((b, s), np.int64), "shape_ids": np.zeros((b, s), np.int64),
        "char_ids": np.zeros((b, s, pf.MAX_CHARS), np.int64), "gazetteers": np.zeros((b, s, items[0]["gazetteers"].shape[-1]), np.float32),
        "attention_mask": np.zeros((b, s), np.int64), "labels": np.full((b, s), -100, np.int64),
    }
    if any("soft" in it for it in items):  # distillation targets; rows without any stay 0 (no loss)
        batch["soft"] = np.zeros((b, s, len(LABELS)), np.float32)
    for i, it in enumerate(items):
        n = len(it["word_ids"])
        for k in batch:
            if k in it:
                batch[k][i, :n] = it[k]
    return {k: torch.from_numpy(v).to(DEVICE) for k, v in batch.items()}


def drop_document_flags(gazetteers, rows):
    """gazetteers: (batch, seq, flags) tensor of a phi-word-v2 batch; rows: (batch,) bool. The same tensor with the
    document flags (the last pf.N_DOC columns) of the chosen rows set to 0; the gazetteer flags stay."""
    keep = torch.ones(gazetteers.shape[-1], dtype=gazetteers.dtype, device=gazetteers.device)
    keep[-pf.N_DOC:] = 0
    return torch.where(rows.to(gazetteers.device)[:, None, None], gazetteers * keep, gazetteers)


def zero_input_columns(linear, columns):
    """Set these input columns of `linear`'s weight to 0 and mask their gradient, so that (with AdamW, whose update of
    a weight with zero gradient and zero moments is 0, and whose decay keeps 0 at 0) they stay 0 through training."""
    mask = torch.ones_like(linear.weight)
    mask[:, columns] = 0
    with torch.no_grad():
        linear.weight.mul_(mask)
    linear.weight.register_hook(lambda g: g * mask)


def batches(items, max_tokens, rng, shuffle=True):
    idx = sorted(range(len(items)), key=lambda i: (len(items[i]["word_ids"]), rng.random() if shuffle else i))
    out, cur, cur_max = [], [], 0
    for i in idx:
        n = len(items[i]["word_ids"])
        if cur and max(cur_max, n) * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        out.append(cur)
    if shuffle:
        rng.shuffle(out)
    return out


def decoder_scores(crf):
    """(transitions, start, end) for Viterbi: the CRF's, or -- without a CRF -- only the BIO constraints. Serving
    decodes the same way (src/detectors/ner/viterbi.ts), over raw logits: a per-token constant (log-softmax's
    normaliser) does not change the best path."""
    if crf is not None:
        return tuple(x.detach().cpu().numpy() for x in crf.scores())
    allowed, start_ok = bio_constraints(LABELS)
    return (torch.where(allowed, 0.0, CRF.NEG).numpy(), torch.where(start_ok, 0.0, CRF.NEG).numpy(),
            np.zeros(len(LABELS), np.float32))


def logits_of(model, items, max_tokens=8192):
    """Per sequence, the model's logits [len, n_labels] (numpy), in batches of about max_tokens."""
    model.eval()
    out = [None] * len(items)
    with torch.no_grad():
        for bidx in batches(items, max_tokens, random.Random(0), shuffle=False):
            batch = collate([items[i] for i in bidx])
            lg = model(*(batch[k] for k in ("word_ids", "shape_ids", "char_ids", "gazetteers", "attention_mask")))
            lg = lg.cpu().numpy()
            for j, i in enumerate(bidx):
                out[i] = lg[j, : len(items[i]["word_ids"])]
    return out


def predict(model, items, crf=None):
    tr, st, en = decoder_scores(crf)
    return [[LABELS[x] for x in viterbi(em, tr, st, en)] for em in logits_of(model, items)]


def evaluate_sets(model, dev, crf=None):
    """Strict span scores per dev set (what selection reads); a set whose data record their layout also gets
    `conlleval`, the same predictions under the CoNLL protocol (evaluate_lib.score_conlleval), which is only logged."""
    res = {}
    for name, (seqs, items) in dev.items():
        gold, pred = [s["tags"] for s in seqs], predict(model, items, crf)
        res[name] = score(gold, pred)
        if seqs and "sents" in seqs[0]:
            res[name]["conlleval"] = score_conlleval(seqs, gold, pred)
    return res


def load_dev(work, fz):
    """Every WORK/data/dev.NAME.json as {NAME: (sequences, featurized items)}, in file-name order."""
    dev = {}
    for f in sorted(glob.glob(os.path.join(work, "data", "dev.*.json"))):
        seqs = json.load(open(f, encoding="utf-8"))
        dev[os.path.basename(f)[4:-5]] = (seqs, featurize(fz, seqs))
    return dev


def conll_person(res):
    """CoNLL dev PERSON F1 for the log: strict, and under the CoNLL protocol when measured."""
    c = res.get("conll", {})
    out = f"conll PER {c.get('PER', {}).get('f1', 0):.4f}"
    return out + (f" (CoNLL protocol {c['conlleval'].get('PER', {}).get('f1', 0):.4f})" if "conlleval" in c else "")


def load_fasttext(work, vocab, dim):
    """The vocabulary's fastText vectors [len(vocab), dim], rows 2+ scaled to unit std (0 and 1: padding, unknown).
    PHI_FT_VECTORS=FILE.npy: that matrix saved before by save_vectors (for a machine without the fasttext binary)."""
    binf, npy = os.path.join(work, "ft.bin"), os.environ.get("PHI_FT_VECTORS", "")
    if npy:
        vecs = np.load(npy)
        assert vecs.shape == (len(vocab), dim), vecs.shape
        return torch.from_numpy(vecs)
    if not os.path.exists(binf):
        print("no fastText vectors; random init", flush=True)
        return None
    r = subprocess.run(["fasttext", "print-word-vectors", binf], input="\n".join(vocab[2:]) + "\n",
                       capture_output=True, text=True, check=True)
    vecs = np.zeros((len(vocab), dim), np.float32)
    lines = r.stdout.rstrip("\n").split("\n")
    assert len(lines) == len(vocab) - 2, (len(lines), len(vocab))
    for i, line in enumerate(lines):
        parts = line.rstrip().split(" ")
        vecs[i + 2] = np.asarray(parts[-dim:], dtype=np.float32)
    vecs[2:] /= vecs[2:].std()
    return torch.from_numpy(vecs)


def init_word_vectors(model, work, vocab):
    """Copy the fastText vectors (load_fasttext) into the model's word embedding, when there are any."""
    ft = load_fasttext(work, vocab, HP["word_dim"])
    if ft is not None:
        with torch.no_grad():
            model.word.weight.copy_(ft)


def word_vocab(work):
    """WORK_DIR/model/vocab.txt as a list: line i is word id i."""
    return open(os.path.join(work, "model", "vocab.txt"), encoding="utf-8").read().split("\n")


def save_vectors(work, out):
    """Write load_fasttext's matrix for WORK_DIR's vocabulary to OUT (.npy): python3 -c 'import train; train.save_vectors(W, F)'."""
    np.save(out, load_fasttext(work, word_vocab(work), HP["word_dim"]).numpy())


def setup(work, seed, featurizer=None):
    """Single-threaded torch and fixed seeds; returns (a seeded Random, the featurizer, the word and char
    vocabularies) of WORK_DIR/model (featurizer: read it as that one instead, see Featurizer.load)."""
    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    fz = pf.Featurizer.load(os.path.join(work, "model"), featurizer)
    HP["flags"] = fz.n_flags  # width of the gazetteers input: the featurizer's flags (phi-word-v2 adds document flags)
    vocab = word_vocab(work)
    chars = json.load(open(os.path.join(work, "model", "chars.json"), encoding="utf-8"))
    return random.Random(seed), fz, vocab, chars


def main():
    work = sys.argv[1]
    epochs = arg("--epochs", 5)
    keep = arg("--subsample", 0.6)  # share of BTC / WNUT / synthetic / case-augmented sequences used per epoch
    seed = arg("--seed", 13)
    max_tokens = arg("--batch-tokens", 1200)
    lr = arg("--lr", 1e-3)
    eval_from = arg("--eval-from", 1)  # dev sets are scored from this epoch on (and always after the last one)
    no_conll = "--no-conll" in sys.argv
    shift_positions = "--shift-positions" in sys.argv
    # checkpoint selection: mean PER/LOC/ORG F1 of these dev sets (--no-conll: of every non-CoNLL dev set)
    select = [k for k in str(arg("--select", "conll")).split(",") if k]
    average_from = arg("--average-from", 0)
    word_dropout = arg("--word-dropout", 0.1)  # share of known words replaced by the unknown word in training
    flag_dropout = arg("--doc-flag-dropout", 0.0)  # share of training sequences without their document flags
    rng, fz, vocab, chars = setup(work, seed)
    if flag_dropout and not fz.doc:
        raise SystemExit(f"--doc-flag-dropout needs a featurizer with document flags; {work} has {fz.name}")
    flag_rng = np.random.default_rng(seed + 1000)  # its own draws: the run's other draws do not move with P

    t0 = time.time()
    train_seqs = []
    for f in sorted(glob.glob(os.path.join(work, "data", "train.*.json"))):
        if no_conll and f.endswith("train.conll.json"):
            continue
        train_seqs += json.load(open(f, encoding="utf-8"))
    # casing augmentation for the real corpora (the synthetic corpus already varies casing)
    aug = []
    for s in train_seqs:
        if s["src"] != "synth" and rng.random() < 0.15:
            fn = str.lower if rng.random() < 0.6 else str.upper
            aug.append({"tokens": [fn(t) if len(fn(t)) == len(t) else t for t in s["tokens"]], "tags": s["tags"],
                        "src": s["src"] + "-case"})
    train_seqs += aug
    train_items = featurize(fz, train_seqs)
    dev = load_dev(work, fz)
    silver = []
    if arg("--silver", ""):
        silver = featurize(fz, json.load(open(arg("--silver", ""), encoding="utf-8")))
    silver_tokens = arg("--silver-tokens", 200000)
    silver_share = min(1.0, silver_tokens / max(1, sum(len(it["word_ids"]) for it in silver)))  # drawn per epoch
    unlabeled = featurize(fz, json.load(open(arg("--unlabeled", ""), encoding="utf-8")), with_tags=False) \
        if arg("--unlabeled", "") else []
    unlabeled_share = min(1.0, arg("--unlabeled-tokens", 300000) / max(1, sum(len(it["word_ids"]) for it in unlabeled)))
    teachers = [p for p in str(arg("--teacher", "")).split(",") if p]
    kd_weight = arg("--kd-weight", 1.0)
    if teachers:
        import distill
        tk = time.time()
        distill.add_soft_labels([load_tagger(p) for p in teachers], train_items + unlabeled)
        print(f"distillation: marginals of the ensemble of {teachers} on {len(train_items)} train and "
              f"{len(unlabeled)} unlabeled sequences in {time.time() - tk:.0f}s"
              + (f"; {unlabeled_share:.0%} of the unlabeled drawn per epoch" if unlabeled else ""), flush=True)
    elif unlabeled:
        raise SystemExit("--unlabeled needs --teacher")
    ntok = sum(len(it["word_ids"]) for it in train_items)
    if silver:
        print(f"silver: {len(silver)} sequences, {silver_share:.0%} (~{silver_tokens} tokens) drawn per epoch", flush=True)
    print(f"featurized {len(train_items)} train sequences ({ntok} tokens) in {time.time() - t0:.0f}s", flush=True)

    init = arg("--init", "")  # continue from a checkpoint (later stages: a fresh, shorter schedule)
    HP["layers"] = arg("--layers", HP["layers"])
    model = PhiNer(len(vocab), len(chars), len(LABELS), **HP).to(DEVICE)
    use_crf = "--crf" in sys.argv
    crf = CRF(LABELS).to(DEVICE) if use_crf else None
    if init:
        ck0 = torch.load(init, map_location="cpu")
        w0, w = ck0["model"]["proj.weight"], model.proj.weight
        if w0.shape[1] < w.shape[1]:  # a checkpoint without the document flags (phi-word-v1): they start at zero weight
            ck0["model"]["proj.weight"] = torch.cat([w0, torch.zeros(w0.shape[0], w.shape[1] - w0.shape[1])], dim=1)
            print(f"{init}: {w.shape[1] - w0.shape[1]} new input flags start at zero weight", flush=True)
        missing, _ = model.load_state_dict(ck0["model"], strict=False)
        grown = sorted({int(k.split(".")[1]) for k in missing if k.startswith("layers.")})
        assert all(k.startswith("layers.") for k in missing), missing
        with torch.no_grad():  # progressive stacking: a new top layer starts as the identity (zero residual outputs)
            for i in grown:
                for lin in (model.layers[i].out, model.layers[i].ff2):
                    lin.weight.zero_()
                    lin.bias.zero_()
        if crf is not None and ck0.get("crf"):
            crf.load_state_dict(ck0["crf"])
        print(f"initialised from {init}" + (f"; new identity layers {grown}" if grown else ""), flush=True)
    else:
        init_word_vectors(model, work, vocab)
    zeroed = [f for f in str(arg("--zero-doc-flags", "")).split(",") if f]
    if zeroed:
        if not fz.doc or any(f not in pf.DOC_FLAGS for f in zeroed):
            raise SystemExit(f"--zero-doc-flags takes names of {pf.DOC_FLAGS} with a phi-word-v2 work folder")
        zero_input_columns(model.proj, [model.proj.in_features - pf.N_DOC + pf.DOC_FLAGS.index(f) for f in zeroed])
        print(f"document flags {zeroed}: weight 0 in the input projection, kept there", flush=True)
    print(f"parameters: {sum(p.numel() for p in model.parameters()):,}", flush=True)
    decay = [p for n, p in model.named_parameters() if p.dim() > 1 and "word" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() > 1 and "word" not in n)]
    no_decay += list(crf.parameters()) if crf is not None else []
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=lr, betas=(0.9, 0.98))
    core = [i for i, s in enumerate(train_seqs) if s["src"] in ("conll", "wikigold")]
    rest = [i for i, s in enumerate(train_seqs) if s["src"] not in ("conll", "wikigold")]

    def epoch_items(r):
        items = [train_items[i] for i in core] + [train_items[i] for i in rest if r.random() < keep]
        items += [it for it in silver if r.random() < silver_share]
        items += [it for it in unlabeled if r.random() < unlabeled_share]
        return items

    steps_per_epoch = len(batches(epoch_items(random.Random(0)), max_tokens, random.Random(0)))
    total = epochs * steps_per_epoch
    warm = min(1000, total // 10) if not init else total // 20
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.02, 0.5 * (1 + math.cos(math.pi * min(1.0, s / total)))))
    out_dir = os.path.join(work, arg("--out", "ckpt"))
    os.makedirs(out_dir, exist_ok=True)
    best = -1.0
    step = 0
    averaged, n_averaged = None, 0  # running mean of the end-of-epoch weights from --average-from on

    def select_score(res):
        keys = [k for k in res if k != "conll"] if no_conll else [k for k in select if k in res] or list(res)
        return sum(res[k]["micro_PLO"]["f1"] for k in keys) / len(keys), keys

    for ep in range(1, epochs + 1):
        model.train()
        te = time.time()
        tot_loss, nb = 0.0, 0
        items = epoch_items(rng)
        for bidx in batches(items, max_tokens, rng):
            batch = collate([items[i] for i in bidx])
            wid = batch["word_ids"]
            # random draws come from the CPU generator and are then moved: the same draws on any PHI_DEVICE
            drop = (torch.rand(wid.shape).to(DEVICE) < word_dropout) & (wid > 1)
            wid = torch.where(drop, torch.ones_like(wid), wid)
            offset = None
            if shift_positions:  # half the sequences start at a random position: the late positions get trained too
                room = HP["max_pos"] - wid.shape[1]
                offset = (torch.randint(0, room + 1, (wid.shape[0], 1)) * (torch.rand(wid.shape[0], 1) < 0.5)).to(DEVICE)
            gaz = batch["gazetteers"]
            if flag_dropout:
                gaz = drop_document_flags(gaz, torch.from_numpy(flag_rng.random(gaz.shape[0]) < flag_dropout))
            logits = model(wid, batch["shape_ids"], batch["char_ids"], gaz, batch["attention_mask"], offset)
            labels, mask = batch["labels"], batch["attention_mask"]
            gold = (labels != -100).any(1)  # unlabeled rows (distillation) have no gold loss
            loss = F.cross_entropy(logits.reshape(-1, len(LABELS)), labels.reshape(-1), ignore_index=-100) \
                if gold.any() else logits.sum() * 0
            if crf is not None and gold.any():  # CRF NLL per token, plus the token loss that keeps softmax calibrated
                loss = loss + crf.nll(logits[gold], labels[gold], mask[gold]) / mask[gold].sum()
            if "soft" in batch:  # the teachers' marginals: cross-entropy against the student's softmax, per token
                kd = -(batch["soft"] * F.log_softmax(logits, dim=-1)).sum(-1)
                loss = loss + kd_weight * (kd * mask).sum() / mask.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(model.parameters()) + (list(crf.parameters()) if crf else []), 1.0)
            opt.step()
            sched.step()
            step += 1
            tot_loss += loss.item()
            nb += 1
            if nb % 50 == 0:
                print(f"  ep {ep} step {nb}/{steps_per_epoch} loss {tot_loss / nb:.4f} "
                      f"{(time.time() - te) / nb:.2f}s/step", flush=True)
        ck = {"model": model.state_dict(), "hp": HP, "n_words": len(vocab), "n_chars": len(chars),
              "labels": LABELS, "epoch": ep, "init": init, "crf": crf.state_dict() if crf is not None else None}
        if average_from and ep >= average_from:
            n_averaged += 1
            averaged = running_mean(averaged, {"model": ck["model"], "crf": ck["crf"] or {}}, n_averaged)
        if ep < eval_from and ep < epochs:  # early epochs of a cosine schedule are never the best: skip scoring
            torch.save(ck, os.path.join(out_dir, "last.pt"))
            print(f"epoch {ep} loss {tot_loss / max(nb, 1):.4f} time {time.time() - te:.0f}s (not scored)", flush=True)
            continue
        res = evaluate_sets(model, dev, crf)
        summary = {k: round(v["micro_PLO"]["f1"], 4) for k, v in res.items()}
        sel, keys = select_score(res)
        print(f"epoch {ep} loss {tot_loss / max(nb, 1):.4f} time {time.time() - te:.0f}s dev PER/LOC/ORG F1 {summary} "
              f"{conll_person(res)} sel {sel:.4f}", flush=True)
        ck.update(metrics=res, selection=sel, selection_sets=keys)
        torch.save(ck, os.path.join(out_dir, "last.pt"))
        if sel > best:
            best = sel
            torch.save(ck, os.path.join(out_dir, "best.pt"))
            print(f"  new best {best:.4f} at epoch {ep}", flush=True)
    if averaged is not None:
        avg_model = copy.deepcopy(model)
        avg_model.load_state_dict(averaged["model"])
        avg_crf = None
        if crf is not None:
            avg_crf = copy.deepcopy(crf)
            avg_crf.load_state_dict(averaged["crf"])
        res = evaluate_sets(avg_model, dev, avg_crf)
        sel, keys = select_score(res)
        summary = {k: round(v["micro_PLO"]["f1"], 4) for k, v in res.items()}
        print(f"average of epochs {average_from}-{epochs} dev PER/LOC/ORG F1 {summary} "
              f"{conll_person(res)} sel {sel:.4f}", flush=True)
        ck = {"model": avg_model.state_dict(), "hp": HP, "n_words": len(vocab), "n_chars": len(chars),
              "labels": LABELS, "epoch": f"{average_from}-{epochs}", "init": init,
              "crf": avg_crf.state_dict() if avg_crf is not None else None,
              "metrics": res, "selection": sel, "selection_sets": keys}
        torch.save(ck, os.path.join(out_dir, "avg.pt"))
        torch.save(ck, os.path.join(out_dir, "best.pt"))
        print(f"  kept: the average of epochs {average_from}-{epochs} (the best single epoch scored {best:.4f})",
              flush=True)
        best = sel
    print(f"done; kept selection F1 {best:.4f}; total {time.time() - t0:.0f}s", flush=True)


def running_mean(mean, state, n):
    """The mean of n states of which `state` is the n-th: floating tensors averaged, the others taken as they are."""
    if mean is None:
        return {part: {k: v.detach().clone() for k, v in sd.items()} for part, sd in state.items()}
    for part, sd in state.items():
        for k, v in sd.items():
            if v.is_floating_point():
                mean[part][k] += (v.detach() - mean[part][k]) / n
    return mean


if __name__ == "__main__":
    main()

"""Masked-word pre-training of the encoder on the unlabeled pool (experiment; see the model card).

    OPENBLAS_NUM_THREADS=2 python3 pretrain_mlm.py WORK_DIR [--steps 2000] [--batch-tokens 1200] [--lr 1e-3]
        [--seed 13] [--layers 4] [--no-conll] [--featurizer phi-word-v1]
reads WORK_DIR/model/{vocab.txt,chars.json,gazetteers.json}, WORK_DIR/ft.bin and ../shared/data/unlabeled/*;
writes WORK_DIR/mlm/mlm.pt, a checkpoint train.py --init continues from (the CRF and the label layer start fresh).

Each document's paragraphs are pre-tokenized like phi-word-v1 (and get its document flags under phi-word-v2) and packed into sequences of <= 128 tokens. 15 % of the
tokens are chosen; of those 80 % lose their word (the unknown id, as word dropout does in training), their characters
and their gazetteer flags, 10 % get a random word, 10 % stay; the shape (capitalisation) stays, so the task is
"which word of this shape fits here". The encoder predicts the word through a projection onto the (fastText-
initialised) word embedding matrix, tied. --no-conll leaves out the research-use Reuters text, as fasttext_corpus.py does.
--featurizer phi-word-v1 pre-trains a phi-word-v2 folder's encoder without the document flags (the same sequences and
draws as a phi-word-v1 folder with the same vocabularies; train.py --init then starts the flags at zero weight).
"""
import glob
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import phi_features as pf
from model import PhiNer
from prepare_data import DATA, LABELS, MAX_SEQ, unlabeled_documents
from train import DEVICE, HP, arg, batches, collate, featurize, init_word_vectors, setup


def sequences(no_conll, rng, max_tokens, doc_flags=None):
    """Sequences ({"tokens": raw tokens}) from the unlabeled pool, documents shuffled, until about max_tokens tokens.
    doc_flags (phi-word-v2): as prepare_data.pack_sentences takes it; each sequence then has its "docf", computed over
    its whole document."""
    docs = []
    for path in sorted(glob.glob(os.path.join(DATA, "unlabeled", "*", "*.txt"))):
        if no_conll and "reuters21578" in path:
            continue
        docs += unlabeled_documents(path)
    rng.shuffle(docs)
    seqs, total = [], 0
    for d in docs:
        lines = [[t for _, _, t in pf.tokenize(line)][:MAX_SEQ] for line in d.split("\n")]
        flags = doc_flags([t for toks in lines for t in toks]) if doc_flags else None
        at, start, cur = 0, 0, []  # at: the next line's first token in the document; start: cur's

        def emit():
            seqs.append({"tokens": cur, **({"docf": flags[start:start + len(cur)]} if flags else {})})

        for toks in lines:
            if cur and len(cur) + len(toks) > MAX_SEQ:
                emit()
                total += len(cur)
                cur, start = [], at
            cur = cur + toks
            at += len(toks)
        if len(cur) >= 8:
            emit()
            total += len(cur)
        if total >= max_tokens:
            break
    return seqs


def main():
    work = sys.argv[1]
    steps = arg("--steps", 2000)
    max_tokens = arg("--batch-tokens", 1200)
    lr = arg("--lr", 1e-3)
    seed = arg("--seed", 13)
    rng, fz, vocab, chars = setup(work, seed, arg("--featurizer", "") or None)
    t0 = time.time()
    flagger = pf.document_flagger(fz.name, fz.first_names)
    seqs = sequences("--no-conll" in sys.argv, rng, int(steps * max_tokens * 0.8), flagger)
    items = featurize(fz, seqs, with_tags=False)
    print(f"featurized {len(items)} unlabeled sequences ({sum(len(s['tokens']) for s in seqs)} tokens) in {time.time() - t0:.0f}s",
          flush=True)

    HP["layers"] = arg("--layers", HP["layers"])
    model = PhiNer(len(vocab), len(chars), len(LABELS), **HP)
    init_word_vectors(model, work, vocab)
    head = nn.Sequential(nn.Linear(HP["d"], HP["word_dim"]), nn.GELU(), nn.LayerNorm(HP["word_dim"]))
    model.to(DEVICE)
    head.to(DEVICE)
    out_bias = nn.Parameter(torch.zeros(len(vocab), device=DEVICE))
    params = list(model.parameters()) + list(head.parameters()) + [out_bias]
    opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.98), weight_decay=0.01)
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 0.5 * (1 + math.cos(math.pi * min(1.0, s / steps)))))
    model.train()
    step, tot, n, te = 0, 0.0, 0, time.time()
    while step < steps:
        for bidx in batches(items, max_tokens, rng):
            if step >= steps:
                break
            b = collate([items[i] for i in bidx])
            wid, real = b["word_ids"], b["attention_mask"].bool()
            chosen = (torch.rand(wid.shape).to(DEVICE) < 0.15) & real & (wid > 1)
            if not chosen.any():
                continue
            r = torch.rand(wid.shape).to(DEVICE)
            masked = chosen & (r < 0.8)
            swapped = chosen & (r >= 0.8) & (r < 0.9)
            inp = torch.where(masked, torch.ones_like(wid), wid)
            inp = torch.where(swapped, torch.randint(2, len(vocab), wid.shape).to(DEVICE), inp)
            char_ids = b["char_ids"].masked_fill(masked.unsqueeze(-1), 0)
            gaz = b["gazetteers"].masked_fill(masked.unsqueeze(-1), 0.0)
            hidden = model.encode(inp, b["shape_ids"], char_ids, gaz, b["attention_mask"])
            pred = head(hidden[chosen]) @ model.word.weight.t() * (HP["word_dim"] ** -0.5) + out_bias
            loss = F.cross_entropy(pred, wid[chosen])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            tot += loss.item()
            n += 1
            if step % 100 == 0 or step == 20:
                print(f"  step {step}/{steps} masked-word loss {tot / n:.3f} {(time.time() - te) / n:.2f}s/step",
                      flush=True)
                tot, n, te = 0.0, 0, time.time()
    os.makedirs(os.path.join(work, "mlm"), exist_ok=True)
    ck = {"model": {k: v.cpu() for k, v in model.state_dict().items()}, "hp": HP, "n_words": len(vocab), "n_chars": len(chars), "labels": LABELS,
          "epoch": 0, "init": "mlm", "crf": None, "mlm_steps": steps}
    torch.save(ck, os.path.join(work, "mlm", "mlm.pt"))
    print(f"done; {steps} steps in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()

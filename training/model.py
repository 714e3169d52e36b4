"""phi-ner-small: a small transformer encoder over word + shape + char-CNN + gazetteer features.
Written with plain MatMul-based attention so the ONNX graph is simple to export and to quantize."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

import phi_features as pf


class Layer(nn.Module):
    def __init__(self, d, heads, ffn, dropout):
        super().__init__()
        self.h = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ffn)
        self.ff2 = nn.Linear(ffn, d)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias):
        b, s, d = x.shape
        h = self.ln1(x)
        q, k, v = self.qkv(h).reshape(b, s, 3, self.h, d // self.h).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d // self.h)) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, s, d)
        x = x + self.drop(self.out(y))
        x = x + self.drop(self.ff2(self.drop(F.gelu(self.ff1(self.ln2(x))))))
        return x


class PhiNer(nn.Module):
    def __init__(self, n_words, n_chars, n_labels, d=256, layers=4, heads=4, ffn=1024, word_dim=100,
                 char_dim=32, char_filters=96, shape_dim=16, max_pos=256, dropout=0.1, flags=pf.N_GAZ):
        super().__init__()
        self.word = nn.Embedding(n_words, word_dim, padding_idx=0)
        self.shape = nn.Embedding(len(pf.SHAPES), shape_dim, padding_idx=0)
        self.char = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.char_conv = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
        # flags: the width of the `gazetteers` input (phi-word-v1: N_GAZ; v2 adds the document flags)
        self.proj = nn.Linear(word_dim + shape_dim + char_filters + flags, d)
        self.pos = nn.Embedding(max_pos, d)
        self.layers = nn.ModuleList(Layer(d, heads, ffn, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(d)
        self.cls = nn.Linear(d, n_labels)
        self.drop = nn.Dropout(dropout)
        self.emb_drop = nn.Dropout(0.25)

    def forward(self, word_ids, shape_ids, char_ids, gazetteers, attention_mask, pos_offset=None):
        """Label logits [b, s, n_labels]. pos_offset ([b, 1], training only): each sequence's first position, so that
        every position embedding is trained; the exported graph always starts at 0."""
        return self.cls(self.encode(word_ids, shape_ids, char_ids, gazetteers, attention_mask, pos_offset))

    def encode(self, word_ids, shape_ids, char_ids, gazetteers, attention_mask, pos_offset=None):
        """The encoder's final hidden states [b, s, d] (the label layer reads them; so does masked-word pre-training)."""
        b, s = word_ids.shape
        c = self.char(char_ids.reshape(b * s, pf.MAX_CHARS)).transpose(1, 2)  # [bs, cd, L]
        c = self.char_conv(c)
        cmask = (char_ids.reshape(b * s, 1, pf.MAX_CHARS) > 0).to(c.dtype)
        c = torch.max(c * cmask + (cmask - 1.0) * 1e4, dim=2).values
        c = torch.relu(c).reshape(b, s, -1)
        x = torch.cat([self.emb_drop(self.word(word_ids)), self.shape(shape_ids), c, gazetteers], dim=-1)
        pos = torch.arange(s, device=word_ids.device).unsqueeze(0)
        if pos_offset is not None:
            pos = pos + pos_offset
        x = self.drop(self.proj(x) + self.pos(pos))
        bias = ((1.0 - attention_mask.to(x.dtype)) * -1e4).reshape(b, 1, 1, s)
        for layer in self.layers:
            x = layer(x, bias)
        return self.ln(x)


def bio_constraints(labels):
    """allowed[prev, cur]: an I-X tag may only follow B-X or I-X; start_ok[cur]: a sequence cannot start with I-X."""
    n = len(labels)
    allowed = torch.ones(n, n, dtype=torch.bool)
    start_ok = torch.ones(n, dtype=torch.bool)
    for j, cur in enumerate(labels):
        if cur.startswith("I-"):
            start_ok[j] = False
            for i, prev in enumerate(labels):
                allowed[i, j] = prev != "O" and prev[2:] == cur[2:]
    return allowed, start_ok


class CRF(nn.Module):
    """Linear-chain CRF over the encoder's logits. Transitions that break BIO are fixed at -1e4 (never learned), so
    decoding can only produce well-formed spans. Serving runs Viterbi with these scores (config.json "crf")."""

    NEG = -1e4

    def __init__(self, labels):
        super().__init__()
        n = len(labels)
        allowed, start_ok = bio_constraints(labels)
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        self.register_buffer("trans_fixed", torch.where(allowed, 0.0, self.NEG))
        self.register_buffer("start_fixed", torch.where(start_ok, 0.0, self.NEG))

    def scores(self):
        return self.trans + self.trans_fixed, self.start + self.start_fixed, self.end

    def nll(self, em, tags, mask):
        """Summed negative log-likelihood. em [b, s, n] logits, tags [b, s] (ignored where mask is 0), mask [b, s]
        with real tokens as a prefix of each row."""
        tr, st, en = self.scores()
        b, s, n = em.shape
        m = mask.to(em.dtype)
        t0 = tags.clamp(min=0)
        gold = st[t0[:, 0]] + (em.gather(2, t0.unsqueeze(-1)).squeeze(-1) * m).sum(1)
        gold = gold + (tr[t0[:, :-1], t0[:, 1:]] * m[:, 1:]).sum(1)
        last = t0.gather(1, (mask.long().sum(1) - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
        gold = gold + en[last]
        alpha = st.unsqueeze(0) + em[:, 0]
        for t in range(1, s):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + tr.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(mask[:, t].bool().unsqueeze(1), nxt, alpha)
        return (torch.logsumexp(alpha + en.unsqueeze(0), dim=1) - gold).sum()


def viterbi(em, trans, start, end):
    """Best tag path for one sequence. em [s, n] numpy scores; trans [n, n] (prev, cur); start, end [n]."""
    import numpy as np
    s, n = em.shape
    score = start + em[0]
    back = np.zeros((s, n), dtype=np.int64)
    for t in range(1, s):
        cand = score[:, None] + trans
        back[t] = cand.argmax(0)
        score = cand.max(0) + em[t]
    path = [int((score + end).argmax())]
    for t in range(s - 1, 0, -1):
        path.append(int(back[t][path[-1]]))
    return path[::-1]


def load_tagger(path):
    """(PhiNer in eval mode, its CRF or None) from a train.py checkpoint on the CPU."""
    ck = torch.load(path, map_location="cpu")
    model = PhiNer(ck["n_words"], ck["n_chars"], len(ck["labels"]), **ck["hp"])
    model.load_state_dict(ck["model"])
    model.eval()
    crf = None
    if ck.get("crf"):
        crf = CRF(ck["labels"])
        crf.load_state_dict(ck["crf"])
    return model, crf

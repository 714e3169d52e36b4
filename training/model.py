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
                 char_dim=32, char_filters=96, shape_dim=16, max_pos=256, dropout=0.1):
        super().__init__()
        self.word = nn.Embedding(n_words, word_dim, padding_idx=0)
        self.shape = nn.Embedding(len(pf.SHAPES), shape_dim, padding_idx=0)
        self.char = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.char_conv = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
        self.proj = nn.Linear(word_dim + shape_dim + char_filters + pf.N_GAZ, d)
        self.pos = nn.Embedding(max_pos, d)
        self.layers = nn.ModuleList(Layer(d, heads, ffn, dropout) for _ in range(layers))
        self.ln = nn.LayerNorm(d)
        self.cls = nn.Linear(d, n_labels)
        self.drop = nn.Dropout(dropout)
        self.emb_drop = nn.Dropout(0.25)

    def forward(self, word_ids, shape_ids, char_ids, gazetteers, attention_mask):
        b, s = word_ids.shape
        c = self.char(char_ids.reshape(b * s, pf.MAX_CHARS)).transpose(1, 2)  # [bs, cd, L]
        c = self.char_conv(c)
        cmask = (char_ids.reshape(b * s, 1, pf.MAX_CHARS) > 0).to(c.dtype)
        c = torch.max(c * cmask + (cmask - 1.0) * 1e4, dim=2).values
        c = torch.relu(c).reshape(b, s, -1)
        x = torch.cat([self.emb_drop(self.word(word_ids)), self.shape(shape_ids), c, gazetteers], dim=-1)
        pos = torch.arange(s, device=word_ids.device).unsqueeze(0)
        x = self.drop(self.proj(x) + self.pos(pos))
        bias = ((1.0 - attention_mask.to(x.dtype)) * -1e4).reshape(b, 1, 1, s)
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(self.ln(x))

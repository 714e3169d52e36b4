"""Build a BERT-base-sized token classifier with random weights and export it to ONNX, for `npm run bench` (ner part).

    /usr/bin/python3 training/make_bert_base_onnx.py [OUT.onnx]      (default bench/.cache/bert-base.onnx)

Architecture as BERT-base (Devlin et al. 2019, `bert-base-uncased`): vocabulary 30522, hidden 768, 12 layers,
12 heads, FFN 3072, GELU, post-LayerNorm, 512 positions, 2 token types; a 9-label token-classification head.
Attention is written the way Hugging Face's BertSelfAttention is (Q/K/V projections, scaled dot product, additive
mask), so the exported graph has the shape of a real BERT export. Weights are random (seeded): only speed is measured.

Exported the same way as our model (training/export_onnx.py): torch.onnx.export, opset 17, constant folding, dynamic
batch and sequence axes; inputs input_ids, attention_mask, token_type_ids (int64 [batch, seq]); output logits
float32 [batch, seq, 9]. Needs only Debian's python3-torch and python3-onnx (the check at the end).
"""
import math
import os
import sys

import torch
from torch import nn

VOCAB, HIDDEN, LAYERS, HEADS, FFN, POSITIONS, TYPES, LABELS = 30522, 768, 12, 12, 3072, 512, 2, 9


class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.head_dim = HIDDEN // HEADS

    def split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, HEADS, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x, mask_add):
        q, k, v = self.split(self.q(x)), self.split(self.k(x)), self.split(self.v(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask_add
        ctx = torch.matmul(scores.softmax(-1), v).permute(0, 2, 1, 3)
        ctx = ctx.reshape(x.shape[0], x.shape[1], HIDDEN)
        return self.norm(x + self.o(ctx))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = SelfAttention()
        self.up, self.down = nn.Linear(HIDDEN, FFN), nn.Linear(FFN, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, mask_add):
        x = self.attn(x, mask_add)
        return self.norm(x + self.down(nn.functional.gelu(self.up(x))))


class BertBaseTokenClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.token_type = nn.Embedding(VOCAB, HIDDEN), nn.Embedding(POSITIONS, HIDDEN), nn.Embedding(TYPES, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.classifier = nn.Linear(HIDDEN, LABELS)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.norm(self.word(input_ids) + self.pos(positions) + self.token_type(token_type_ids))
        mask_add = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_add)
        return self.classifier(x)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "bench", ".cache", "bert-base.onnx")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    torch.manual_seed(17)
    model = BertBaseTokenClassifier().eval()
    params = sum(p.numel() for p in model.parameters())
    b, s = 2, 16
    dummy = (torch.randint(1, VOCAB, (b, s)), torch.ones(b, s, dtype=torch.long), torch.zeros(b, s, dtype=torch.long))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "seq"} for n in names}
    axes["logits"] = {0: "batch", 1: "seq"}
    tmp = out + ".tmp"
    with torch.no_grad():
        torch.onnx.export(model, dummy, tmp, input_names=names, output_names=["logits"], dynamic_axes=axes,
                          opset_version=17, do_constant_folding=True)
    import onnx

    onnx.checker.check_model(tmp)
    os.replace(tmp, out)
    print(f"BERT-base-sized encoder ({params / 1e6:.1f}M parameters, random weights) -> {out} "
          f"({os.path.getsize(out) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()

"""phi-word-v1 featurizer (Python side). MUST stay identical to src/detectors/ner/word-featurizer.ts.

Pre-tokenization (same as the TS regex
  /[\p{L}\p{M}]+|\p{N}+|[^WS\p{L}\p{M}\p{N}]/gu  with WS = the JavaScript \s set):
  - a run of letters/marks, or a run of numbers, or any single other code point that is not whitespace.
Offsets are reported in UTF-16 code units (what JavaScript strings use).

Per token:
  word id   : vocab[normalize(token)] (0 = pad, 1 = unk); normalize = lower() then every Nd digit -> '0'
  shape id  : see shape_id() (0 = pad)
  char ids  : first MAX_CHARS code points of the raw token, char_vocab (0 = pad, 1 = unk)
  gazetteer : N_GAZ binary flags (float32), see gazetteer_flags()
"""
import hashlib
import json
import unicodedata

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator)
JS_WS = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}

MAX_CHARS = 16
MAX_SPAN = 4  # longest multi-token gazetteer entry
GAZ_NAMES = ["first_name", "surname", "city", "region", "title", "company_type", "street_type", "org_word"]
N_GAZ = len(GAZ_NAMES)
SHAPES = ["<pad>", "lower", "upper", "title", "single_upper", "mixed", "digits", "punct", "symbol", "nocase"]


def char_class(c):
    if c in JS_WS:
        return "W"
    cat = unicodedata.category(c)
    if cat[0] in "LM":
        return "L"
    if cat[0] == "N":
        return "N"
    return "O"


def tokenize(text):
    """Return a list of (start, end, token) with UTF-16 offsets."""
    out = []
    i, n = 0, len(text)
    u16 = 0  # utf-16 offset of text[i]
    while i < n:
        c = text[i]
        k = char_class(c)
        if k == "W":
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue
        j = i + 1
        if k in "LN":
            while j < n and char_class(text[j]) == k:
                j += 1
        tok = text[i:j]
        w = sum(2 if ord(ch) > 0xFFFF else 1 for ch in tok)
        out.append((u16, u16 + w, tok))
        u16 += w
        i = j
    return out


def split_token(tok):
    """Re-split a corpus token with the serving tokenizer (no whitespace inside corpus tokens)."""
    return [t for _, _, t in tokenize(tok)]


def normalize(tok):
    s = tok.lower()
    return "".join("0" if unicodedata.category(ch) == "Nd" else ch for ch in s)


def shape_id(tok):
    c0 = tok[0]
    k = char_class(c0)
    if k == "N":
        return 6
    if k == "O":
        return 7 if unicodedata.category(c0)[0] == "P" else 8
    up = lo = 0
    for ch in tok:
        cat = unicodedata.category(ch)
        if cat in ("Lu", "Lt"):
            up += 1
        elif cat == "Ll":
            lo += 1
    if up == 0 and lo == 0:
        return 9
    if up == 0:
        return 1
    if lo == 0:
        return 4 if len(tok) == 1 else 2
    cat0 = unicodedata.category(c0)
    if cat0 in ("Lu", "Lt") and up == 1:
        return 3
    return 5


class Featurizer:
    def __init__(self, vocab, char_vocab, gaz):
        """vocab: list of words (index = id, [0]='<pad>', [1]='<unk>'); char_vocab: list of chars (same);
        gaz: dict name -> list of keys (multi-token keys joined with ' ')."""
        self.vocab = {w: i for i, w in enumerate(vocab)}
        self.char_vocab = {c: i for i, c in enumerate(char_vocab)}
        self.gaz = [set(gaz[name]) for name in GAZ_NAMES]
        # what the features depend on, for caches of encoded features (evaluate.feats_file)
        h = hashlib.md5()
        for part in (vocab, char_vocab, *(sorted(gaz[name]) for name in GAZ_NAMES)):
            h.update(json.dumps(part, ensure_ascii=False).encode("utf-8"))
        self.fingerprint = h.hexdigest()[:12]

    @classmethod
    def load(cls, model_dir):
        with open(f"{model_dir}/vocab.txt", encoding="utf-8") as f:
            vocab = f.read().split("\n")
        with open(f"{model_dir}/chars.json", encoding="utf-8") as f:
            chars = json.load(f)
        with open(f"{model_dir}/gazetteers.json", encoding="utf-8") as f:
            gaz = json.load(f)
        return cls(vocab, chars, gaz)

    def gazetteer_flags(self, norms):
        n = len(norms)
        flags = [[0.0] * N_GAZ for _ in range(n)]
        for i in range(n):
            key = ""
            for L in range(1, MAX_SPAN + 1):
                if i + L > n:
                    break
                key = norms[i] if L == 1 else key + " " + norms[i + L - 1]
                for g, s in enumerate(self.gaz):
                    if key in s:
                        for t in range(i, i + L):
                            flags[t][g] = 1.0
        return flags

    def encode(self, toks):
        """toks: list of raw token strings. Returns dict of per-token feature lists."""
        norms = [normalize(t) for t in toks]
        words = [self.vocab.get(w, 1) for w in norms]
        shapes = [shape_id(t) for t in toks]
        chars = []
        for t in toks:
            cps = list(t)[:MAX_CHARS]
            ids = [self.char_vocab.get(c, 1) for c in cps] + [0] * (MAX_CHARS - len(cps))
            chars.append(ids)
        gaz = self.gazetteer_flags(norms)
        return {"word_ids": words, "shape_ids": shapes, "char_ids": chars, "gazetteers": gaz,
                "attention_mask": [1] * len(toks)}

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

phi-word-v2 = phi-word-v1 plus N_DOC document flags after the gazetteer flags (same `gazetteers` input, N_GAZ + N_DOC
wide), see document_flags(): whether the same capitalised word stands elsewhere in the text right after another
capitalised word (after a listed first name), as a surname does after the full name ("Joseph Bernardin ...
Bernardin said"). The "document" is what the featurizer is given: a request's whole text when serving (before
windowing), a corpus document in training (prepare_data.py computes them before packing its sentences).
"""
import collections
import hashlib
import json
import os
import unicodedata

# JavaScript's \s (ECMAScript WhiteSpace + LineTerminator)
JS_WS = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {chr(c) for c in range(0x2000, 0x200B)}

MAX_CHARS = 16
MAX_SPAN = 4  # longest multi-token gazetteer entry
GAZ_NAMES = ["first_name", "surname", "city", "region", "title", "company_type", "street_type", "org_word"]
N_GAZ = len(GAZ_NAMES)
DOC_FLAGS = ["doc_after_capitalised", "doc_after_first_name"]
N_DOC = len(DOC_FLAGS)
FEATURIZERS = ("phi-word-v1", "phi-word-v2")
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


# letters that Unicode does not decompose into a base letter and a mark (word-featurizer.ts UNDECOMPOSED)
UNDECOMPOSED = {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
                "Ŧ": "T", "ð": "d", "Ð": "D"}


def fold_diacritics(text):
    """text without its diacritics (word-featurizer.ts foldDiacritics): canonical decomposition, marks removed,
    UNDECOMPOSED mapped, recomposed. "Nguyễn" -> "Nguyen", "Łódź" -> "Lodz"."""
    if text.isascii():
        return text
    kept = (UNDECOMPOSED.get(c, c) for c in unicodedata.normalize("NFD", text) if unicodedata.category(c)[0] != "M")
    return unicodedata.normalize("NFC", "".join(kept))


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


def capitalised(tok):
    """An upper- or title-case letter first and a lower-case letter after it ("Smith", "McDonald"; not "NASA", "x")."""
    if unicodedata.category(tok[0]) not in ("Lu", "Lt"):
        return False
    return any(unicodedata.category(c) == "Ll" for c in tok[1:])


def document_flags(toks, first_names):
    """Per token [after_capitalised, after_first_name] (0.0 / 1.0): does the same word (case-sensitive) stand somewhere
    else in toks right after a capitalised token (that is a listed first name, normalized)? The token's own position
    does not count: that context is in the model's view already."""
    n = len(toks)
    cap = [capitalised(t) for t in toks]
    seen = (collections.Counter(), collections.Counter())
    own = [[False, False] for _ in range(n)]
    for j in range(1, n):
        if cap[j] and cap[j - 1]:
            own[j][0] = True
            seen[0][toks[j]] += 1
            if normalize(toks[j - 1]) in first_names:
                own[j][1] = True
                seen[1][toks[j]] += 1
    return [[1.0 if cap[i] and seen[k][toks[i]] > own[i][k] else 0.0 for k in range(N_DOC)] for i in range(n)]


def document_flagger(name, first_names):
    """What packers take as doc_flags (prepare_data.pack_sentences, pretrain_mlm.sequences): a function from a whole
    document's raw tokens to their document flags under featurizer `name`, or None when it has none (phi-word-v1)."""
    assert name in FEATURIZERS, name
    if name != "phi-word-v2":
        return None
    names = set(first_names)
    return lambda toks: document_flags(toks, names)


class _FoldedNames:
    """Membership in a first-name set by a word's lookup form (Featurizer.lookup), for document_flags."""

    def __init__(self, fz):
        self.fz = fz

    def __contains__(self, norm):
        return self.fz.lookup(norm) in self.fz.first_names


class Featurizer:
    def __init__(self, vocab, char_vocab, gaz, name="phi-word-v1", fold_unknown=False):
        """vocab: list of words (index = id, [0]='<pad>', [1]='<unk>'); char_vocab: list of chars (same);
        gaz: dict name -> list of keys (multi-token keys joined with ' '); name: one of FEATURIZERS;
        fold_unknown (config.json phi_word.fold_unknown): a word that the vocabulary lacks and that has a character the
        character list lacks is looked up (vocabulary, gazetteers, first names of the document flags) by its
        fold_diacritics form, a character the character list lacks by its folded form."""
        assert name in FEATURIZERS, name
        self.name = name
        self.fold = fold_unknown
        self.doc = name == "phi-word-v2"
        self.n_flags = N_GAZ + (N_DOC if self.doc else 0)  # width of the `gazetteers` input
        self.first_names = set(gaz["first_name"])
        self.vocab = {w: i for i, w in enumerate(vocab)}
        self.char_vocab = {c: i for i, c in enumerate(char_vocab)}
        self.gaz = [set(gaz[name]) for name in GAZ_NAMES]
        # what the features depend on, for caches of encoded features (evaluate.feats_file)
        h = hashlib.md5(name.encode("utf-8") if self.doc else b"")
        if fold_unknown:
            h.update(b"fold_unknown")
        for part in (vocab, char_vocab, *(sorted(gaz[name]) for name in GAZ_NAMES)):
            h.update(json.dumps(part, ensure_ascii=False).encode("utf-8"))
        self.fingerprint = h.hexdigest()[:12]

    @classmethod
    def load(cls, model_dir, name=None):
        """The featurizer of model_dir; name (phi-word-v1) reads phi-word-v2's resources without the document flags,
        as masked-word pre-training does under build.sh's PHI_MLM_FEATURIZER=phi-word-v1."""
        with open(f"{model_dir}/vocab.txt", encoding="utf-8") as f:
            vocab = f.read().split("\n")
        with open(f"{model_dir}/chars.json", encoding="utf-8") as f:
            chars = json.load(f)
        with open(f"{model_dir}/gazetteers.json", encoding="utf-8") as f:
            gaz = json.load(f)
        own = featurizer_name(model_dir)
        assert name in (None, own, "phi-word-v1"), f"{model_dir} is {own}: it can be read as itself or as phi-word-v1"
        return cls(vocab, chars, gaz, name or own, fold_unknown=phi_word_settings(model_dir).get("fold_unknown", False))

    def lookup(self, norm):
        """The form a normalized word is looked up by: itself, or folded when fold_unknown, the vocabulary lacks it and
        it has a character the character list lacks (a spelling the model never learnt to read)."""
        fold = self.fold and norm not in self.vocab and any(c not in self.char_vocab for c in norm)
        return fold_diacritics(norm) if fold else norm

    def char_id(self, c):
        i = self.char_vocab.get(c)
        if i is None and self.fold:
            i = self.char_vocab.get(fold_diacritics(c))
        return 1 if i is None else i

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

    def encode(self, toks, docf=None):
        """toks: list of raw token strings; docf (phi-word-v2): their document flags when toks are only part of the
        document (prepare_data.py's packed sequences), else computed from toks. Returns dict of per-token feature lists."""
        norms = [self.lookup(normalize(t)) for t in toks]
        words = [self.vocab.get(w, 1) for w in norms]
        shapes = [shape_id(t) for t in toks]
        chars = []
        for t in toks:
            cps = list(t)[:MAX_CHARS]
            ids = [self.char_id(c) for c in cps] + [0] * (MAX_CHARS - len(cps))
            chars.append(ids)
        gaz = self.gazetteer_flags(norms)
        if self.doc:
            names = _FoldedNames(self) if self.fold else self.first_names
            docf = docf if docf is not None else document_flags(toks, names)
            gaz = [g + list(d) for g, d in zip(gaz, docf)]
        return {"word_ids": words, "shape_ids": shapes, "char_ids": chars, "gazetteers": gaz,
                "attention_mask": [1] * len(toks)}


def phi_word_settings(model_dir):
    """config.json's phi_word settings of a model folder ({} for a work folder without config.json)."""
    cfg = os.path.join(model_dir, "config.json")
    if not os.path.exists(cfg):
        return {}
    with open(cfg, encoding="utf-8") as f:
        return json.load(f).get("phi_word", {})


def featurizer_name(model_dir):
    """A model folder's featurizer: config.json's phi_featurizer, else a work folder's featurizer.txt
    (prepare_data.py --featurizer), else phi-word-v1."""
    cfg = os.path.join(model_dir, "config.json")
    if os.path.exists(cfg):
        with open(cfg, encoding="utf-8") as f:
            return json.load(f).get("phi_featurizer", "phi-word-v1")
    txt = os.path.join(model_dir, "featurizer.txt")
    if os.path.exists(txt):
        with open(txt, encoding="utf-8") as f:
            return f.read().strip()
    return "phi-word-v1"

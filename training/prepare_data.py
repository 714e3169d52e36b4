"""Read the labeled corpora and the synthetic corpus, re-split every token with the serving pre-tokenizer,
convert to BIO over PER/LOC/ORG/MISC, pack sentences of a document into sequences, and build the run-time
resources (word vocabulary, char vocabulary, gazetteers).

    python3 prepare_data.py WORK_DIR [--no-conll] [--max-seq N] [--featurizer phi-word-v1|phi-word-v2]
reads ../shared/data and WORK_DIR/synth, WORK_DIR/ft_corpus.txt; writes WORK_DIR/data/*.json and
WORK_DIR/model/{vocab.txt,chars.json,gazetteers.json}
    python3 prepare_data.py WORK_DIR --dev-only
rewrites only WORK_DIR/data/dev.*.json (for work dirs written before the sequences recorded their layout)
"""
import collections
import csv
import json
import os
import sys

import phi_features as pf

DATA = os.environ.get("PHI_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))
LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
VOCAB_SIZE = int(os.environ.get("PHI_VOCAB", 40000))  # words in vocab.txt (with <pad> and <unk>); only words seen >= 3 times
MAX_SEQ = 128
WNUT_MAP = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG"}  # product, creative-work -> O
ORG_WORDS = ("hospital hospitals clinic clinics medical center centre health healthcare university college school "
             "institute foundation association society department ministry council committee agency authority "
             "bureau commission board bank group holdings partners associates laboratories labs pharmacy pharmaceuticals "
             "services systems technologies airlines airways corporation company club fc united church party union "
             "federation league team academy trust fund insurance network press news times journal").split()


def read_columns(path, sep=None):
    """Yield documents: list of sentences: list of (token, tag)."""
    doc, sent = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    yield doc
                doc = []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            parts = line.split(sep) if sep else line.split()
            sent.append((parts[0], parts[-1].strip()))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def unlabeled_documents(path):
    """The documents of one file of ../shared/data/unlabeled (separated by one blank line; see its README)."""
    with open(path, encoding="utf-8") as f:
        return [d.strip() for d in f.read().split("\n\n") if d.strip()]


def iob1_to_bio(tags):
    out, prev = [], "O"
    for t in tags:
        if t == "0":
            t = "O"
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def resplit(tokens, tags):
    """Re-split corpus tokens with the serving pre-tokenizer; the first piece keeps the tag, the rest get I-.
    Returns (pieces, tags, cont): cont lists the pieces that continue a corpus token (not its first piece)."""
    out_t, out_l, cont = [], [], []
    for tok, tag in zip(tokens, tags):
        pieces = pf.split_token(tok)
        for i, p in enumerate(pieces):
            if i:
                cont.append(len(out_t))
            out_t.append(p)
            out_l.append(tag if i == 0 or tag == "O" else "I-" + tag[2:])
    return out_t, out_l, cont


def training_max_seq(work):
    """The sequence length `prepare_data.py` packed WORK's training text to (builds before it was recorded: 128)."""
    path = os.path.join(work, "data", "max_seq.txt")
    return int(open(path, encoding="utf-8").read()) if os.path.exists(path) else MAX_SEQ


def pack_sentences(docs, max_len=MAX_SEQ, source="", doc_flags=None):
    """Pack consecutive sentences of a document into sequences of at most max_len tokens.

    A sentence is (pieces, tags) or (pieces, tags, cont) as `resplit` returns it. Each sequence records its layout
    for conlleval-style scoring (`evaluate_lib.conlleval_units`): `sents`, the index where each packed sentence
    starts, and `cont`, the pieces that continue a corpus token. doc_flags (phi-word-v2): a function from a whole
    document's pieces to their document flags (`phi_features.document_flags`); each sequence then records its
    pieces' flags as `docf`, computed over the document before it is cut into sequences."""
    seqs = []

    def emit(toks, tags, sents, cont, flags):
        seqs.append({"tokens": toks, "tags": tags, "src": source, "sents": sents, "cont": cont,
                     **({"docf": flags} if doc_flags else {})})

    for doc in docs:
        allf = doc_flags([t for toks, *_ in doc for t in toks]) if doc_flags else None
        at = 0  # the next sentence's first piece in the document
        cur_t, cur_l, cur_s, cur_c, cur_f = [], [], [], [], []
        for toks, tags, *rest in doc:
            flags = allf[at:at + len(toks)] if allf else [None] * len(toks)
            at += len(toks)
            cont = set(rest[0]) if rest else set()
            if not toks:
                continue
            while len(toks) > max_len:  # very long sentence: split (avoid cutting inside an entity when possible)
                cut = max_len
                while cut > max_len // 2 and tags[cut].startswith("I-"):
                    cut -= 1
                if tags[cut].startswith("I-"):  # no entity boundary in the second half: cut at the limit
                    cut = max_len
                emit(toks[:cut], tags[:cut], [0], sorted(i for i in cont if i < cut), flags[:cut])
                toks, tags, flags, cont = toks[cut:], tags[cut:], flags[cut:], {i - cut for i in cont if i >= cut}
                if tags and tags[0].startswith("I-"):
                    tags = ["B-" + tags[0][2:]] + tags[1:]
            if cur_t and len(cur_t) + len(toks) > max_len:
                emit(cur_t, cur_l, cur_s, cur_c, cur_f)
                cur_t, cur_l, cur_s, cur_c, cur_f = [], [], [], [], []
            cur_s.append(len(cur_t))
            cur_c += sorted(len(cur_t) + i for i in cont)
            cur_t += toks
            cur_l += tags
            cur_f += flags
        if cur_t:
            emit(cur_t, cur_l, cur_s, cur_c, cur_f)
    return seqs


def load_iob1(path, source):
    docs = []
    for doc in read_columns(path):
        d = []
        for sent in doc:
            toks = [t for t, _ in sent]
            d.append(resplit(toks, iob1_to_bio([g for _, g in sent])))
        docs.append(d)
    return docs


def load_wnut(path):
    docs = []
    for doc in read_columns(path, sep="\t"):
        for sent in doc:
            tags = []
            for _, g in sent:
                if g == "O":
                    tags.append("O")
                else:
                    t = WNUT_MAP.get(g[2:])
                    tags.append(g[:2] + t if t else "O")
            docs.append([resplit([t for t, _ in sent], tags)])
    return docs


def merge_at_mentions(toks, tags):
    """BTC tags '@' and the username as two B- entities; they are one ('@' + username), so the username becomes I-."""
    tags = list(tags)
    for i in range(len(toks) - 1):
        if toks[i] == "@" and tags[i] != "O" and tags[i + 1][2:] == tags[i][2:]:
            tags[i + 1] = "I-" + tags[i][2:]
    return tags


def load_btc(path):
    docs = []
    for doc in read_columns(path, sep="\t"):
        for sent in doc:
            toks = [t for t, _ in sent]
            docs.append([resplit(toks, merge_at_mentions(toks, [g for _, g in sent]))])
    return docs


def utf16_offsets(text):
    """u16[i]: the UTF-16 offset of code point i of text (len(text) + 1 entries): synth.py's spans count code points,
    the tokenizer counts UTF-16 units, as JavaScript does."""
    u16 = [0]
    for ch in text:
        u16.append(u16[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return u16


def spans_to_bio(text, spans):
    toks = pf.tokenize(text)
    u16 = utf16_offsets(text)
    sp = [(u16[s], u16[e], lab) for s, e, lab, *_ in spans]
    tags = []
    for s, e, _ in toks:
        tag = "O"
        for a, b, lab in sp:
            if s >= a and e <= b:
                tag = ("B-" if s == a else "I-") + lab
                break
        tags.append(tag)
    return [t for _, _, t in toks], tags


def load_synth(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append([spans_to_bio(d["text"], d["spans"])])
    return docs


def build_gazetteers():
    g = os.path.join(DATA, "gazetteers")

    def census(name, top):
        out = []
        with open(os.path.join(g, "us-census-1990-names", name)) as f:
            for line in f:
                if line.split() and len(out) < top:
                    out.append(pf.normalize(line.split()[0]))
        return out

    def norm_key(s):
        toks = [pf.normalize(t) for _, _, t in pf.tokenize(s)]
        return " ".join(toks) if 0 < len(toks) <= pf.MAX_SPAN else None

    def libpostal(name):
        out = set()
        with open(os.path.join(g, "libpostal-en", name)) as f:
            for line in f:
                for form in line.strip().split("|"):
                    k = norm_key(form)
                    if k:
                        out.add(k)
        return out

    cities, regions = set(), set()
    with open(os.path.join(g, "world-cities", "world-cities.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for val, dest in ((row["name"], cities), (row["subcountry"], regions), (row["country"], regions)):
                k = norm_key(val)
                if k:
                    dest.add(k)
    gaz = {
        "first_name": sorted(set(census("dist.male.first", 10000) + census("dist.female.first", 10000))),
        "surname": sorted(set(census("dist.all.last", 40000))),
        "city": sorted(cities),
        "region": sorted(regions),
        "title": sorted(libpostal("personal_titles.txt") | libpostal("personal_suffixes.txt")),
        "company_type": sorted(libpostal("company_types.txt")),
        "street_type": sorted(libpostal("street_types.txt")),
        "org_word": sorted(ORG_WORDS),
    }
    return gaz


def load_wikigold():
    return load_iob1(os.path.join(DATA, "wikigold", "wikigold.conll.txt"), "wikigold")


def dev_sets(work, max_seq, wikigold=None, doc_flags=None):
    """The dev sets, packed like training: CoNLL-2003 testa, WNUT-17 dev, BTC dev, every 5th WikiGold article and the
    synthetic held-out split (WORK/synth). wikigold: the corpus as load_wikigold returns it, when already read;
    doc_flags: as pack_sentences takes it."""
    wikigold = wikigold or load_wikigold()

    def pack(docs, source):
        return pack_sentences(docs, max_seq, source, doc_flags)

    return {
        "conll": pack(load_iob1(os.path.join(DATA, "conll2003", "eng.testa"), "conll"), "conll"),
        "wnut17": pack(load_wnut(os.path.join(DATA, "wnut17", "emerging.dev.conll")), "wnut17"),
        "btc": pack(load_btc(os.path.join(DATA, "btc", "btc.dev")), "btc"),
        "wikigold": pack([d for i, d in enumerate(wikigold) if i % 5 == 4], "wikigold"),
        "synth": pack(load_synth(os.path.join(work, "synth", "synth_heldout.jsonl")), "synth"),
    }


def write_split(work, split, sets):
    for name, seqs in sets.items():
        with open(os.path.join(work, "data", f"{split}.{name}.json"), "w", encoding="utf-8") as f:
            json.dump(seqs, f, ensure_ascii=False)
        ntok = sum(len(s["tokens"]) for s in seqs)
        print(f"{split}.{name}: {len(seqs)} sequences, {ntok} tokens", file=sys.stderr)


def main():
    work = sys.argv[1]
    no_conll = "--no-conll" in sys.argv
    if "--dev-only" in sys.argv:  # rewrite WORK's dev files only (same packing as its training data; vocabularies kept)
        model = os.path.join(work, "model")
        gaz = json.load(open(os.path.join(model, "gazetteers.json"), encoding="utf-8"))
        flagger = pf.document_flagger(pf.featurizer_name(model), gaz["first_name"])
        write_split(work, "dev", dev_sets(work, training_max_seq(work), doc_flags=flagger))
        return
    featurizer = sys.argv[sys.argv.index("--featurizer") + 1] if "--featurizer" in sys.argv else "phi-word-v1"
    assert featurizer in pf.FEATURIZERS, f"--featurizer: one of {pf.FEATURIZERS}"
    gazetteers = build_gazetteers()
    flagger = pf.document_flagger(featurizer, gazetteers["first_name"])
    # sequence length: consecutive sentences of a document are packed up to it (the model's context; the gateway's
    # window, config.json max_length, is at most this: package_model.py --window)
    max_seq = int(sys.argv[sys.argv.index("--max-seq") + 1]) if "--max-seq" in sys.argv else MAX_SEQ
    assert 8 <= max_seq <= 256, "--max-seq: the model has 256 position embeddings"

    def pack(docs, source):
        return pack_sentences(docs, max_seq, source, flagger)

    os.makedirs(os.path.join(work, "data"), exist_ok=True)
    os.makedirs(os.path.join(work, "model"), exist_ok=True)
    wikigold = load_wikigold()
    splits = {
        "train": {
            "wnut17": pack(load_wnut(os.path.join(DATA, "wnut17", "wnut17train.conll")), source="wnut17"),
            "btc": pack(load_btc(os.path.join(DATA, "btc", "btc.train")), source="btc"),
            "wikigold": pack([d for i, d in enumerate(wikigold) if i % 5 != 4], source="wikigold"),
            "synth": pack(load_synth(os.path.join(work, "synth", "synth_train.jsonl")), source="synth"),
        },
        "dev": dev_sets(work, max_seq, wikigold, flagger),
    }
    if not no_conll:
        splits["train"]["conll"] = pack(load_iob1(os.path.join(DATA, "conll2003", "eng.train"), "conll"), source="conll")
    bias = []
    with open(os.path.join(work, "synth", "bias.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            toks, tags = spans_to_bio(d["text"], [s for s in d["spans"] if s[3] == d["origin"]])
            # persons of other roles (none here: all persons share the origin) and orgs/locs are kept as O
            bias.append({"tokens": toks, "tags": tags, "src": d["origin"]})
    for split, sets in splits.items():
        write_split(work, split, sets)
    with open(os.path.join(work, "data", "bias.json"), "w", encoding="utf-8") as f:
        json.dump(bias, f, ensure_ascii=False)
    with open(os.path.join(work, "data", "max_seq.txt"), "w", encoding="utf-8") as f:
        f.write(f"{max_seq}\n")

    # vocabulary: labeled training tokens (weighted) + the unlabeled fastText corpus
    counts = collections.Counter()
    chars = collections.Counter()
    for seqs in splits["train"].values():
        for s in seqs:
            for t in s["tokens"]:
                counts[pf.normalize(t)] += 5
                chars.update(list(t)[: pf.MAX_CHARS])
    with open(os.path.join(work, "ft_corpus.txt"), encoding="utf-8") as f:
        for line in f:
            counts.update(line.split())
    vocab = ["<pad>", "<unk>"] + [w for w, c in counts.most_common(VOCAB_SIZE - 2) if c >= 3]
    with open(os.path.join(work, "model", "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab))
    char_list = ["<pad>", "<unk>"] + sorted(c for c, n in chars.items() if n >= 5 and c not in pf.JS_WS)
    with open(os.path.join(work, "model", "chars.json"), "w", encoding="utf-8") as f:
        json.dump(char_list, f, ensure_ascii=False)
    with open(os.path.join(work, "model", "gazetteers.json"), "w", encoding="utf-8") as f:
        json.dump(gazetteers, f, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(work, "model", "featurizer.txt"), "w", encoding="utf-8") as f:
        f.write(f"{featurizer}\n")
    print(f"vocab {len(vocab)} words, {len(char_list)} chars", file=sys.stderr)


if __name__ == "__main__":
    main()

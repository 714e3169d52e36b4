"""Variants of evaluation sets whose Vietnamese names are written with their diacritics ("Nguyen" -> "Nguyễn").

    python3 diacritic_sets.py IN.jsonl OUT.jsonl [ORIGINALS.jsonl]

synth.py's name lists write Vietnamese names in ASCII, as US records usually do; records elsewhere, and patients
typing their own names, write "Nguyễn Thị Hương". This rewrites every word of a PERSON span that is a Vietnamese
name of `NATIVE` (whole word, case kept: "NGUYEN" -> "NGUYỄN") and moves the offsets after it. IN is either an
evaluation jsonl ({"text", "entities": [{"type", "start", "end"}]}, compare_models.js jsonl:) or a bias set
({"text", "spans": [[start, end, type, origin]]}, bias:); OUT has the same form and holds only the documents in
which some name changed; ORIGINALS, when given, gets those documents as they were (the same documents in ASCII, to
compare with). Offsets are UTF-16 code units, as the gateway counts them. Prints how many documents and
PERSON spans changed. Deterministic.
"""
import json
import re
import sys

# the Vietnamese names of names.py's east_asian lists, and their spelling with diacritics
NATIVE = {
    "Nguyen": "Nguyễn", "Tran": "Trần", "Le": "Lê", "Pham": "Phạm", "Hoang": "Hoàng", "Vu": "Vũ", "Dang": "Đặng",
    "Bui": "Bùi", "Do": "Đỗ", "Ngo": "Ngô", "Duong": "Dương", "Ly": "Lý", "Dinh": "Đinh", "Trinh": "Trịnh",
    "Truong": "Trương", "Lam": "Lâm", "Doan": "Đoàn", "Vuong": "Vương", "Quach": "Quách", "Tong": "Tống",
    "Luu": "Lưu", "Huong": "Hương", "Duc": "Đức", "Ngoc": "Ngọc", "Tuan": "Tuấn", "Bao": "Bảo", "Hanh": "Hạnh",
    "Hieu": "Hiếu", "Khanh": "Khánh", "Phuong": "Phương", "Quyen": "Quyên", "Thao": "Thảo", "Tam": "Tâm",
    "Thuy": "Thủy", "Dat": "Đạt", "Xuan": "Xuân", "Chau": "Châu",
}
WORD = re.compile(r"[A-Za-z]+")
PERSON = {"PER", "PERSON"}


def u16(s):
    """Length of s in UTF-16 code units."""
    return len(s.encode("utf-16-le")) // 2


def native(word):
    """word in its Vietnamese spelling, its case kept; None when it is not a listed name."""
    key = word[0].upper() + word[1:].lower()
    if key not in NATIVE:
        return None
    out = NATIVE[key]
    if word.isupper() and len(word) > 1:
        return out.upper()
    if word.islower():
        return out.lower()
    return out if word == key else None


def index_of(text, unit):
    """Python index of the character that starts at UTF-16 offset `unit`."""
    n = 0
    for i, ch in enumerate(text):
        if n >= unit:
            return i
        n += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def rewrite(doc):
    """(new document, number of PERSON spans changed)."""
    text = doc["text"]
    bias = "spans" in doc
    spans = [list(s) for s in doc["spans"]] if bias else [dict(e) for e in doc["entities"]]
    get = (lambda s: (s[0], s[1], s[2])) if bias else (lambda e: (e["start"], e["end"], e["type"]))
    edits = []  # (utf-16 start, utf-16 end, replacement)
    changed = 0
    for s in spans:
        start, end, typ = get(s)
        if typ not in PERSON:
            continue
        a, b = index_of(text, start), index_of(text, end)
        hit = False
        for m in WORD.finditer(text, a, b):
            rep = native(m.group())
            if rep is not None:
                off = u16(text[:m.start()])
                edits.append((off, off + u16(m.group()), rep))
                hit = True
        changed += hit
    if not edits:
        return None, 0
    edits = sorted(set(edits))

    def moved(x):
        """Offset x after the edits, all of which lie wholly before or after it (they are inside words)."""
        return x + sum(u16(rep) - (e - s) for s, e, rep in edits if e <= x)

    out_text = text
    for s, e, rep in reversed(edits):
        a, b = index_of(out_text, s), index_of(out_text, e)
        out_text = out_text[:a] + rep + out_text[b:]
    new = dict(doc, text=out_text)
    if bias:
        new["spans"] = [[moved(s[0]), moved(s[1]), *s[2:]] for s in spans]
    else:
        new["entities"] = [dict(e, start=moved(e["start"]), end=moved(e["end"])) for e in spans]
    if "templates" in doc:
        new["templates"] = [[moved(t[0]), moved(t[1]), *t[2:]] for t in doc["templates"]]
    return new, changed


def main():
    src, out = sys.argv[1], sys.argv[2]
    originals = open(sys.argv[3], "w", encoding="utf-8") if len(sys.argv) > 3 else None
    docs = spans = 0
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            doc = json.loads(line)
            new, changed = rewrite(doc)
            if new is None:
                continue
            docs += 1
            spans += changed
            g.write(json.dumps(new, ensure_ascii=False) + "\n")
            if originals:
                originals.write(json.dumps(doc, ensure_ascii=False) + "\n")
    if originals:
        originals.close()
    print(f"{out}: {docs} documents, {spans} PERSON spans with Vietnamese diacritics")


if __name__ == "__main__":
    main()

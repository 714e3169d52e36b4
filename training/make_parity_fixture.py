"""Write test/fixtures/phi-ner-small-parity.json: raw texts and the exact model inputs the Python featurizer makes
for them with the resources in MODEL_DIR (phi-word-v1, or v2 with its document flags, as the folder's config says). The TypeScript test asserts identical tokens, offsets and inputs.

    python3 make_parity_fixture.py MODEL_DIR OUT.json
"""
import json
import sys

import phi_features as pf

TEXTS = [
    "Dr. Maria Gonzalez saw the patient at Boston General Hospital in Chicago.",
    "PATIENT: O'CONNOR, MARY-KATE  DOB 03/14/1962  MRN 00482913",
    "hey can u email john smith @ acme corp re: my visit to st. mary's in new york??",
    "Zoë Müller-Lüdenscheidt wohnt in Zürich; Søren Kierkegaard in København. naïve café",
    "Emoji test 😀👍🏽 👨‍👩‍👧 then Ahmed Al-Rashid ✈️ to Dubai… “quoted” — dash",
    "中文 王小明 住在北京市。 日本語の山田太郎さん。 한국어 김민준",
    "Tabs\tand\u00a0non-breaking\u2003spaces\u3000and\ufeffBOM, 12,345.67 ½ ² Ⅻ ٣٤٥ x²",
    "İSTANBUL ΟΔΥΣΣΕΑΣ straße ǅemal Ǉubljana",
    "Cardinal Joseph Bernardin spoke. Bernardin left with Mary Smith; smith, SMITH and Émile Zola. Later Zola and Smith.",
    "",
    "   ",
    "Seen by Dr Wei Zhang (cardiology) at St. Luke's Medical Center, 1200 N Oak Street, Springfield, IL 62704.",
    # spellings with characters training never saw (phi_word.fold_unknown), also decomposed
    "Bà Nguyễn Thị Hương gọi điện; ĐẶNG VĂN ĐỨC và Trần Ngọc. Sandviken, Åsa Ødegård, Łódź, Ma\u0301ria Nguye\u0302\u0303n.",
]


def main():
    fz = pf.Featurizer.load(sys.argv[1])
    cases = []
    for text in TEXTS:
        toks = pf.tokenize(text)
        feats = fz.encode([t for _, _, t in toks])
        cases.append({
            "text": text,
            "tokens": [[s, e] for s, e, _ in toks],
            "inputs": {
                "word_ids": feats["word_ids"],
                "shape_ids": feats["shape_ids"],
                "char_ids": [c for row in feats["char_ids"] for c in row],
                "gazetteers": [g for row in feats["gazetteers"] for g in row],
                "attention_mask": feats["attention_mask"],
            },
        })
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        # one case per line: readable diffs, compact file
        f.write(f'{{"featurizer": "{fz.name}", "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {sys.argv[2]}")


if __name__ == "__main__":
    main()

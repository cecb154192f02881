#!/usr/bin/env python3
"""List the candidate articles of the real-news gold set (tests/gold/news), deterministically.

Rule: an article qualifies when its gold text (Dragnet: before the comments separator; SpkAtt:
tokens joined by spaces; factRuEval: the .txt file; L3S-GN1: the `articleBody` of
scripts/extraction_sets.py, i.e. the page's full-text spans one per line, headline apart) is 300-6000 characters long and holds at least
MIN_HITS distinct stems of the conflict/security/diplomacy/sanctions/protest/arms keyword list of
its language (the fourth column is the number of stems hit). The annotator takes first the
candidates with >= 5 stems, then those with 3-4, each pass sorted by file name, skipping only
articles that are not news reports on those topics, and assigns the k-th kept article of a
language (k = 0, 1, ...) to `dev` when k is even and to `test` when odd
(tests/gold/news/README.md lists what was skipped).

Stop 21 adds French, Spanish and Ukrainian with the same rule and their own keyword lists:
Spanish articles of CoNLL-2002 (`esp.testa#<n>`: the n-th article of that file, cut at the EFE
datelines, tokens rebuilt into text as `conll_text` does), Ukrainian NER-UK 2.0 brat texts (the
tokenised `.txt`, as is), French UD_French-Sequoia `annodis.er_*` articles (sentence-id ranges,
cut at headlines) and, as a sentence-level French batch, UD_French-GSD dev/test sentences with
>= GSD_MIN_HITS stems (no length floor; items sorted by name; first pass >= 2 stems, second 1).

Usage: scripts/select_news_gold.py SHARED_DATA_DIR UNPACKED_DIR [SETS_DIR [LANGS]]
(UNPACKED_DIR holds dragnet/, factRuEval-2016/ and ner-uk-v2.0/ unpacked from their tarballs;
LANGS is a comma list such as `fr,es,uk`, default all; SETS_DIR is where
scripts/extraction_sets.py wrote its sets, default $ARMSGRAPH_CACHE/extraction-dev or
~/.cache/armsgraph/extraction-dev. L3S-GN1 is listed only when SETS_DIR/l3s-gn1 exists.)

L3S-GN1 pages are named as the gold set names them, `L3S-GN1/annotated/<uuid>.html`, and sorted by
that name like the other sets. The set samples Google News's World, Technology, Sports and
Entertainment sections of 2008, so the keyword rule lets through some non-news pages too; the
annotator skips those as for Dragnet.
"""
import glob
import json
import os
import re
import sys

MIN_HITS = 3
# GSD items are single sentences: first pass >= 2 stems, second pass exactly 1.
GSD_MIN_HITS = 1
KEYWORDS = {
    "en": ["military", "troops", "soldier", "army", "war", "attack", "missile", "weapon", "arms",
           "sanction", "nuclear", "protest", "police", "rebel", "militant", "minister", "diplomat",
           "treaty", "talks", "embassy", "bomb", "killed", "terror", "ceasefire", "invasion",
           "security council", "nato", "united nations"],
    "de": ["militär", "soldat", "armee", "krieg", "angriff", "rakete", "waffe", "sanktion",
           "atom", "protest", "demonstr", "polizei", "rebell", "minister", "botschaft",
           "verhandl", "bombe", "getötet", "terror", "waffenstillstand", "nato",
           "vereinte nationen", "sicherheitsrat", "regierung"],
    "ru": ["военн", "войск", "солдат", "арми", "войн", "атак", "ракет", "оружи", "санкци",
           "ядерн", "протест", "митинг", "полици", "боевик", "министр", "посол", "переговор",
           "взрыв", "убит", "террор", "нато", "оон", "совбез", "удар", "конфликт"],
    # Stop 21: general conflict/diplomacy vocabulary of the same kinds, written before any
    # article was read (none of it taken from the articles).
    "fr": ["militaire", "soldat", "armée", "guerre", "attaque", "missile", "arme", "sanction",
           "nucléaire", "manifest", "police", "gendarm", "rebelle", "ministre", "diplomat",
           "traité", "négoci", "ambassad", "bombe", "terror", "cessez-le-feu", "otan",
           "nations unies", "conseil de sécurité", "gouvernement", "conflit", "attentat"],
    "es": ["militar", "soldado", "ejército", "guerra", "ataque", "misil", "arma", "sanci",
           "nuclear", "protesta", "manifesta", "policía", "rebelde", "guerriller", "ministro",
           "diplomá", "tratado", "negocia", "embajad", "bomba", "terror", "alto el fuego",
           "otan", "naciones unidas", "consejo de seguridad", "gobierno", "atentado",
           "conflicto"],
    "uk": ["військ", "солдат", "армі", "війн", "атак", "ракет", "збро", "санкці", "ядерн",
           "протест", "мітинг", "поліці", "бойовик", "міністр", "посол", "переговор", "вибух",
           "вбит", "терор", "нато", "оон", "радбез", "удар", "конфлікт", "обстріл"],
}


def hits(text, lang):
    low = text.lower()
    return sorted({k for k in KEYWORDS[lang] if k in low})


def dragnet(unpacked):
    for f in sorted(glob.glob(os.path.join(unpacked, "dragnet/Corrected/*.corrected.txt"))):
        text = open(f, encoding="utf-8", errors="replace").read()
        text = text.split("!@#$%^&*()  COMMENTS")[0]
        yield "en", "extraction-dev/dragnet", os.path.relpath(f, unpacked), text


def default_sets_dir():
    base = os.environ.get("ARMSGRAPH_CACHE")
    root = base if base else os.path.join(os.path.expanduser("~"), ".cache", "armsgraph")
    return os.path.join(root, "extraction-dev")


def l3s(sets_dir):
    """L3S-GN1 gold texts as `eval extraction` and `eval news` read them (one reader of the spans:
    scripts/extraction_sets.py)."""
    truth_path = os.path.join(sets_dir, "l3s-gn1", "ground-truth.json")
    if not os.path.isfile(truth_path):
        print(f"{truth_path} missing: run scripts/extraction_sets.py to list L3S-GN1", file=sys.stderr)
        return
    truth = json.load(open(truth_path, encoding="utf-8"))
    for pid in sorted(truth):
        yield "en", "extraction-dev/L3S-GN1", f"L3S-GN1/annotated/{pid}.html", truth[pid]["articleBody"]


def spkatt(shared):
    for f in sorted(glob.glob(os.path.join(shared, "spkatt-2023-de/task2-news/train/*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        text = " ".join(" ".join(s["Tokens"]) for s in d["Sentences"])
        yield "de", "spkatt-2023-de/task2-news", os.path.relpath(f, os.path.join(shared, "spkatt-2023-de/task2-news")), text


def factrueval(unpacked):
    for f in sorted(glob.glob(os.path.join(unpacked, "factRuEval-2016/*/book_*.txt"))):
        text = open(f, encoding="utf-8-sig").read()
        yield "ru", "ner/factrueval-2016", os.path.relpath(f, unpacked), text


def xz_text(path):
    """A single xz-compressed text file of the shared data, read whole."""
    import lzma
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return f.read()


# CoNLL-2002 Spanish (EFE wire, May 2000): the NLTK copy has no -DOCSTART- lines; every article
# opens with its dateline sentence, `<place> , <day> <month> ( EFE ) .` (or `EFECOM`), so an
# article runs from one dateline sentence to the next (the first from the file's start).
CONLL_DATELINE = re.compile(r", \d{1,2} [a-z]{3} \( EFE\w* \) \.$")
# Tokens glued to the left (no space before) and to the right (no space after) when the text is
# rebuilt; straight double quotes alternate between opening and closing. The same rule as
# `armsgraph_eval::news::conll_text`.
CONLL_CLOSING = {".", ",", ";", ":", "!", "?", ")", "»", "]", "”", "%", "..."}
CONLL_OPENING = {"(", "¿", "¡", "«", "[", "“"}


def conll_sentences(raw):
    sents, cur = [], []
    for line in raw.split("\n"):
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(line.split(" ")[0])
    if cur:
        sents.append(cur)
    return sents


def conll_articles(raw):
    arts, cur = [], []
    for s in conll_sentences(raw):
        if cur and CONLL_DATELINE.search(" ".join(s)):
            arts.append(cur)
            cur = []
        cur.append(s)
    if cur:
        arts.append(cur)
    return arts


def conll_text(sentences):
    out, quote_open, glue = [], False, False
    for s in sentences:
        for t in s:
            closing, opening = t in CONLL_CLOSING, t in CONLL_OPENING
            if t == '"':
                closing, opening = quote_open, not quote_open
                quote_open = not quote_open
            if out and not closing and not glue:
                out.append(" ")
            out.append(t)
            glue = opening
    return "".join(out)


def conll2002(shared):
    for name in ("esp.testa", "esp.testb", "esp.train"):
        raw = xz_text(os.path.join(shared, "ner/conll2002-es", name + ".xz"))
        for i, art in enumerate(conll_articles(raw)):
            yield "es", "ner/conll2002-es", f"{name}#{i}", conll_text(art)


def ner_uk(unpacked):
    """NER-UK 2.0 brat originals: the tokenised `.txt` of each text, as is."""
    pattern = os.path.join(unpacked, "ner-uk-v2.0/v2.0/data/*/*.txt")
    for f in sorted(glob.glob(pattern)):
        text = open(f, encoding="utf-8-sig").read()
        yield "uk", "ner/ner-uk-2.0", os.path.relpath(f, unpacked), text


def conllu_texts(raw):
    """(sent_id, text) of each sentence of a CoNLL-U file."""
    sid = None
    for line in raw.split("\n"):
        if line.startswith("# sent_id = "):
            sid = line[len("# sent_id = "):].strip()
        elif line.startswith("# text = ") and sid is not None:
            yield sid, line[len("# text = "):]
            sid = None


def sequoia_articles(shared):
    """UD_French-Sequoia's `annodis.er_*` sentences (L'Est Républicain, 1999), gathered from its
    three files and put back in id order; an article opens at a headline, i.e. a sentence with
    no final punctuation, unless the article so far holds only headlines (the same rule as
    `armsgraph_eval::news::sequoia_articles`)."""
    rows = []
    for part in ("train", "dev", "test"):
        raw = xz_text(os.path.join(shared, f"ud/UD_French-Sequoia/fr_sequoia-ud-{part}.conllu.xz"))
        rows += [(i, t) for i, t in conllu_texts(raw) if i.startswith("annodis.er_")]
    rows.sort()
    arts, cur = [], []
    for sid, text in rows:
        headline = not SEQUOIA_FINAL.search(text)
        if headline and cur and not all(not SEQUOIA_FINAL.search(t) for _, t in cur):
            arts.append(cur)
            cur = []
        cur.append((sid, text))
    if cur:
        arts.append(cur)
    for art in arts:
        name = f"{art[0][0]}..{art[-1][0]}"
        yield "fr", "ud/UD_French-Sequoia", name, "\n".join(t for _, t in art)


SEQUOIA_FINAL = re.compile(r"[.!?:;\"»…)]\s*$")


def french_gsd(shared):
    """UD_French-GSD dev and test: single sentences of mixed web text (news among it) in
    shuffled order, so each sentence is one item (a second, sentence-level French batch)."""
    for part in ("dev", "test"):
        name = f"fr_gsd-ud-{part}.conllu"
        raw = xz_text(os.path.join(shared, "ud/UD_French-GSD", name + ".xz"))
        for sid, text in conllu_texts(raw):
            yield "fr", "ud/UD_French-GSD", f"{name}#{sid}", text


def main():
    shared, unpacked = sys.argv[1], sys.argv[2]
    sets_dir = sys.argv[3] if len(sys.argv) > 3 else default_sets_dir()
    only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None
    gens = {
        "en": lambda: [dragnet(unpacked), l3s(sets_dir)],
        "de": lambda: [spkatt(shared)],
        "ru": lambda: [factrueval(unpacked)],
        "es": lambda: [conll2002(shared)],
        "uk": lambda: [ner_uk(unpacked)],
        "fr": lambda: [sequoia_articles(shared)],
    }
    for lang, make in gens.items():
        if only and lang not in only:
            continue
        for gen in make():
            for _, source, name, text in gen:
                h = hits(text, lang)
                if 300 <= len(text) <= 6000 and len(h) >= MIN_HITS:
                    print(f"{lang}\t{source}\t{name}\t{len(h)}\t{','.join(h)}")
    if not only or "fr" in only:
        # French GSD sentences are short by nature: no length floor, >= 1 stem (two passes).
        for _, source, name, text in sorted(french_gsd(shared), key=lambda r: r[2]):
            h = hits(text, "fr")
            if len(h) >= GSD_MIN_HITS:
                print(f"fr\t{source}\t{name}\t{len(h)}\t{','.join(h)}")


if __name__ == "__main__":
    main()

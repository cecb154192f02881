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

Usage: scripts/select_news_gold.py SHARED_DATA_DIR UNPACKED_DIR [SETS_DIR]
(UNPACKED_DIR holds dragnet/ and factRuEval-2016/ unpacked from their tarballs; SETS_DIR is where
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


def main():
    shared, unpacked = sys.argv[1], sys.argv[2]
    sets_dir = sys.argv[3] if len(sys.argv) > 3 else default_sets_dir()
    for gen in (dragnet(unpacked), l3s(sets_dir), spkatt(shared), factrueval(unpacked)):
        for lang, source, name, text in gen:
            h = hits(text, lang)
            if 300 <= len(text) <= 6000 and len(h) >= MIN_HITS:
                print(f"{lang}\t{source}\t{name}\t{len(h)}\t{','.join(h)}")


if __name__ == "__main__":
    main()

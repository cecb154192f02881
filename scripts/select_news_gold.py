#!/usr/bin/env python3
"""List the candidate articles of the real-news gold set (tests/gold/news), deterministically.

Rule: an article qualifies when its gold text (Dragnet: before the comments separator; SpkAtt:
tokens joined by spaces; factRuEval: the .txt file) is 300-6000 characters long and holds at least
MIN_HITS distinct stems of the conflict/security/diplomacy/sanctions/protest/arms keyword list of
its language (the fourth column is the number of stems hit). The annotator takes first the
candidates with >= 5 stems, then those with 3-4, each pass sorted by file name, skipping only
articles that are not news reports on those topics, and assigns the k-th kept article of a
language (k = 0, 1, ...) to `dev` when k is even and to `test` when odd
(tests/gold/news/README.md lists what was skipped).

Usage: scripts/select_news_gold.py SHARED_DATA_DIR UNPACKED_DIR
(UNPACKED_DIR holds dragnet/ and factRuEval-2016/ unpacked from their tarballs.)
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
    for gen in (dragnet(unpacked), spkatt(shared), factrueval(unpacked)):
        for lang, source, name, text in gen:
            h = hits(text, lang)
            if 300 <= len(text) <= 6000 and len(h) >= MIN_HITS:
                print(f"{lang}\t{source}\t{name}\t{len(h)}\t{','.join(h)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate data/syntax/uk-lexicon.tsv.xz (xz-compressed), the Ukrainian tag and lemma lexicon of the uk
syntax model, from the PyPI package pymorphy3-dicts-uk (data: CC BY-SA; see
data/syntax/README.md for origin and licence).

Run once, offline afterwards (only the generation needs the package, never armsgraph):

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install pymorphy3==2.0.* pymorphy3-dicts-uk==2.4.1.1.1663094765
    /tmp/lexvenv/bin/python scripts/syntax_lexicon_uk.py | xz -9 > data/syntax/uk-lexicon.tsv.xz

The dictionary has 6.5 million (form, lemma, tag) entries, 3.7 million distinct forms: too
many to ship. The output keeps the same knowledge in far fewer lines, exactly for the
dictionary's own words (see `compact`):

    ~<suffix>\t<classes>      the most common UPOS set of the forms ending in <suffix>
    =<form>\t<classes>        a form whose set differs from its ending's
    L~<suffix>\t<UPOS>\t<script>, L=<form>\t<UPOS>\t<script>  lemma edit scripts

`<classes>` is the sorted `|`-joined set of UD UPOS tags the form can have. A word of the
text takes the class of its whole form if listed, else of its longest listed ending, so
words outside the dictionary get the class of their ending.
"""
import collections
import sys

MAX_SUFFIX = 7

# pymorphy's OpenCorpora-style part of speech → UD UPOS. Pronouns (NPRO) cover both UD PRON
# and DET (цей, свій, який); the model's closed-class list decides those words.
POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "VERB": "VERB",
    "GRND": "VERB",
    "ADVB": "ADV",
    "NUMR": "NUM",
    "PREP": "ADP",
    "PRCL": "PART",
    "INTJ": "INTJ",
}


def upos_of(tag):
    pos = tag.POS
    gram = tag.grammemes
    # Proper nouns count as nouns: the dictionary is lower-case and knows few of them; the
    # model allows PROPN for any capitalised noun.
    if pos == "NPRO":
        return ["PRON", "DET"]
    if pos == "CONJ":
        return ["SCONJ"] if "subord" in gram else ["CCONJ"]
    if pos in POS:
        return [POS[pos]]
    return []


def script(form, lemma):
    """`cut|add`: drop `cut` final chars of the lower-case form, append `add`."""
    common = 0
    for a, b in zip(form, lemma):
        if a != b:
            break
        common += 1
    return f"{len(form) - common}|{lemma[common:]}"


def compact(values):
    """{form: value} → (ending table, whole forms), a decision list: an ending (up to
    MAX_SUFFIX chars) is listed when the most common value of the dictionary forms ending in
    it differs from that of the next shorter listed ending; a form is listed whole when its
    value differs from that of its longest ending. Exact for every dictionary form; a word
    outside the dictionary gets the most common value of its ending."""
    counts = collections.defaultdict(collections.Counter)
    for form, value in values.items():
        for n in range(1, min(MAX_SUFFIX, len(form)) + 1):
            counts[form[-n:]][value] += 1
    major = {
        s: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for s, c in counts.items()
    }
    del counts
    endings = {}
    effective = {}
    for s in sorted(major, key=len):
        parent = effective.get(s[1:]) if len(s) > 1 else None
        if major[s] != parent:
            endings[s] = major[s]
        effective[s] = major[s]
    whole = {}
    for form, value in values.items():
        longest = form[-min(MAX_SUFFIX, len(form)):]
        if effective.get(longest) != value:
            whole[form] = value
    return endings, whole


def entries(lang="uk"):
    """(form, grammemes, POS, lemma) of every entry of pymorphy3's dictionary for `lang`
    (syntax_lexicon_ru.py reads Russian with it); cached in a file named by the environment
    variable LEXICON_CACHE when set (reading the dictionary takes minutes)."""
    import os
    import pickle

    cache = os.environ.get("LEXICON_CACHE")
    if cache and os.path.exists(cache):
        with open(cache, "rb") as f:
            return pickle.load(f)
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=lang)
    out = [
        (form, frozenset(str(g) for g in tag.grammemes), tag.POS and str(tag.POS), lemma)
        for form, tag, lemma, _, _ in morph.dictionary.iter_known_words()
    ]
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(out, f)
    return out


class Tag:
    def __init__(self, grammemes, pos):
        self.grammemes = grammemes
        self.POS = pos


def main():
    classes = collections.defaultdict(set)
    lemmas = collections.defaultdict(collections.Counter)
    for form, grammemes, pos, lemma in entries():
        tag = Tag(grammemes, pos)
        form = form.lower()
        for u in upos_of(tag):
            classes[form].add(u)
            if u in ("NOUN", "ADJ", "VERB", "NUM"):
                lemmas[(u, form)][script(form, lemma.lower())] += 1
    for c in classes.values():
        # The dictionary files substantivised adjectives (домашні, сучасне) as nouns too;
        # UD Ukrainian tags them ADJ far more often (measured on IU dev: ADJ read as NOUN
        # was the largest error left).
        if {"ADJ", "NOUN"} <= c:
            c.discard("NOUN")
    upos = {f: "|".join(sorted(c)) for f, c in classes.items()}
    suffixes, exceptions = compact(upos)
    out = sys.stdout
    out.write("# Ukrainian UPOS classes and lemma scripts by suffix, generated by\n")
    out.write("# scripts/syntax_lexicon_uk.py from pymorphy3-dicts-uk 2.4.1.1.1663094765\n")
    out.write("# (CC BY-SA; see data/syntax/README.md). Do not edit by hand.\n")
    for s in sorted(suffixes):
        out.write(f"~{s}\t{suffixes[s]}\n")
    for f in sorted(exceptions):
        out.write(f"={f}\t{exceptions[f]}\n")
    for u in sorted({u for u, _ in lemmas}):
        best = {
            f: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]
            for (v, f), c in lemmas.items()
            if v == u
        }
        suf, exc = compact(best)
        for s in sorted(suf):
            out.write(f"L~{s}\t{u}\t{suf[s]}\n")
        for f in sorted(exc):
            out.write(f"L={f}\t{u}\t{exc[f]}\n")
    print(
        f"{len(upos)} forms: {len(suffixes)} suffixes, {len(exceptions)} whole forms",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

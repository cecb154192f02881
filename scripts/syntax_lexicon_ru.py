#!/usr/bin/env python3
"""Generate data/syntax/ru-lexicon.tsv.xz (xz-compressed), the Russian tag, lemma and morphology lexicon of the
ru syntax model, from the PyPI package pymorphy3-dicts-ru (the OpenCorpora dictionary;
data CC BY-SA 3.0, see data/syntax/README.md for origin and licence).

Run once, offline afterwards (only the generation needs the package, never armsgraph):

    python3 -m venv /tmp/lexvenv
    /tmp/lexvenv/bin/pip install pymorphy3==2.0.6 pymorphy3-dicts-ru==2.4.417150.4580142
    /tmp/lexvenv/bin/python scripts/syntax_lexicon_ru.py | xz -9 > data/syntax/ru-lexicon.tsv.xz

The format is the Ukrainian lexicon's (scripts/syntax_lexicon_uk.py: a decision list over
endings, exact for every dictionary form) plus morphology lines:

    R\t<analyses>                           the n-th distinct set of readings (from 0)
    F~<suffix>\t@<n>, F=<form>\t@<n>       the set of readings of an ending or a form

`<analyses>` is the `;`-joined sorted set of `UPOS:Feat=Val|…` readings of the form, the
OpenCorpora grammemes mapped to UD features (Case, Number, Gender, Animacy, Aspect, Tense,
Person, Mood, VerbForm, Voice, Degree, Variant). The tagger reads them as features for its
FEATS classifier, which learns from the treebank how far each reading is to be trusted (the
two annotation schemes do not agree everywhere, e.g. on Voice or the Animacy of adjectives).
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from syntax_lexicon_uk import compact, entries, script  # noqa: E402  (same format, same helpers)

CASE = {
    "nomn": "Nom", "gent": "Gen", "gen1": "Gen", "gen2": "Gen", "datv": "Dat",
    "accs": "Acc", "acc2": "Acc", "ablt": "Ins", "loct": "Loc", "loc1": "Loc",
    "loc2": "Loc", "voct": "Voc",
}
SIMPLE = {
    "sing": ("Number", "Sing"), "plur": ("Number", "Plur"),
    "masc": ("Gender", "Masc"), "femn": ("Gender", "Fem"), "neut": ("Gender", "Neut"),
    "anim": ("Animacy", "Anim"), "inan": ("Animacy", "Inan"),
    "perf": ("Aspect", "Perf"), "impf": ("Aspect", "Imp"),
    "pres": ("Tense", "Pres"), "past": ("Tense", "Past"), "futr": ("Tense", "Fut"),
    "1per": ("Person", "1"), "2per": ("Person", "2"), "3per": ("Person", "3"),
    "indc": ("Mood", "Ind"), "impr": ("Mood", "Imp"),
    "pssv": ("Voice", "Pass"),
}
# OpenCorpora marks names by these grammemes on a NOUN.
NAME = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}


def upos_of(pos, gram, lemma):
    """UD UPOS tags of one OpenCorpora reading."""
    if pos == "NOUN":
        return ["PROPN"] if gram & NAME else ["NOUN"]
    if pos in ("ADJF", "ADJS"):
        # Pronominal adjectives (этот, свой, какой) are UD determiners.
        return ["DET"] if "Apro" in gram else ["ADJ"]
    if pos == "COMP":
        return ["ADJ", "ADV"]
    if pos == "VERB" or pos == "INFN":
        return ["AUX", "VERB"] if lemma == "быть" else ["VERB"]
    if pos in ("PRTF", "PRTS", "GRND"):
        return ["VERB"]
    if pos == "NPRO":
        return ["PRON"]
    if pos == "NUMR":
        return ["NUM"]
    if pos in ("ADVB", "PRED"):
        return ["ADV"]
    if pos == "PREP":
        return ["ADP"]
    if pos == "CONJ":
        return ["CCONJ", "SCONJ"]
    if pos == "PRCL":
        return ["PART"]
    if pos == "INTJ":
        return ["INTJ"]
    return []


def feats_of(pos, gram, form):
    """UD FEATS string of one reading (`_` when none)."""
    f = {}
    for g in gram:
        if g in CASE:
            f["Case"] = CASE[g]
        elif g in SIMPLE:
            k, v = SIMPLE[g]
            f[k] = v
    if pos == "VERB":
        f["VerbForm"] = "Fin"
    elif pos == "INFN":
        f["VerbForm"] = "Inf"
    elif pos in ("PRTF", "PRTS"):
        f["VerbForm"] = "Part"
    elif pos == "GRND":
        f["VerbForm"] = "Conv"
    if pos in ("VERB", "INFN", "PRTF", "PRTS", "GRND") and "Voice" not in f:
        # UD Russian writes reflexive verbs as the middle voice.
        f["Voice"] = "Mid" if form.endswith(("ся", "сь")) else "Act"
    if pos in ("ADJS", "PRTS"):
        f["Variant"] = "Short"
    if pos in ("ADJF", "ADJS") and "Apro" not in gram:
        f["Degree"] = "Sup" if "Supr" in gram else "Pos"
    if pos == "COMP":
        f["Degree"] = "Cmp"
    if pos in ("ADJF", "ADJS", "PRTF", "PRTS") and f.get("Case") != "Acc":
        # UD gives adjectives an animacy only in the accusative.
        f.pop("Animacy", None)
    return "|".join(f"{k}={v}" for k, v in sorted(f.items())) or "_"


def main():
    classes = collections.defaultdict(set)
    lemmas = collections.defaultdict(collections.Counter)
    readings = collections.defaultdict(set)
    for form, gram, pos, lemma in entries("ru"):
        form = form.lower().replace("ё", "е")
        lemma = lemma.lower().replace("ё", "е")
        for u in upos_of(pos, gram, lemma):
            classes[form].add(u)
            if u in ("NOUN", "PROPN", "ADJ", "VERB", "AUX", "NUM", "DET", "PRON"):
                lemmas[(u, form)][script(form, lemma)] += 1
            if u not in ("ADP", "CCONJ", "SCONJ", "PART", "INTJ"):
                readings[form].add(f"{u}:{feats_of(pos, gram, form)}")
    upos = {f: "|".join(sorted(c)) for f, c in classes.items()}
    suffixes, exceptions = compact(upos)
    out = sys.stdout
    out.write("# Russian UPOS classes, lemma scripts and UD morphology by suffix, generated by\n")
    out.write("# scripts/syntax_lexicon_ru.py from pymorphy3-dicts-ru 2.4.417150.4580142\n")
    out.write("# (OpenCorpora 0.92 r417150, CC BY-SA 3.0; see data/syntax/README.md).\n")
    out.write("# Do not edit by hand.\n")
    for s in sorted(suffixes):
        out.write(f"~{s}\t{suffixes[s]}\n")
    for f in sorted(exceptions):
        out.write(f"={f}\t{exceptions[f]}\n")
    n_lemma = 0
    for u in sorted({u for u, _ in lemmas}):
        best = {
            f: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]
            for (v, f), c in lemmas.items()
            if v == u
        }
        suf, exc = compact(best)
        n_lemma += len(suf) + len(exc)
        for s in sorted(suf):
            out.write(f"L~{s}\t{u}\t{suf[s]}\n")
        for f in sorted(exc):
            out.write(f"L={f}\t{u}\t{exc[f]}\n")
    feats = {f: ";".join(sorted(r)) for f, r in readings.items()}
    fsuf, fexc = compact(feats)
    sets = sorted(set(fsuf.values()) | set(fexc.values()))
    number = {v: i for i, v in enumerate(sets)}
    for v in sets:
        out.write(f"R\t{v}\n")
    for s in sorted(fsuf):
        out.write(f"F~{s}\t@{number[fsuf[s]]}\n")
    for f in sorted(fexc):
        out.write(f"F={f}\t@{number[fexc[f]]}\n")
    print(
        f"{len(upos)} forms: UPOS {len(suffixes)} suffixes + {len(exceptions)} forms; "
        f"lemma {n_lemma} lines; feats {len(fsuf)} suffixes + {len(fexc)} forms, "
        f"{len(set(feats.values()))} distinct reading sets",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate data/syntax/de-lexicon.tsv.xz (xz-compressed), the German noun lexicon of the de syntax model, from
the PyPI package german-nouns 1.2.5 (a table of ~100,000 nouns with all their case forms,
compiled from the German Wiktionary; CC BY-SA 4.0; see data/syntax/README.md).

    pip download --no-deps german-nouns==1.2.5 -d /tmp/gn && unzip -o /tmp/gn/*.whl -d /tmp/gn
    python3 scripts/syntax_lexicon_de.py /tmp/gn/german_nouns/nouns.csv | xz -9 > data/syntax/de-lexicon.tsv.xz

Output (format in crates/nlp/src/syntax/lexicon.rs): `=form<TAB>NOUN|PROPN` for every
listed form (whole forms only: an ending says little about whether a German word is a
noun), and lemma edit scripts by ending for NOUN and PROPN (`compact` in
syntax_lexicon_uk.py: exact for the listed forms, and compounds outside the list get the
script of their ending: Waffenlieferungen → Waffenlieferung).
"""
import collections
import csv
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from syntax_lexicon_uk import compact, script  # noqa: E402

PROPER = {"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"}
SKIP = {"Affix", "Gebundenes Lexem", "Buchstabe", "Symbol", "Wortverbindung", "Redewendung"}
CASES = ("nominativ", "genitiv", "dativ", "akkusativ")


def main():
    path = sys.argv[1]
    classes = collections.defaultdict(set)
    lemmas = collections.defaultdict(collections.Counter)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kinds = set(row["pos"].split(","))
            lemma = row["lemma"].strip()
            if kinds & SKIP or not lemma or " " in lemma or "-" == lemma[:1]:
                continue
            upos = "PROPN" if kinds & PROPER else "NOUN"
            forms = {lemma}
            for key, value in row.items():
                if key and key.split(" ")[0] in CASES and value:
                    forms.add(value.strip())
            for form in forms:
                if not form or " " in form:
                    continue
                lower = form.lower()
                classes[lower].add(upos)
                lemmas[(upos, lower)][script(lower, lemma.lower())] += 1
    out = sys.stdout
    out.write("# German nouns: UPOS of each listed form and lemma scripts by ending, generated\n")
    out.write("# by scripts/syntax_lexicon_de.py from german-nouns 1.2.5 (Wiktionary,\n")
    out.write("# CC BY-SA 4.0; see data/syntax/README.md). Do not edit by hand.\n")
    for form in sorted(classes):
        out.write(f"={form}\t{'|'.join(sorted(classes[form]))}\n")
    for u in ("NOUN", "PROPN"):
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
    print(f"{len(classes)} forms", file=sys.stderr)


if __name__ == "__main__":
    main()

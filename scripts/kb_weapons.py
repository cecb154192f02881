"""Weapon systems for the knowledge base: data/kb/curated/weapons.tsv and its guard.

Called by scripts/build_kb.py after every other entity is in, so that a weapon name equal to
the name of a state, place, person or organisation can be held back. Inputs (all CC0, written
for armsgraph):
  curated/weapons.tsv        one row per system: id, English name, producer state (ISO3),
                             category, maker, English Wikipedia article, aliases
  curated/weapon-names.tsv   names used in one language only
  curated/weapon-guard.tsv   short names that are ordinary words: they never link alone
  curated/weapon-heads.tsv   designation forms built for the guarded names from the
                             category's head nouns (`Patriot missiles`, `Schützenpanzer Puma`)

The build stops with a message when a row names an unknown category or an invalid ISO3 state,
an id is given twice, or two systems share a name that weapon-guard.tsv does not list as
ambiguous.
"""

import re
import sys
from collections import defaultdict

CATEGORY = "weapon-category:"


def _tsv(path):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    for n, line in enumerate(lines[1:], 2):
        cols = [c.strip() for c in line.split("\t")]
        cols += [""] * (len(header) - len(cols))
        yield n, dict(zip(header, cols))


def _form(text, default):
    """All-capital names (`HIMARS`, `NLAW`) must match in capitals: form `abbrev`."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and not any(c.isdigit() for c in text) \
            and " " not in text and "-" not in text:
        return "abbrev"
    return default


def add_weapons(curated, entities, add_name, names, langs):
    """Adds the systems of weapons.tsv to `entities` and their names; returns counts."""
    fail = []
    guard = {}  # lower text -> (set of langs, kind)
    for n, g in _tsv(curated / "weapon-guard.tsv"):
        if g["kind"] not in ("common-word", "ambiguous"):
            fail.append(f"weapon-guard.tsv:{n}: kind {g['kind']!r} is not common-word or ambiguous")
        which = set(langs) if g["langs"] == "*" else {l.strip() for l in g["langs"].split(",")}
        old = guard.get(g["text"].lower(), (set(), g["kind"]))
        guard[g["text"].lower()] = (old[0] | which, g["kind"])

    categories = {eid: e for eid, e in entities.items() if e["kind"] == "weapon-category"}
    heads = defaultdict(list)  # (category id, lang) -> patterns
    for n, h in _tsv(curated / "weapon-heads.tsv"):
        cid = CATEGORY + h["category"]
        if cid not in categories:
            fail.append(f"weapon-heads.tsv:{n}: unknown category {h['category']!r}")
        heads[(cid, h["lang"])] += [p for p in h["patterns"].split("|") if "{}" in p]

    def head_patterns(cid, lang):
        out, seen = [], set()
        while cid and cid not in seen:  # the category's own forms, then its parents'
            seen.add(cid)
            out += heads.get((cid, lang), [])
            cid = categories.get(cid, {}).get("category", "")
        return out

    # Names of everything that is not a weapon: a weapon name equal to one is held back
    # (`Belgorod`, `Anadolu`, `Kalashnikov` the company), unless it holds a digit (`T-72`).
    others = {text.lower() for rows in names.values() for (eid, _f, text, _s) in rows
              if not eid.startswith(("weapon:", CATEGORY))}

    systems = []
    for n, r in _tsv(curated / "weapons.tsv"):
        where = f"weapons.tsv:{n} ({r['id']})"
        if not re.fullmatch(r"weapon:[a-z0-9-]+", r["id"]):
            fail.append(f"{where}: id must be weapon:<slug>")
        if r["id"] in entities:
            fail.append(f"{where}: id given twice")
        if CATEGORY + r["category"] not in categories:
            fail.append(f"{where}: unknown category {r['category']!r}")
        state = entities.get(r["country"])
        if not re.fullmatch(r"[A-Z]{3}", r["country"]) or not state or state["kind"] != "state":
            fail.append(f"{where}: {r['country']!r} is not an ISO 3166-1 alpha-3 state")
        if not r["name"] or not r["source"]:
            fail.append(f"{where}: name and source are required")
        entities[r["id"]] = dict(kind="weapon-system", name=r["name"], country=r["country"],
                                 category=CATEGORY + r["category"],
                                 note=f"{r['maker']}; en.wikipedia: {r['source']}")
        texts = [("name", r["name"])] + [("alias", a.strip()) for a in r["aliases"].split("|") if a.strip()]
        systems.append((r["id"], [("*", f, t) for f, t in texts]))

    by_id = dict(systems)
    for n, r in _tsv(curated / "weapon-names.tsv"):
        if r["id"] not in by_id:
            fail.append(f"weapon-names.tsv:{n}: unknown weapon {r['id']}")
            continue
        if r["lang"] not in langs:
            fail.append(f"weapon-names.tsv:{n}: unknown language {r['lang']!r}")
        by_id[r["id"]] += [(r["lang"], r["form"], t.strip()) for t in r["text"].split("|") if t.strip()]

    owners = defaultdict(set)
    for wid, texts in by_id.items():
        for _l, _f, t in texts:
            owners[t.lower()].add(wid)
    for text, ids in sorted(owners.items()):
        if len(ids) > 1 and guard.get(text, (None, ""))[1] != "ambiguous":
            fail.append(f"weapon name {text!r} is shared by {', '.join(sorted(ids))}; "
                        "list it in weapon-guard.tsv as ambiguous or tell them apart")
    if fail:
        sys.exit("weapon systems:\n  " + "\n  ".join(fail))

    counts = defaultdict(int)
    held = []
    for wid, texts in by_id.items():
        cid = entities[wid]["category"]
        for lang, form, text in texts:
            low = text.lower()
            in_langs = set(langs) if lang == "*" else {lang}
            blocked, kind = guard.get(low, (set(), ""))
            if kind == "ambiguous":
                blocked = set(langs)
            if low in others and not any(c.isdigit() for c in text):
                held.append(f"{text} ({wid})")
                counts["held back: names another entity"] += 1
                continue
            keep = in_langs - blocked
            if keep == set(langs):
                add_name("common", wid, _form(text, form), text, "curated-weapons")
            else:
                for l in sorted(keep):
                    add_name(l, wid, _form(text, form), text, "curated-weapons")
            counts["names"] += 1
            # The guarded name links in its designation forms only.
            cyrillic = any("\u0400" <= c <= "\u04ff" for c in text)
            for l in sorted(in_langs & blocked):
                counts["guarded"] += 1
                if cyrillic and l not in ("ru", "uk"):
                    continue  # `Град missiles` is nobody's usage; `ЗРК Patriot` is.
                for p in head_patterns(cid, l):
                    add_name(l, wid, "alias", p.replace("{}", text), "curated-weapons")
                    counts["designation forms"] += 1
    counts["systems"] = len(systems)
    if held:
        print("weapon names held back (they name another entity): " + ", ".join(held))
    return counts

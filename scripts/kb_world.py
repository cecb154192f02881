"""World-scale additions to armsgraph's knowledge base, used by scripts/build_kb.py.

Reads (in place, never copied):
  petrarch2-dictionaries/Phoenix.Countries.actors.txt   office holders with CAMEO codes and
        date ranges (`[RUSGOV 991231-080507]`)                                   MIT
  petrarch2-dictionaries/Phoenix.International.actors.txt   international organisations  MIT
  petrarch2-dictionaries/Phoenix.MilNonState.actors.txt   non-state armed groups        MIT
  petrarch2-dictionaries/Phoenix.agents.txt   generic agents (police, rebels …)        MIT
  everypolitician/<ISO3>.csv.xz   members of 20 parliaments, 2015 snapshot, names in
        several scripts                                                          CC0
  data/kb/curated/{agents,capitals,groups,blocklist}.tsv   armsgraph's own (CC0)

Every row it adds carries its source (`phoenix-countries`, `everypolitician`, …).
"""

import csv
import io
import lzma
import re
import unicodedata
from collections import defaultdict

# CAMEO sector codes (after the three-letter country) → the office label we write.
SECTOR_OFFICE = {
    "GOV": "government",
    "GOVMIL": "government (defence)",
    "GOVCOP": "government (interior)",
    "GOVSPY": "government (intelligence)",
    "GOVJUD": "government (justice)",
    "GOVBUS": "government (economy)",
    "GOVAGR": "government (agriculture)",
    "GOVMED": "government (information)",
    "GOVEDU": "government (education)",
    "GOVHLH": "government (health)",
    "GOVDEV": "government (development)",
    "GOVLAB": "government (labour)",
    "GOVENV": "government (environment)",
    "GOVHRI": "government (human rights)",
    "GOVLEG": "government (legislature)",
    "GOVREL": "government (religion)",
    "GOVREF": "government (refugees)",
    "MIL": "military",
    "COP": "police",
    "SPY": "intelligence",
    "JUD": "judiciary",
    "LEG": "legislature",
    "ELI": "elite",
    "OPP": "opposition",
    "REB": "rebel",
    "PTY": "party",
}

# Title words that open Phoenix aliases (`PRESIDENT_VLADIMIR_PUTIN`); stripped, never names.
TITLE_WORDS = {
    "PRESIDENT", "PRIME", "MINISTER", "FOREIGN", "DEFENCE", "DEFENSE", "ACTING", "DEPUTY",
    "SECRETARY", "SECRETARY-GENERAL", "GENERAL", "GEN.", "GEN", "KING", "QUEEN", "PRINCE",
    "SHEIKH", "SHEIK", "EMIR", "SULTAN", "CHANCELLOR", "CHAIRMAN", "LEADER", "COLONEL",
    "COL.", "MAJOR", "ADMIRAL", "MARSHAL", "FIELD", "VICE", "SPEAKER", "FORMER", "INTERIOR",
    "FINANCE", "MR.", "MRS.", "MS.", "DR.", "SIR", "LORD", "AYATOLLAH", "SENATOR", "SEN.",
    "REP.", "GOVERNOR", "MAYOR", "COMMANDER", "CHIEF", "STATE", "OF", "THE", "U.S.", "US",
    "NATIONAL", "SECURITY", "ADVISER", "ADVISOR", "JUSTICE", "ARMY", "CAPTAIN", "LT.",
    "LIEUTENANT", "PREMIER", "AMBASSADOR", "ENVOY", "SPOKESMAN", "SPOKESWOMAN", "CROWN",
    "HIS", "HER", "MAJESTY", "HIGHNESS", "EX", "EX-PRESIDENT", "EX-PRIME", "PM",
}
PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "das", "van", "von",
             "der", "den", "la", "le", "du", "del", "di", "ben", "abu", "y", "e", "ter", "zu"}

SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "against"}

CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}


def translit(text):
    """Cyrillic → Latin in the English press style (BGN/PCGN without diacritics)."""
    out = []
    for ch in text:
        low = ch.lower()
        t = CYR.get(low)
        if t is None:
            out.append(ch)
        elif ch != low:
            out.append(t[:1].upper() + t[1:])
        else:
            out.append(t)
    return "".join(out)


def slug(text):
    text = unicodedata.normalize("NFKD", translit(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def script_of(text):
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    if all(ord(c) < 0x250 for c in letters):
        return "latin"
    if all(0x400 <= ord(c) < 0x530 for c in letters):
        return "cyrillic"
    return "other"


def title_case(words):
    out = []
    for i, w in enumerate(words):
        parts = re.split(r"([-'])", w.lower())
        cased = []
        for p in parts:
            if p in ("-", "'") or not p or (cased and cased[-1] == "'" and len(p) == 1):
                cased.append(p)
            elif p in SMALL_WORDS and i > 0:
                cased.append(p)
            elif p in PARTICLES and (i > 0 or len(parts) > 1):
                cased.append(p)
            elif p.startswith("mc") and len(p) > 2:
                cased.append("Mc" + p[2:].capitalize())
            else:
                cased.append(p[:1].upper() + p[1:])
        out.append("".join(cased))
    return " ".join(out)


def phoenix_words(raw):
    """`+PRESIDENT_VLADIMIR_V._PUTIN_  # note` → words without trailing `_` and comments."""
    raw = raw.split("#", 1)[0].strip().lstrip("+").strip()
    raw = re.sub(r"\[.*?\]", "", raw).strip()
    raw = re.sub(r"\{.*?\}", "", raw).strip()
    raw = re.sub(r"\(.*?\)", "", raw).strip()
    return [w for w in raw.split("_") if w]


def phoenix_date(text, end=False):
    text = text.strip()
    if not text:
        return ""
    if len(text) == 8:
        y, m, d = text[:4], text[4:6], text[6:8]
    elif len(text) == 6:
        yy = int(text[:2])
        y, m, d = (f"20{text[:2]}" if yy <= 30 else f"19{text[:2]}"), text[2:4], text[4:6]
    else:
        return ""
    return f"{y}-{m}-{d}"


def parse_phoenix_blocks(path):
    """Yield (head words, inline code, [alias words], [(code, from, to)]) per entry."""
    block = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("+"):
            if block:
                block[2].append(phoenix_words(line))
            continue
        if line[0] in " \t":
            if block:
                block[3].extend(dated_codes(line))
            continue
        if block:
            yield block
        m = re.search(r"\[([~A-Z]{3,})[^\]]*\]", line.split("#", 1)[0])
        # A head line's own codes with dates (`JAVIER_SOLANA_ [IGOWSTNAT 951205-991006]`) are
        # offices: only people hold a code for a time.
        heads = [c for c in dated_codes(line.split("#", 1)[0]) if c[1] or c[2]]
        block = (phoenix_words(line), m.group(1) if m else "", [], heads)
    if block:
        yield block


# Words that make a Phoenix entry a body, even one with dated codes (a defunct pact:
# `WARSAW_TREATY_ORGANIZATION_ [IGOEEU 550514-910701]`), not a person.
BODY_WORDS = {"ORGANIZATION", "ORGANISATION", "TREATY", "PACT", "UNION", "COUNCIL", "COMMISSION",
              "AGENCY", "FUND", "BANK", "COURT", "ASSOCIATION", "COMMUNITY", "COMMITTEE",
              "TRIBUNAL", "OFFICE", "PROGRAMME", "PROGRAM", "FORCE", "FORCES", "MISSION"}


def names_a_body(words):
    return any(w.upper().strip(".,") in BODY_WORDS for w in words)


def dated_codes(line):
    """`[CODE 950701-951231]`, `[CODE >070201]`, `[CODE]` → [(code, from, to)]."""
    out = []
    for code, dates in re.findall(r"\[([A-Z]{3,})\s*([^\]]*)\]", line):
        dates = dates.strip()
        start = end = ""
        if dates.startswith(">"):
            start = phoenix_date(dates[1:])
        elif dates.startswith("<"):
            end = phoenix_date(dates[1:])
        elif "-" in dates:
            a, b = dates.split("-", 1)
            start, end = phoenix_date(a), phoenix_date(b)
        out.append((code, start, end))
    return out


def strip_titles(words):
    i = 0
    while i < len(words) and (words[i].upper() in TITLE_WORDS or words[i].upper().endswith("N") and
                              words[i].upper() in ADJ_TITLES):
        i += 1
    return words[i:]


# Nationality adjectives that open Phoenix aliases (`RUSSIAN_PRESIDENT_…`), filled by add_world.
ADJ_TITLES = set()


def read_curated(path):
    if not path.exists():
        return []
    lines = [l for l in path.read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    out = []
    for line in lines[1:]:
        cols = line.split("\t")
        cols += [""] * (len(header) - len(cols))
        out.append(dict(zip(header, (c.strip() for c in cols))))
    return out


def add_world(shared, curated_dir, entities, add_name, names, offices, countries):
    """Extends `entities`, `names` (via add_name(lang, id, form, text, source)) and `offices`."""
    phoenix = shared / "petrarch2-dictionaries"
    for c in countries:
        for key in ("eng",):
            word = c.get("demonyms", {}).get(key, {}).get("m")
            if word:
                ADJ_TITLES.add(word.upper())
    blocked = {r["text"].lower() for r in read_curated(curated_dir / "blocklist.tsv")}
    # Every lower-cased name already in the KB → its entity: a person name equal to a state,
    # place or organisation name is dropped, and a Phoenix person whose full name is already a
    # curated person is that person.
    known = {}
    for lang, rows in names.items():
        for eid, form, text, _src in rows:
            known.setdefault(text.lower(), eid)
    counts = defaultdict(int)

    # ---- people: Phoenix country actors -------------------------------------------------
    people = {}  # id -> dict(name, names:set, offices:list, source)
    surnames = defaultdict(set)  # single-word alias -> person ids
    for head, inline, aliases, codes in parse_phoenix_blocks(phoenix / "Phoenix.Countries.actors.txt"):
        # States carry an inline code; people carry dated code lines. An entry whose codes are
        # all undated is a body (`UNITED_STATES_MILITARY_ [USAMIL]`, `WHITE_HOUSE`,
        # `FREE_SYRIAN_ARMY`), whatever its aliases (`JOHN_KIRBY` is listed under USAMIL):
        # about a hundred such entries were persons before stop 40.
        if inline or not any(c[1] or c[2] for c in codes):
            continue
        full = strip_titles(head)
        if len(full) < 2:
            continue
        display = title_case(full)
        pid = "person:" + slug(display)
        if pid in entities and entities[pid]["kind"] != "person":
            continue
        same = known.get(display.lower())
        if same and not same.startswith("person:"):
            continue
        if same:
            pid = same
        p = people.setdefault(pid, dict(name=display, names=set(), offices=[], source="phoenix-countries"))
        p["names"].add(display)
        for alias in aliases:
            words = strip_titles(alias)
            if len(words) >= 2:
                p["names"].add(title_case(words))
            elif len(words) == 1 and len(words[0]) >= 4 and words[0].upper() == full[-1].upper():
                surnames[title_case(words)].add(pid)
        for code, start, end in codes:
            state, sector = code[:3], code[3:]
            office = SECTOR_OFFICE.get(sector)
            if office and state in entities and entities[state]["kind"] == "state":
                p["offices"].append((state, office, start, end, "phoenix-countries"))

    # ---- people: everypolitician ----------------------------------------------------------
    ep = shared / "everypolitician"
    for path in sorted(ep.glob("*.csv.xz")):
        state = path.name[:3]
        text = lzma.open(path, "rt", encoding="utf-8").read()
        seen = set()
        for row in csv.DictReader(io.StringIO(text)):
            if row["id"] in seen:
                continue
            seen.add(row["id"])
            name = row["name"].strip()
            others = [o.strip() for o in row.get("other_names", "").split("|") if o.strip()]
            latin_names, cyr_names = [], []
            for n in [name] + others:
                s = script_of(n)
                if s == "latin":
                    latin_names.append(n)
                elif s == "cyrillic":
                    cyr_names.append(n)
            # Russian/Ukrainian Duma and Rada names are `Surname Given Patronymic`.
            cyr_press = []
            for n in cyr_names:
                parts = n.split()
                if state in ("RUS", "UKR") and n == name and len(parts) == 3:
                    cyr_press.append(f"{parts[1]} {parts[0]}")
                    cyr_press.append(f"{parts[1]} {parts[2]} {parts[0]}")
                elif len(parts) >= 2:
                    cyr_press.append(n)
            fixed_latin = []
            for n in latin_names:
                parts = n.replace(",", " ").split()
                if len(parts) < 2:
                    continue
                if any(p.isupper() and len(p) > 1 for p in parts):
                    # `ABRAMOVICH Ivan` (BLR/KAZ/SRB): surname first, upper case.
                    ups = [p for p in parts if p.isupper()]
                    rest = [p for p in parts if not p.isupper()]
                    parts = rest + ups
                    n = title_case(parts)
                fixed_latin.append(n)
            if not fixed_latin and cyr_press:
                fixed_latin.append(translit(cyr_press[0]))
            if not fixed_latin:
                continue  # Chinese, Arabic and Persian script only: no language of ours
            display = fixed_latin[0]
            pid = "person:" + slug(display)
            same = known.get(display.lower())
            if same and not same.startswith("person:"):
                continue
            if same:
                pid = same
            p = people.setdefault(pid, dict(name=display, names=set(), offices=[], source="everypolitician"))
            p["names"].update(fixed_latin)
            p.setdefault("cyrillic", set()).update(cyr_press)
            if state == "UKR":
                p["cyr_lang"] = "uk"
            p["offices"].append((state, f"member of parliament ({row['legislature']})",
                                 row["term_start_date"], row["term_end_date"], "everypolitician"))

    # Surnames alone only where Phoenix lists them, one person has them, and no other entity.
    for sur, pids in surnames.items():
        if len(pids) == 1 and sur.lower() not in blocked and sur.lower() not in known:
            people[next(iter(pids))].setdefault("surnames", set()).add(sur)

    for pid, p in sorted(people.items()):
        curated = pid in entities
        if not curated:
            if not p["offices"]:
                continue
            entities[pid] = dict(kind="person", name=p["name"], country="", category="",
                                 note=p["source"] + " (MIT)" if p["source"].startswith("phoenix") else "everypolitician (CC0)")
            counts["persons:" + p["source"]] += 1
        src = p["source"]
        for n in sorted(p["names"]):
            if n.lower() in blocked or (known.get(n.lower(), pid) != pid):
                continue
            add_name("common", pid, "name" if n == p["name"] else "alias", n, src)
        for n in sorted(p.get("cyrillic", ())):
            if n.lower() in blocked or (known.get(n.lower(), pid) != pid):
                continue
            add_name(p.get("cyr_lang", "ru"), pid, "name", n, "everypolitician")
        for n in sorted(p.get("surnames", ())):
            add_name("common", pid, "surname", n, "phoenix-countries")
        if curated:
            continue  # curated offices stay as written
        seen = set()
        for o in sorted(p["offices"], key=lambda o: (o[2] or "0000", o[1])):
            if o[:4] in seen:
                continue
            seen.add(o[:4])
            # An undated `elite` row says only that the person is (was) a notable: keep it
            # when nothing else is known.
            if o[1] == "elite" and not o[2] and len(p["offices"]) > 1:
                continue
            offices.append(dict(person=pid, state=o[0], office=o[1], **{"from": o[2]}, to=o[3], source=o[4]))

    # ---- non-state armed groups: Phoenix MilNonState + curated modern groups ---------------
    for head, inline, aliases, codes in parse_phoenix_blocks(phoenix / "Phoenix.MilNonState.actors.txt"):
        if not head or not inline:
            continue
        display = title_case(head)
        if display.lower() in known:
            continue
        gid = "group:" + slug(display)
        if gid in entities:
            continue
        state = inline[:3] if inline[:3] in entities and entities[inline[:3]]["kind"] == "state" else ""
        entities[gid] = dict(kind="organisation", name=display, country=state, category="armed-group",
                             note="Phoenix MilNonState (MIT)")
        counts["groups:phoenix"] += 1
        for words in [head] + aliases:
            n = title_case(words)
            if len(n) < 4 or n.lower() in blocked or known.get(n.lower(), gid) != gid:
                continue
            known[n.lower()] = gid
            add_name("common", gid, "name" if words is head else "alias", n, "phoenix-milnonstate")

    # ---- international organisations: Phoenix International, where missing ----------------
    for head, inline, aliases, codes in parse_phoenix_blocks(phoenix / "Phoenix.International.actors.txt"):
        # Companies (MNC) are not actors of arms and conflict reporting; an entry with a
        # dated code is a person (below).
        if not head or not inline or inline[:3] not in ("IGO", "NGO"):
            continue
        if any(start or end for _c, start, end in codes) and not names_a_body(head):
            continue
        all_names = [title_case(w) for w in [head] + aliases if len(w) >= 2 or (w and len(w[0]) > 5)]
        # `THE_UNITED_NATIONS_`, `THE_SECURITY_COUNCIL_`: a known body's name with its article
        # is that body, not another (it took `The United Nations` from the UN).
        bare = lambda n: n[4:] if n.lower().startswith("the ") else n
        if not all_names or any(n.lower() in known or bare(n).lower() in known for n in all_names):
            continue
        oid = "org:" + slug(all_names[0])
        if oid in entities:
            continue
        cat = {"IGO": "intergovernmental", "NGO": "ngo", "MNC": "company"}.get(inline[:3], "international")
        entities[oid] = dict(kind="organisation", name=all_names[0], country="", category=cat,
                             note="Phoenix International (MIT)")
        counts["orgs:phoenix"] += 1
        for n in all_names:
            if n.lower() in blocked:
                continue
            known[n.lower()] = oid
            add_name("common", oid, "name" if n == all_names[0] else "alias", n, "phoenix-international")

    # ---- people: officials of international organisations, Phoenix International -------------
    # An entry holding a code for a time (`JAVIER_SOLANA_ [IGOWSTNAT 951205-991006]`) is a
    # person: organisations hold their codes undated. Its organisation is the one an undated
    # entry with that code names (`NORTH_ATLANTIC_TREATY_ORGANIZATION_ [IGOWSTNAT]` → NATO);
    # a state's code (`[USAGOV 010120-050120]`) is an office of that state, as for country
    # actors. People the KB already holds are left as they are.
    entries = list(parse_phoenix_blocks(phoenix / "Phoenix.International.actors.txt"))
    code_org = {}
    for head, inline, aliases, codes in entries:
        if any(start or end for _c, start, end in codes):
            continue
        names_here = [title_case(w) for w in [head] + aliases if w]
        org = next((known[n.lower()] for n in names_here if n.lower() in known
                    and entities.get(known[n.lower()], {}).get("kind") == "organisation"), None)
        if not org:
            continue
        for code in [inline] + [c for c, _s, _e in codes]:
            if code and code[:3] in ("IGO", "NGO"):
                code_org.setdefault(code, org)
    for head, inline, aliases, codes in entries:
        dated = [c for c in codes if c[1] or c[2]]
        full = strip_titles(head)
        if not dated or len(full) < 2 or names_a_body(head):
            continue
        display = title_case(full)
        pid = "person:" + slug(display)
        if pid in entities or display.lower() in known or display.lower() in blocked:
            continue
        held = []
        for code, start, end in dated:
            if code[:3] in ("IGO", "NGO"):
                # The organisation of the code, or of the code it refines (`IGOUNOKID` → UN).
                org = next((code_org[code[:k]] for k in range(len(code), 5, -3)
                            if code[:k] in code_org), None)
                if org:
                    held.append((org, "official", start, end))
            else:
                state, office = code[:3], SECTOR_OFFICE.get(code[3:])
                if office and entities.get(state, {}).get("kind") == "state":
                    held.append((state, office, start, end))
        if not held:
            continue
        entities[pid] = dict(kind="person", name=display, country="", category="",
                             note="Phoenix International (MIT)")
        counts["persons:phoenix-international"] += 1
        known[display.lower()] = pid
        add_name("common", pid, "name", display, "phoenix-international")
        for alias in aliases:
            words = strip_titles(alias)
            n = title_case(words)
            if len(words) >= 2 and n.lower() not in blocked and known.get(n.lower(), pid) == pid:
                add_name("common", pid, "alias", n, "phoenix-international")
        for org, office, start, end in held:
            offices.append(dict(person=pid, state=org, office=office, **{"from": start}, to=end,
                                source="phoenix-international"))
    return counts


def english_plural(word):
    """PETRARCH's default plural of an agent word (`SOLDIER` → `SOLDIERS`, `ARMY` → `ARMIES`)."""
    last = word.split("_")[-1]
    if last.endswith("MAN"):
        return word[:-3] + "MEN"
    if last.endswith(("S", "X", "CH", "SH")) or "." in last or not last[-1:].isalpha():
        return word  # already plural, an abbreviation or a designation (B-52)
    if last.endswith("Y") and last[-2:-1] not in "AEIOU":
        return word[:-1] + "IES"
    if last in ("CHILD",):
        return word + "REN"
    return word + "S"


def generic_agents(shared, curated_dir):
    """Rows (lang, text, sector, source) of generic actors: Phoenix.agents.txt for English,
    data/kb/curated/agents.tsv for every language."""
    keep = {r["code"]: r["sector"] for r in read_curated(curated_dir / "agent-sectors.tsv")}
    drop = {r["text"].lower() for r in read_curated(curated_dir / "blocklist.tsv")}
    rows = []
    text = (shared / "petrarch2-dictionaries" / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    macros = {}
    for line in text.splitlines():
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line.strip())
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        word, plural, code = m.group(1).strip(), m.group(2), m.group(3)
        sector = keep.get(code) or keep.get(code[:3])
        if not sector or word.replace("_", " ").strip().lower() in drop:
            continue
        forms = []
        mm = re.search(r"!(\w+)!", word)
        if mm:
            for sub in macros.get(mm.group(1), []):
                forms.append(word.replace(mm.group(0), sub))
        else:
            forms.append(word)
            if plural is None:
                forms.append(english_plural(word))
            elif plural.strip("{} "):
                forms.append(plural.strip("{} "))
        for f in forms:
            f = f.replace("_", " ").strip().lower()
            if f and f not in drop:
                rows.append(("en", f, sector, "phoenix-agents"))
    # Our own rows win over Phoenix's for the same words (`suicide bomber`: Phoenix codes it a
    # rebel, the news gold a militant); they are read first, the file keeps Phoenix's order.
    curated = []
    for r in read_curated(curated_dir / "agents.tsv"):
        for t in r["text"].split("|"):
            t = t.strip()
            if t:
                curated.append((r["lang"], t, r["sector"], "curated"))
    ours = {(row[0], row[1].lower()) for row in curated}
    rows = [row for row in rows if (row[0], row[1].lower()) not in ours] + curated
    out, seen = [], set()
    for row in rows:
        if (row[0], row[1].lower()) not in seen:
            seen.add((row[0], row[1].lower()))
            out.append(row)
    return out

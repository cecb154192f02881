#!/usr/bin/env python3
"""Write data/kb/curated/regions.tsv: first-level administrative regions (oblasts, krais,
republics, German Länder) with their state, from ISO 3166-2 in Debian's iso-codes.

Source: iso-codes (`/usr/share/iso-codes/json/iso_3166-2.json` and the `iso_3166-2` gettext
catalogues; Debian package `iso-codes`, LGPL-2.1-or-later). The catalogues give the Russian and
Ukrainian names of Russian, Ukrainian and Belarusian regions (`Одесская область`) and the
Russian, Ukrainian and French names of the German Länder; a catalogue entry equal to the ISO
name (a transliteration such as `Odeska oblast`) is no translation and is left out.
English, German, French and Spanish press forms of the Ukrainian oblasts (`Odesa region`,
`Oblast Odessa`) and the English names of the Länder (`Bavaria`) are not in iso-codes: they are
written below from ordinary press usage (CC0), marked `curated` in the source column.

Rows for city subdivisions (Kyiv, Sevastopol, Minsk, Moscow, St Petersburg, Berlin, Hamburg,
Bremen) are left out: the cities are places of their own (capitals), and a second entity with the
same name would make them ambiguous. Crimea (UA-43) adds names to the curated `place:crimea`.

Usage: python3 scripts/kb_regions.py [ISO_CODES_DIR] [LOCALE_DIR]; then python3 scripts/build_kb.py.
"""

import gettext
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "kb" / "curated" / "regions.tsv"
COUNTRIES = {"UA": "UKR", "RU": "RUS", "BY": "BLR", "DE": "DEU"}
SKIP = {"UA-30", "UA-40", "BY-HM", "RU-MOW", "RU-SPE", "DE-BE", "DE-HH", "DE-HB"}
SAME = {"UA-43": "place:crimea"}
LANGS = ["ru", "uk", "de", "fr", "es"]
ISO_SOURCE = "iso-codes 4.15 ISO 3166-2 (LGPL-2.1+)"

# Ukrainian oblasts: the centre city as the English and German press spell it, and the
# older Russian-based English spelling where it is still common (Odessa, Kharkov). CC0.
UA_CITY = {
    "UA-05": ("Vinnytsia", "Winnyzja", None),
    "UA-07": ("Volyn", "Wolhynien", None),
    "UA-09": ("Luhansk", "Luhansk", "Lugansk"),
    "UA-12": ("Dnipropetrovsk", "Dnipropetrowsk", None),
    "UA-14": ("Donetsk", "Donezk", None),
    "UA-18": ("Zhytomyr", "Schytomyr", "Zhitomir"),
    "UA-21": ("Zakarpattia", "Transkarpatien", None),
    "UA-23": ("Zaporizhzhia", "Saporischschja", "Zaporozhye"),
    "UA-26": ("Ivano-Frankivsk", "Iwano-Frankiwsk", None),
    "UA-32": ("Kyiv", "Kiew", "Kiev"),
    "UA-35": ("Kirovohrad", "Kirowohrad", None),
    "UA-46": ("Lviv", "Lwiw", None),
    "UA-48": ("Mykolaiv", "Mykolajiw", "Nikolaev"),
    "UA-51": ("Odesa", "Odessa", "Odessa"),
    "UA-53": ("Poltava", "Poltawa", None),
    "UA-56": ("Rivne", "Riwne", None),
    "UA-59": ("Sumy", "Sumy", None),
    "UA-61": ("Ternopil", "Ternopil", None),
    "UA-63": ("Kharkiv", "Charkiw", "Kharkov"),
    "UA-65": ("Kherson", "Cherson", None),
    "UA-68": ("Khmelnytskyi", "Chmelnyzkyj", None),
    "UA-71": ("Cherkasy", "Tscherkassy", None),
    "UA-74": ("Chernivtsi", "Czernowitz", None),
    "UA-77": ("Chernihiv", "Tschernihiw", None),
}
# English names of the Länder where English press usage differs from the German name. CC0.
DE_EN = {
    "DE-BY": "Bavaria", "DE-HE": "Hesse", "DE-NI": "Lower Saxony", "DE-NW": "North Rhine-Westphalia",
    "DE-RP": "Rhineland-Palatinate", "DE-SN": "Saxony", "DE-ST": "Saxony-Anhalt", "DE-TH": "Thuringia",
    "DE-MV": "Mecklenburg-Western Pomerania",
}


def fr_de(city):
    return ("d'" if city[0] in "AEIOUY" else "de ") + city


def main():
    iso_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/iso-codes/json")
    locale_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/locale"
    subs = json.loads((iso_dir / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    cats = {l: gettext.translation("iso_3166-2", localedir=locale_dir, languages=[l]) for l in LANGS}
    rows = []

    def add(eid, state, code, lang, form, text, source):
        if text and "," not in text and "(" not in text:
            rows.append((eid, state, code, lang, form, text, source))

    for s in subs:
        code, name = s["code"], s["name"]
        cc = code.split("-")[0]
        if cc not in COUNTRIES or code in SKIP or "city" in s["type"].lower():
            continue
        state = COUNTRIES[cc]
        eid = SAME.get(code, "place:" + code.lower())
        for lang in LANGS:
            text = cats[lang].gettext(name)
            if text == name and not (cc == "DE" and lang == "de"):
                continue  # untranslated: a transliteration, not this language's name
            add(eid, state, code, lang, "name", text, ISO_SOURCE)
            # `Республика Дагестан` is mostly `Дагестан` in the press.
            for word in ("Республика ", "Республіка "):
                if text.startswith(word) and lang in ("ru", "uk"):
                    add(eid, state, code, lang, "short", text[len(word):], ISO_SOURCE)
        if code in UA_CITY:
            en, de, old = UA_CITY[code]
            for city in filter(None, {en, old}):
                add(eid, state, code, "en", "name", f"{city} Oblast|{city} oblast|{city} region|{city} Region|{city} province", "curated")
                add(eid, state, code, "fr", "name", f"oblast {fr_de(city)}|région {fr_de(city)}", "curated")
                add(eid, state, code, "es", "name", f"óblast de {city}|región de {city}|provincia de {city}", "curated")
            add(eid, state, code, "de", "name", f"Oblast {de}|Gebiet {de}|Region {de}", "curated")
        if code in DE_EN:
            add(eid, state, code, "en", "name", DE_EN[code], "curated")
        elif cc == "DE":
            add(eid, state, code, "en", "name", name, ISO_SOURCE)
            add(eid, state, code, "es", "name", name, ISO_SOURCE)

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# First-level administrative regions with their state. Generated by scripts/kb_regions.py\n"
                f"# from {ISO_SOURCE} (Debian iso-codes; names per language from its gettext\n"
                "# catalogues) plus press forms marked `curated` (CC0). Re-run the script, do not edit.\n"
                "# Columns: id, state (alpha-3), iso (ISO 3166-2 code), lang, form, text (`|` = several), source.\n")
        f.write("id\tstate\tiso\tlang\tform\ttext\tsource\n")
        seen = set()
        for r in rows:
            if r not in seen:
                seen.add(r)
                f.write("\t".join(r) + "\n")
    print(f"{len({r[0] for r in rows})} regions, {len(seen)} rows -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()

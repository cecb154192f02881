#!/usr/bin/env python3
"""German nouns for a country's people (Einwohnerbezeichnungen), derived from the curated
German state adjectives by German word formation, into data/kb/curated/demonyms.tsv.

No source in /work/shared/data lists German demonyms (countries-mledoze has English and French
ones; build_kb.py already reads those as the en/fr adjective forms, whose plural `-s`
inflection covers `Iranians`). German derives the noun from the `-isch` adjective:

- `-esisch` → `-ese` (weak noun: Chinese, Libanese, Sudanese, Vietnamese, Portugiese);
- `-sch` after `y` → `-er` (libysch → Libyer);
- otherwise `-isch` → `-er` (iranisch → Iraner, kenianisch → Kenianer, ukrainisch → Ukrainer,
  irakisch → Iraker, norwegisch → Norweger).

Nouns that do not follow the rule (weak nouns in `-e` such as Russe, Pole, Türke; `-ier`
after a name in `-ien` such as Armenier, Georgier; Israeli, Jemenit) are listed in IRREGULAR,
from standard German usage (Duden). A derived noun that is an ordinary German word with
another sense (malisch → *Maler*) is replaced there too. Case endings (Russe → Russen,
Iraner → Iranern) come from the `demonym` inflection rules of data/lang/de.toml.

Run: python3 scripts/demonyms.py && python3 scripts/build_kb.py /work/shared/data
Output is CC0 (derived from curated/names.tsv, which is CC0).
"""

import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "kb" / "curated"

# adjective → noun(s) ("" = no noun for the people in common use, or one too ambiguous).
IRREGULAR = {
    "armenisch": "Armenier",
    "belarussisch": "Belarusse",
    "weißrussisch": "Weißrusse",
    "belarusisch": "",
    "russisch": "Russe",
    "türkisch": "Türke",
    "georgisch": "Georgier",
    "französisch": "Franzose",
    "deutsch": "Deutsche",
    "bundesdeutsch": "",
    "israelisch": "Israeli|Israelis",
    "britisch": "Brite",
    "kasachisch": "Kasache",
    "kirgisisch": "Kirgise",
    "tadschikisch": "Tadschike",
    "polnisch": "Pole",
    "serbisch": "Serbe",
    "moldawisch": "Moldawier",
    "sowjetisch": "",
    "bosnisch": "Bosnier",
    "afghanisch": "Afghane",
    "algerisch": "Algerier",
    "argentinisch": "Argentinier",
    "äthiopisch": "Äthiopier",
    "australisch": "Australier",
    "belgisch": "Belgier",
    "bulgarisch": "Bulgare",
    "chilenisch": "Chilene",
    "dänisch": "Däne",
    "emiratisch": "",
    "estnisch": "Este",
    "finnisch": "Finne",
    "griechisch": "Grieche",
    "indonesisch": "Indonesier",
    "irisch": "Ire",
    "jemenitisch": "Jemenit|Jemeniten",
    "jordanisch": "Jordanier",
    "kanadisch": "Kanadier",
    "kroatisch": "Kroate",
    "laotisch": "Laote",
    "lettisch": "Lette",
    "malaysisch": "Malaysier",
    "malisch": "Malier",
    "mauretanisch": "Mauretanier",
    "mazedonisch": "Mazedonier",
    "nordmazedonisch": "Nordmazedonier",
    "mongolisch": "Mongole",
    "myanmarisch": "",
    "birmanisch": "Birmane",
    "namibisch": "Namibier",
    "rumänisch": "Rumäne",
    "sambisch": "Sambier",
    "saudisch": "Saudi|Saudis",
    "schwedisch": "Schwede",
    "schweizerisch": "Schweizer",
    "slowakisch": "Slowake",
    "slowenisch": "Slowene",
    "somalisch": "Somalier",
    "spanisch": "Spanier",
    "tansanisch": "Tansanier",
    "tschechisch": "Tscheche",
    "tunesisch": "Tunesier",
    "turkmenisch": "Turkmene",
    "ungarisch": "Ungar",
    "usbekisch": "Usbeke",
    "zyprisch": "Zyprer|Zyprioten",
}


def derive(adjective):
    """The people's noun of a German state adjective by the regular word formation."""
    if adjective in IRREGULAR:
        return IRREGULAR[adjective]
    if adjective.endswith("esisch"):
        stem = adjective[: -len("isch")] + "e"
    elif adjective.endswith("ysch"):
        stem = adjective[: -len("sch")] + "er"
    elif adjective.endswith("isch"):
        stem = adjective[: -len("isch")] + "er"
    else:
        return ""
    # Capitalise each hyphenated part: saudi-arabisch → Saudi-Araber, US-amerikanisch → US-Amerikaner.
    return "-".join(p[:1].upper() + p[1:] for p in stem.split("-"))


def main():
    rows = []
    with open(CURATED / "names.tsv", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    existing = set()
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["lang"] == "de" and row["form"] == "demonym":
            existing.update(row["text"].split("|"))
    with open(CURATED / "names.tsv", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["lang"] != "de" or row["form"] != "adjective":
            continue
        for adjective in row["text"].split("|"):
            for noun in filter(None, derive(adjective).split("|")):
                if noun not in existing:
                    existing.add(noun)
                    rows.append((row["id"], "de", "demonym", noun))
    with open(CURATED / "demonyms.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# Generated by scripts/demonyms.py from the German adjectives of names.tsv (German\n"
                "# word formation, irregular nouns listed in the script). Do not edit here. CC0.\n")
        f.write("id\tlang\tform\ttext\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"demonyms: {len(rows)} German nouns")


if __name__ == "__main__":
    main()

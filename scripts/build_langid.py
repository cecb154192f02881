#!/usr/bin/env python3
"""Build the word lists that back language identification of short texts (data/langid/).

For each language the list holds the most frequent word forms of open treebanks plus the words
of armsgraph's own per-language data (event triggers, time words), lowercased, one per line.
`crates/nlp/src/language.rs` counts how many words of a short text each list knows.

Inputs (read in place, never needed at run time):
  SHARED/ud/UD_English-EWT/en_ewt-ud-{train,dev}.conllu.xz          (CC BY-SA 4.0)
  SHARED/ud/UD_German-GSD/de_gsd-ud-dev.conllu.xz                   (CC BY-SA 4.0)
  SHARED/ud/UD_Russian-GSD/ru_gsd-ud-dev.conllu.xz                  (CC BY-SA 4.0)
  SHARED/ud/UD_French-GSD/fr_gsd-ud-dev.conllu.xz                   (CC BY-SA 4.0)
  SHARED/ud/UD_Spanish-GSD/es_gsd-ud-dev.conllu.xz                  (CC BY-SA 4.0)
  data/events/<lang>.toml, data/time/<lang>.toml                    (this project)
  data/langid/uk.base.txt   Ukrainian words written for this project (UD Ukrainian-IU is
                            non-commercial, so no Ukrainian treebank words are shipped)
Treebank test splits are never read.

Usage: python3 scripts/build_langid.py [--shared /work/shared/data] [--top 3000]
Deterministic: sorted by frequency, then alphabetically; LF endings.
"""

from __future__ import annotations

import argparse
import collections
import lzma
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "langid"

TREEBANKS = {
    "en": ["UD_English-EWT/en_ewt-ud-train.conllu.xz", "UD_English-EWT/en_ewt-ud-dev.conllu.xz"],
    "de": ["UD_German-GSD/de_gsd-ud-dev.conllu.xz"],
    "ru": ["UD_Russian-GSD/ru_gsd-ud-dev.conllu.xz"],
    "fr": ["UD_French-GSD/fr_gsd-ud-dev.conllu.xz"],
    "es": ["UD_Spanish-GSD/es_gsd-ud-dev.conllu.xz"],
    "uk": [],
}

WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def treebank_words(path: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    covered_until = 0
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                covered_until = 0
                continue
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or "." in cols[0]:
                continue
            # Surface tokens: a multiword token (`zum`, `du`) counts, its parts do not.
            if "-" in cols[0]:
                covered_until = int(cols[0].split("-")[1])
            elif int(cols[0]) <= covered_until:
                continue
            form = cols[1].lower()
            if WORD.match(form):
                counts[form] += 1
    return counts


def data_words(lang: str) -> set[str]:
    """Words of our own per-language data files (no wildcards, no multi-word phrases)."""
    out: set[str] = set()

    def walk(v):
        if isinstance(v, str):
            for w in v.lower().split():
                if WORD.match(w):
                    out.add(w)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                if k in ("id", "pattern", "event", "mode", "context", "status", "language", "code"):
                    continue
                walk(x)

    for folder in ("events", "time"):
        p = REPO / "data" / folder / f"{lang}.toml"
        if p.exists():
            walk(tomllib.loads(p.read_text(encoding="utf-8")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--top", type=int, default=3000)
    args = ap.parse_args()
    shared = Path(args.shared)
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, files in TREEBANKS.items():
        counts: collections.Counter = collections.Counter()
        for rel in files:
            counts.update(treebank_words(shared / "ud" / rel))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        words = [w for w, c in ranked if c >= 2][: args.top]
        seen = set(words)
        extra = set(data_words(lang))
        base = OUT / f"{lang}.base.txt"
        if base.exists():
            extra |= {
                l.strip().lower()
                for l in base.read_text(encoding="utf-8").splitlines()
                if l.strip() and not l.startswith("#")
            }
        words += sorted(w for w in extra if w not in seen)
        header = (
            f"# {lang}: words for short-text language identification, built by "
            "scripts/build_langid.py (see data/langid/README.md for sources and licences)\n"
        )
        (OUT / f"{lang}.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{lang}: {len(words)} words")


if __name__ == "__main__":
    main()

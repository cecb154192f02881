#!/usr/bin/env python3
"""Rebuild data/syntax/extra/en_gum-wikimedia-train.conllu.xz: the Wikimedia documents of the
GUM corpus's *train* split (Wikinews news and interviews, Wikipedia biographies, Wikivoyage
travel guides), which `armsgraph train syntax` reads as `extra:<file>` (data/syntax/training.toml).

Why: UD_English-EWT (../shared/data/ud) is web text — reviews, e-mail, forums — with little news;
the English parser misread news clauses such as `Turkish warplanes struck suspected positions
…` (a past tense after a plural subject read as a participle on a noun). GUM's news and
interviews are written news English, annotated in EWT's conventions by the same group.

Licence: GUM as a whole is CC BY-NC-SA 4.0, but its LICENSE.txt says the documents from
Wikimedia (Wikinews, including interviews and bios, and Wikivoyage) are available under a CC BY
licence in keeping with their texts; only those genres are taken (never fiction, wikiHow,
reddit or the other non-commercial parts), and only from the train split (GUM's dev and test
documents stay out). Source: github.com/UniversalDependencies/UD_English-GUM at commit
afb41ee9bca57991125814fa04d96a0e61470c8b (2025-05-10), `not-to-release/sources/*.conllu` and
`not-to-release/file-lists/files.train`. Stored with the MISC column cut to `SpaceAfter=No`
(GUM's discourse and entity layers are not read) and the enhanced DEPS column to `_`.

Usage, from the repository root, with a checkout of that repository:
    python3 scripts/syntax_extra_gum.py /path/to/UD_English-GUM
    python3 scripts/syntax_extra_gum.py /path/to/UD_English-GUM --heldout /tmp/gum
The second form also writes GUM's dev and test documents of the same genres, never trained on,
to `/tmp/gum/en_gum-wikimedia-{dev,test}.conllu` for `armsgraph eval syntax` (news-genre
figures in docs/notes/syntax.md, stop 35); they are not stored in the repository.
"""
import lzma
import os
import sys

GENRES = ("news", "interview", "bio", "voyage")
OUT = "data/syntax/extra/en_gum-wikimedia-train.conllu.xz"


def read_split(root: str, split: str) -> tuple[list[str], int, int]:
    """The CoNLL-U lines of the split's documents of GENRES, the document and sentence counts."""
    with open(os.path.join(root, f"not-to-release/file-lists/files.{split}"), encoding="utf-8") as f:
        listed = f.read().split()
    docs = sorted(d for d in listed if d.split("_")[1] in GENRES)
    lines = []
    sentences = 0
    for doc in docs:
        path = os.path.join(root, "not-to-release/sources", doc + ".conllu")
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("#"):
                    # Only the ids and text; the discourse metadata is not read.
                    if line.startswith(("# sent_id", "# text =", "# newdoc id")):
                        lines.append(line)
                    continue
                if not line:
                    if lines and lines[-1] != "":
                        lines.append("")
                        sentences += 1
                    continue
                cols = line.split("\t")
                if len(cols) != 10:
                    sys.exit(f"{path}: not a CoNLL-U line: {line!r}")
                cols[8] = "_"
                cols[9] = "SpaceAfter=No" if "SpaceAfter=No" in cols[9].split("|") else "_"
                lines.append("\t".join(cols))
        if lines and lines[-1] != "":
            lines.append("")
            sentences += 1
    return lines, len(docs), sentences


def main() -> None:
    args = sys.argv[1:]
    if len(args) not in (1, 3) or (len(args) == 3 and args[1] != "--heldout"):
        sys.exit(__doc__)
    root = args[0]
    lines, docs, sentences = read_split(root, "train")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with lzma.open(OUT, "wt", encoding="utf-8", preset=9) as f:
        f.write("\n".join(lines) + "\n")
    print(f"{OUT}: {docs} documents, {sentences} sentences")
    if len(args) == 3:
        os.makedirs(args[2], exist_ok=True)
        for split in ("dev", "test"):
            lines, docs, sentences = read_split(root, split)
            out = os.path.join(args[2], f"en_gum-wikimedia-{split}.conllu")
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            print(f"{out}: {docs} documents, {sentences} sentences")


if __name__ == "__main__":
    main()

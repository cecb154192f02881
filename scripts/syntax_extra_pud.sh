#!/bin/sh
# Rebuild data/syntax/extra/<lang>_pud-ud-test.conllu.xz: the Parallel Universal Dependencies
# treebanks that ../shared/data/ud lacks, which `armsgraph train syntax` reads as
# `extra:<file>` (data/syntax/training.toml). Usage, from the repository root, with clones of
# github.com/UniversalDependencies/UD_German-PUD and UD_Russian-PUD at the commits below:
#   scripts/syntax_extra_pud.sh /path/to/UD_German-PUD /path/to/UD_Russian-PUD
# German PUD  ff80846ae60a0a70fc4d6251ef73e6a483a620ee (2025-11-11), CC BY-SA 3.0
# Russian PUD da5b3816eeaa24283c1d81a48bb1de4d062fc5d5 (2025-05-10), CC BY-SA 3.0
# The files are stored as they are, only xz-compressed (-9).
set -eu
out=data/syntax/extra
mkdir -p "$out"
for dir in "$@"; do
    for f in "$dir"/*_pud-ud-test.conllu; do
        xz -9 -c "$f" > "$out/$(basename "$f").xz"
        echo "$out/$(basename "$f").xz"
    done
done

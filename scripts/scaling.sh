#!/usr/bin/env bash
# Reading time against document length: generates news text of growing size (the seed
# article repeated, each copy's paragraphs made distinct so extraction keeps them) and a
# pronoun-heavy text, then times `armsgraph extract` on each. Used for the figures in
# docs/notes/robustness.md.
#
#   scripts/scaling.sh [BINARY] [SIZES_IN_KB...]      default: target/release/armsgraph 500 1000 5000
set -euo pipefail
bin=${1:-target/release/armsgraph}
shift || true
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(500 1000 5000); fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
seed=$(dirname "$0")/../data/corpus/000_79a71588b356f729.txt
for kb in "${sizes[@]}"; do
  python3 - "$seed" "$kb" "$dir" <<'PY'
import sys
seed, kb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
paras = [p for p in open(seed, encoding="utf-8").read().split("\n\n") if p.strip()]
text, k = "\n\n".join(paras), 0
while len(text.encode()) < kb * 1000:
    k += 1
    text += "".join(f"\n\n{p} Meldung {k}." for p in paras[1:])
open(f"{out}/news_{kb}.txt", "w").write(text)
pron = "Er sagte, sie habe es ihm gesagt. Sie meinte, er wisse es. Er erklärte, dass sie recht habe. "
text, k = "", 0
while len(text.encode()) < kb * 1000:
    k += 1
    text += f"Olaf Scholz traf Annalena Baerbock in Berlin. {pron * 5}Meldung {k}.\n\n"
open(f"{out}/pronouns_{kb}.txt", "w").write(text)
PY
  for kind in news pronouns; do
    f="$dir/${kind}_${kb}.txt"
    start=$(date +%s.%N)
    "$bin" extract --compact --time-budget 0 "$f" > /dev/null
    end=$(date +%s.%N)
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); mb=int(sys.argv[3])/1000; print(f'{sys.argv[4]:9} {mb:5.1f} MB  {s:7.1f} s  {mb/s:6.3f} MB/s')" "$start" "$end" "$kb" "$kind"
  done
done

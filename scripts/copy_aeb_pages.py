#!/usr/bin/env python3
"""Copy a few article-extraction-benchmark pages into data/corpus/aeb/ (tests and demo).

Usage: copy_aeb_pages.py [AEB_DIR]   (default: ../shared/data/article-extraction-benchmark)

Copies html/<id>.html.gz unchanged (to data/corpus/aeb/html/, the benchmark's own layout) for the ids below (news about conflict, defence and
politics, plus one German page) and writes data/corpus/aeb/ground-truth.json with their gold
bodies and URLs. The benchmark is MIT-licensed (scrapinghub/article-extraction-benchmark at
commit 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010); see data/corpus/aeb/PROVENANCE.md.
Written for armsgraph.
"""
import json
import shutil
import sys
from pathlib import Path

# Chosen by grepping the gold bodies for army/military/weapon/war/Russia/Ukraine/missile/
# troops/Taliban (English) and picking one non-English (German) page.
IDS_PREFIXES = [
    "1ee91d1fce65",  # polygraph.info: fact check, Russia/US, al-Tanf
    "7916ecca969f",  # aljazeera.com: US service members killed, Afghanistan
    "a1fca19b884e",  # nypost.com: Taliban prisoners flown to Qatar
    "82b6d780c792",  # AP: Sondland testimony, Ukraine military aid
    "5fa3154ec031",  # theguardian.com: Hong Kong, army
    "ba07d1e64775",  # blog.comwrap.com: German page (DMEXCO)
]


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared/data/article-extraction-benchmark"
    out = repo / "data/corpus/aeb"
    (out / "html").mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads((src / "ground-truth.json").read_text(encoding="utf-8"))
    chosen = {}
    for prefix in IDS_PREFIXES:
        ids = [k for k in truth if k.startswith(prefix)]
        if len(ids) != 1:
            sys.exit(f"prefix {prefix} matches {len(ids)} ids")
        page_id = ids[0]
        shutil.copyfile(src / "html" / f"{page_id}.html.gz", out / "html" / f"{page_id}.html.gz")
        chosen[page_id] = {"url": truth[page_id]["url"], "articleBody": truth[page_id]["articleBody"]}
    (out / "ground-truth.json").write_text(
        json.dumps(chosen, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    for page_id, entry in sorted(chosen.items()):
        print(page_id, entry["url"])


if __name__ == "__main__":
    main()

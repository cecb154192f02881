#!/usr/bin/env python3
"""Time Python trafilatura on a benchmark-layout set and keep what it extracted.

Usage: bench_trafilatura.py DIR [RUNS] [PREDICTIONS]

Reads DIR/html/*.html.gz (decompressed and decoded before timing; the
article-extraction-benchmark and the sets `scripts/extraction_sets.py` writes are UTF-8),
then times only the `trafilatura.extract(html, include_comments=False)` calls (the
benchmark's own setting), best of RUNS passes, one thread. Prints one JSON object:
{"docs": N, "seconds": S, "bytes": B, "version": "..."}. With PREDICTIONS, also writes
{id: {"articleBody": text}} there (the text of the first pass; "" when trafilatura found
nothing), so the caller scores both extractors with one scorer.
Called by `armsgraph bench extraction DIR`; written for armsgraph.
"""
import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main() -> None:
    root = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    out = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        page_id = path.name.split(".", 1)[0]
        pages.append((page_id, gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")))
    best = float("inf")
    predictions = {}
    for run in range(max(1, runs)):
        start = time.perf_counter()
        texts = [trafilatura.extract(html, include_comments=False) for _, html in pages]
        best = min(best, time.perf_counter() - start)
        if run == 0:
            predictions = {pid: {"articleBody": t or ""} for (pid, _), t in zip(pages, texts)}
    if out is not None:
        out.write_text(json.dumps(predictions, ensure_ascii=False))
    print(json.dumps({
        "docs": len(pages),
        "seconds": best,
        "bytes": sum(len(p.encode("utf-8")) for _, p in pages),
        "version": trafilatura.__version__,
    }))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time Python trafilatura on the article-extraction-benchmark pages.

Usage: bench_trafilatura.py DIR [RUNS]

Reads DIR/html/*.html.gz (decompressed and decoded before timing), then times only the
`trafilatura.extract(html, include_comments=False)` calls (the benchmark's own setting),
best of RUNS passes, one thread. Prints one JSON object:
{"docs": N, "seconds": S, "bytes": B, "version": "..."}.
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
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    best = float("inf")
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        for html in pages:
            trafilatura.extract(html, include_comments=False)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({
        "docs": len(pages),
        "seconds": best,
        "bytes": sum(len(p.encode("utf-8")) for p in pages),
        "version": trafilatura.__version__,
    }))


if __name__ == "__main__":
    main()

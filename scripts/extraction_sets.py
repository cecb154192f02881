#!/usr/bin/env python3
"""Convert the extraction development sets into the layout `armsgraph eval extraction` reads.

Usage: extraction_sets.py [--shared DIR] [--out DIR]

Reads, in place and read-only, the tarballs in `<shared>/extraction-dev/` (default
`../shared/data` from the repository root) and writes a cache OUTSIDE the repository
(default `$ARMSGRAPH_CACHE/extraction-dev`, else `~/.cache/armsgraph/extraction-dev`):

    dragnet-train/  dragnet-test/  l3s-gn1/
        ground-truth.json   {id: {"articleBody", "url", "headline"?, "language"}}
        html/<id>.html.gz   the page, UTF-8

the same layout as the article-extraction-benchmark, so one loader and one scorer serve
every set. Nothing of these sets may enter the repository: Dragnet's data is AGPL-3.0 and
L3S-GN1 is licensed for research use only (see each README in the shared folder).

Gold, per set:
- Dragnet (`dragnet.tar.xz`): `Corrected/<id>.html.corrected.txt` up to the authors'
  comment separator `!@#$%^&*()  COMMENTS` (comments are not the article); the split is
  the authors' own `training.txt` / `test.txt`. No URLs in the set.
- L3S-GN1 (`L3S-GN1.tar.xz`): the text of the `x-nc-sel2` ("full text") spans of
  `annotated/<uuid>.html`, in page order, one block per span. The `x-nc-sel1` ("headline")
  spans are kept apart as `headline` (the title gold): like the benchmark's `articleBody`,
  the main text we and trafilatura output leaves the headline out. Supplemental text
  (`sel3`: captions, datelines) counts as not main text. URLs from `url-mapping.txt`.
- Every page of both sets is English (`language: "en"`).

HTML is stored as UTF-8 so both extractors (ours and Python trafilatura in `bench`) read the
same characters: bytes that are valid UTF-8 stay as they are (all of L3S-GN1, 1,370 of the
1,381 Dragnet pages); the others are decoded with the charset their `<meta>` declares, else
windows-1252. Written for armsgraph.
"""
import argparse
import gzip
import html.parser
import json
import os
import re
import sys
import tarfile
from pathlib import Path

COMMENTS_SEPARATOR = "!@#$%^&*()  COMMENTS"


def default_out() -> Path:
    base = os.environ.get("ARMSGRAPH_CACHE")
    root = Path(base) if base else Path.home() / ".cache" / "armsgraph"
    return root / "extraction-dev"


def decode_page(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", raw[:4096], re.I)
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


def members(tar_path: Path):
    """name -> bytes of every regular file in the tarball."""
    out = {}
    with tarfile.open(tar_path, "r:xz") as tar:
        for m in tar:
            if m.isfile():
                f = tar.extractfile(m)
                if f is not None:
                    out[m.name] = f.read()
    return out


def write_set(out: Path, pages: dict) -> None:
    (out / "html").mkdir(parents=True, exist_ok=True)
    truth = {}
    for pid, page in sorted(pages.items()):
        with gzip.open(out / "html" / f"{pid}.html.gz", "wb", compresslevel=6) as g:
            g.write(page.pop("html").encode("utf-8"))
        truth[pid] = page
    (out / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1))
    print(f"{out}: {len(truth)} pages", file=sys.stderr)


def dragnet(tar_path: Path, out: Path) -> None:
    files = members(tar_path)
    by_base = {name.split("/", 1)[-1]: data for name, data in files.items()}
    for split, list_name in (("train", "training.txt"), ("test", "test.txt")):
        ids = by_base[list_name].decode("utf-8").split()
        pages = {}
        for pid in ids:
            html = by_base.get(f"HTML/{pid}.html")
            gold = by_base.get(f"Corrected/{pid}.html.corrected.txt")
            if html is None or gold is None:
                print(f"dragnet: {pid} has no page or no gold, skipped", file=sys.stderr)
                continue
            text = decode_page(gold)
            text = text.split(COMMENTS_SEPARATOR, 1)[0].strip()
            pages[pid] = {"articleBody": text, "url": "", "language": "en", "html": decode_page(html)}
        write_set(out / f"dragnet-{split}", pages)


class SelectionReader(html.parser.HTMLParser):
    """Text of the L3S `x-nc-selN` spans: sel2 blocks and sel1 (headline) blocks."""

    SKIP = {"script", "style", "noscript", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.spans = []  # one entry per open <span>: its selection number or None
        self.skip = 0
        self.blocks = {1: [], 2: []}
        self.current = None  # (sel, [text]) of the span being read

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag != "span":
            return
        cls = dict(attrs).get("class") or ""
        m = re.search(r"x-nc-sel(\d)", cls)
        self.spans.append(int(m.group(1)) if m else None)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag == "span" and self.spans:
            sel = self.spans.pop()
            if sel is not None:
                self.flush()

    def flush(self):
        if self.current is not None:
            sel, parts = self.current
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            if text and sel in self.blocks:
                self.blocks[sel].append(text)
        self.current = None

    def handle_data(self, data):
        if self.skip:
            return
        sel = next((s for s in reversed(self.spans) if s is not None), None)
        if sel is None:
            return
        if self.current is None or self.current[0] != sel:
            self.flush()
            self.current = (sel, [])
        self.current[1].append(data)


def l3s(tar_path: Path, out: Path) -> None:
    files = members(tar_path)
    urls = {}
    for name, data in files.items():
        if name.endswith("url-mapping.txt"):
            for line in data.decode("utf-8", errors="replace").splitlines():
                if "\t" in line:
                    rid, url = line.split("\t", 1)
                    urls[rid.strip("<>").removeprefix("urn:uuid:")] = url.strip()
    pages = {}
    for name, data in files.items():
        m = re.search(r"(?:^|/)annotated/([0-9a-f\-]+)\.html$", name)
        if not m:
            continue
        pid = m.group(1)
        original = next((d for n, d in files.items() if n.endswith(f"original/{pid}.html")), None)
        if original is None:
            print(f"l3s: {pid} has no original page, skipped", file=sys.stderr)
            continue
        reader = SelectionReader()
        reader.feed(decode_page(data))
        reader.close()
        reader.flush()
        pages[pid] = {
            "articleBody": "\n".join(reader.blocks[2]),
            "headline": " ".join(reader.blocks[1]),
            "url": urls.get(pid, ""),
            "language": "en",
            "html": decode_page(original),
        }
    write_set(out / "l3s-gn1", pages)


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=repo.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=default_out())
    args = ap.parse_args()
    dev = args.shared / "extraction-dev"
    out = args.out.resolve()
    if repo in out.parents or out == repo:
        sys.exit(f"{out} is inside the repository; these sets must stay out of it")
    dragnet(dev / "dragnet" / "dragnet.tar.xz", out)
    l3s(dev / "L3S-GN1" / "L3S-GN1.tar.xz", out)
    print(out)


if __name__ == "__main__":
    main()

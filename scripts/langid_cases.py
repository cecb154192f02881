#!/usr/bin/env python3
"""Build the language-identification test cases used by scripts/langid-bench.

Writes TSV lines `lang<TAB>kind<TAB>text` to stdout:
- `short`: scripts/langid-bench/short.tsv (headlines and single sentences written for the project);
- `aeb-first`: the first sentence (up to 200 chars) of each article of the article-extraction
  benchmark, labelled with the page's <html lang> (pages without one are skipped);
- `aeb-long`: the whole article body of those pages.
The benchmark is read in place: python3 scripts/langid_cases.py /work/shared/data/article-extraction-benchmark
"""
import gzip, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
def clean(s):
    return re.sub(r"\s+", " ", s).strip()

with open(os.path.join(here, "langid-bench", "short.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        lang, text = line.rstrip("\n").split("\t", 1)
        print(f"{lang}\tshort\t{clean(text)}")

if len(sys.argv) > 1:
    aeb = sys.argv[1]
    truth = json.load(open(os.path.join(aeb, "ground-truth.json"), encoding="utf-8"))
    for key in sorted(truth):
        html = gzip.open(os.path.join(aeb, "html", key + ".html.gz")).read().decode("utf-8", "replace")
        m = re.search(r'<html[^>]*\blang="([A-Za-z]{2})', html, re.I)
        body = clean(truth[key].get("articleBody", ""))
        if not m or len(body) < 200:
            continue
        lang = m.group(1).lower()
        first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0][:200]
        print(f"{lang}\taeb-first\t{first}")
        print(f"{lang}\taeb-long\t{body}")

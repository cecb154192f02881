#!/usr/bin/env python3
"""Count why main text is lost, by failure class, on a benchmark-layout set.

Usage: extraction_failures.py SET_DIR PREDICTIONS.json [--examples N]

SET_DIR is a set in the article-extraction-benchmark layout (e.g. the Dragnet train cache
that `scripts/extraction_sets.py` writes); PREDICTIONS is what
`armsgraph eval extraction SET_DIR --predictions FILE` wrote. Every gold line of at least
5 words that the prediction misses (under half of its 4-word shingles found) is located in
the page (lxml) and given one class, first match wins:

  page-empty       the prediction is empty
  not-in-page      the line's words are not in the page's text (gold typed by hand, JS)
  wrong-region     the prediction shares under 20 % of the gold: another block was chosen
  furniture-tag    under <aside>, <nav>, <footer>, <figure>, <header> or <form>
  furniture-name   under an element whose class/id matches a `furniture` or `comments`
                   pattern of data/boilerplate/markup.tsv
  heading          in an <h1>…<h6> (Dragnet's gold has the headline; ours leaves the title
                   out of the text, as trafilatura does)
  list             in an <li>/<dd>/<dt>
  table            in a <td>/<th> of a table
  no-p             in a <div>/<span>/<font>/... with no <p> around it
  outside-region   in a <p> outside the smallest element holding the kept gold lines
                   (the article is split across containers)
  inside-region    in a <p> inside that element (dropped by a block rule)

Figures per class: recall points (each page's lost share of its gold words, averaged over
all pages, as the benchmark's recall weighs pages), lost gold words, lines and pages. Needs lxml (a
trafilatura dependency). Written for armsgraph; reads the set, copies nothing.
"""
import collections
import gzip
import json
import re
import sys
from pathlib import Path

import lxml.html

WORD = re.compile(r"\w+")
FURNITURE_TAGS = {"aside", "nav", "footer", "figure", "figcaption", "header", "form"}


def shingles(tokens):
    if len(tokens) < 4:
        return collections.Counter([tuple(tokens)]) if tokens else collections.Counter()
    return collections.Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def furniture_pattern(repo: Path):
    pats = []
    for line in (repo / "data/boilerplate/markup.tsv").read_text().splitlines():
        if line.startswith(("furniture\t", "comments\t")):
            pats.append(line.split("\t", 1)[1])
    return re.compile("|".join(f"(?:{p})" for p in pats))


def token_stream(root):
    """Tokens of the page's visible text, each with the element its text sits in."""
    toks, owners = [], []
    skip = {"script", "style", "noscript", "head", "title", "template"}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in skip:
            continue
        if el.text and not any(a.tag in skip for a in el.iterancestors()):
            for w in WORD.findall(el.text):
                toks.append(w)
                owners.append(el)
        if el.tail and el.getparent() is not None:
            parent = el.getparent()
            if parent.tag not in skip and not any(a.tag in skip for a in parent.iterancestors()):
                for w in WORD.findall(el.tail):
                    toks.append(w)
                    owners.append(parent)
    return toks, owners


def locate(line_tokens, index, owners):
    """Owner element of the line's first 4-shingle found in the page."""
    for i in range(max(1, len(line_tokens) - 3)):
        key = tuple(line_tokens[i:i + 4])
        if key in index:
            return owners[index[key]]
    return None


def classify(el, region, furniture):
    ancestors = [el] + list(el.iterancestors())
    tags = [a.tag for a in ancestors if isinstance(a.tag, str)]
    if any(t in FURNITURE_TAGS for t in tags):
        return "furniture-tag"
    for a in ancestors:
        marks = " ".join(filter(None, [a.get("class"), a.get("id"), a.get("role")])).lower()
        if marks and furniture.search(marks) and a.tag not in ("html", "body", "article", "main"):
            return "furniture-name"
    if any(t in ("h1", "h2", "h3", "h4", "h5", "h6") for t in tags):
        return "heading"
    if any(t in ("li", "dd", "dt") for t in tags):
        return "list"
    if any(t in ("td", "th") for t in tags):
        return "table"
    if "p" not in tags:
        return "no-p"
    if region is not None and region not in ancestors:
        return "outside-region"
    return "inside-region"


def lca(elements):
    common = None
    for el in elements:
        chain = [el] + list(el.iterancestors())
        if common is None:
            common = chain
        else:
            s = set(map(id, chain))
            common = [a for a in common if id(a) in s]
    return common[0] if common else None


def main():
    set_dir, pred_path = Path(sys.argv[1]), Path(sys.argv[2])
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 0
    repo = Path(__file__).resolve().parent.parent
    furniture = furniture_pattern(repo)
    gold = json.loads((set_dir / "ground-truth.json").read_text())
    preds = json.loads(pred_path.read_text())
    words = collections.Counter()
    points = collections.Counter()
    lines = collections.Counter()
    pages = collections.Counter()
    shown = collections.defaultdict(list)
    total_gold = 0
    for pid, g in sorted(gold.items()):
        pred = preds.get(pid, {}).get("articleBody", "")
        ptoks = WORD.findall(pred)
        psh = shingles(ptoks)
        gold_lines = [WORD.findall(l) for l in g["articleBody"].splitlines()]
        gold_lines = [t for t in gold_lines if len(t) >= 5]
        total_gold += sum(len(t) for t in gold_lines)
        if not gold_lines:
            continue
        kept, lost = [], []
        for t in gold_lines:
            sh = shingles(t)
            found = sum(min(n, psh.get(k, 0)) for k, n in sh.items())
            (kept if found >= 0.5 * sum(sh.values()) else lost).append(t)
        if not lost:
            continue
        html = gzip.decompress((set_dir / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        try:
            root = lxml.html.fromstring(html)
        except Exception:
            root = None
        index, owners = {}, []
        if root is not None:
            toks, owners = token_stream(root)
            for i in range(len(toks) - 3):
                index.setdefault(tuple(toks[i:i + 4]), i)
        kept_sh = sum(len(t) for t in kept)
        all_sh = kept_sh + sum(len(t) for t in lost)
        region = None
        if kept and root is not None:
            region = lca([e for e in (locate(t, index, owners) for t in kept) if e is not None])
        page_classes = set()
        for t in lost:
            if not ptoks:
                c = "page-empty"
            elif kept_sh < 0.2 * all_sh:
                c = "wrong-region"
            else:
                el = locate(t, index, owners) if root is not None else None
                c = "not-in-page" if el is None else classify(el, region, furniture)
            words[c] += len(t)
            points[c] += len(t) / all_sh / len(gold)
            lines[c] += 1
            page_classes.add(c)
            if len(shown[c]) < examples:
                shown[c].append((pid, " ".join(t[:12])))
        for c in page_classes:
            pages[c] += 1
    lost_total = sum(words.values())
    print(f"{len(gold)} pages, {total_gold} gold words in lines of 5+ words, {lost_total} lost "
          f"({lost_total / max(1, total_gold):.1%})")
    print("| class | recall points | lost words | share of gold words | lines | pages |")
    print("|---|---|---|---|---|---|")
    for c, n in points.most_common():
        print(f"| {c} | {n:.4f} | {words[c]} | {words[c] / max(1, total_gold):.2%} | {lines[c]} | {pages[c]} |")
    for c, items in shown.items():
        print(f"\n{c}:")
        for pid, text in items:
            print(f"  {pid}: {text}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check armsgraph exports with the tools analysts load them into.

Usage: python3 tests/exports/check_exports.py DIR [--expect-edge SUPPLIER RECIPIENT]

DIR is what `armsgraph export all --out DIR` wrote:
  csv/*.csv, armsgraph.jsonl, armsgraph.graphml, armsgraph.gexf, armsgraph.dynamic.gexf,
  plover.jsonl, ftm.jsonl

Consumers: the csv module (every table), json (JSON Lines, PLOVER), networkx (GraphML and
GEXF), followthemoney (every entity through model.get_proxy, references resolved).
Exits non-zero with a message on the first failed check. Needs `pip install networkx
followthemoney` (tested with networkx 3.6.1, followthemoney 4.11.2).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    # armsgraph's two non-PLOVER kinds
    "DISPLACEMENT", "NO_COMMENT",
}


def fail(msg: str) -> None:
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond: bool, msg: str) -> None:
    if not cond:
        fail(msg)


def check_csv(root: Path) -> None:
    tables = {
        "documents.csv": ["id", "url"],
        "entities.csv": ["id", "kind", "name"],
        "mentions.csv": ["document", "start", "end", "entity"],
        "events.csv": ["id", "document", "event_type", "url", "sentence_start", "sentence_end"],
        "event_roles.csv": ["event", "role", "entity"],
        "quotes.csv": ["id", "document", "message_start", "message_end", "url"],
        "alerts.csv": ["id", "supplier", "recipient", "target", "alliance", "confidence"],
        "alert_links.csv": ["alert", "kind", "source"],
        "reference_facts.csv": ["kind", "dataset", "row", "source"],
    }
    for name, required in tables.items():
        path = root / "csv" / name
        check(path.is_file(), f"missing {path}")
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for col in required:
            check(rows == [] or col in rows[0], f"{name} lacks column {col}")
        if name == "events.csv":
            check(rows, "events.csv is empty")
            for r in rows:
                check(r["url"] != "", f"event {r['id']} has no url/origin")
                check(int(r["sentence_end"]) > int(r["sentence_start"]), f"event {r['id']} has no span")
        if name == "alert_links.csv" and rows:
            kinds = {r["source"].split(":")[0] for r in rows}
            check("reference" in kinds, "alert links cite no reference facts")
            for r in rows:
                if r["source"].startswith("document:"):
                    check(r["sentence_start"] != "" and r["url"] != "", f"document link without span/url: {r}")
    print(f"csv: {len(tables)} tables read")


def check_jsonl(path: Path) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds = {r["record"] for r in records}
    for k in ["document", "mention", "event", "reference"]:
        check(k in kinds, f"{path.name}: no {k} records")
    for r in records:
        if r["record"] == "event":
            check(r["event"]["evidence"], f"event {r['event']['id']} without evidence")
    print(f"jsonl: {len(records)} records")


def check_graph(g, name: str, expect_edge: tuple[str, str] | None) -> None:
    check(g.number_of_nodes() > 0 and g.number_of_edges() > 0, f"{name}: empty graph")
    for node, data in g.nodes(data=True):
        check(data.get("kind"), f"{name}: node {node} has no kind")
    relations = set()
    for u, v, data in g.edges(data=True):
        rel = data.get("relation") or data.get("label")
        relations.add(rel)
        check(data.get("provenance"), f"{name}: edge {u}->{v} has no provenance")
        if str(data.get("provenance", "")).startswith("document:"):
            check(data.get("url"), f"{name}: document edge {u}->{v} has no url")
            check(data.get("span_start") is not None, f"{name}: document edge {u}->{v} has no span")
    check("membership" in relations, f"{name}: no membership edges ({relations})")
    if expect_edge:
        s, r = expect_edge
        check(g.has_edge(s, r), f"{name}: no edge {s}->{r}")
        rels = [d.get("relation") for _, t, d in g.edges(s, data=True) if t == r]
        check("arms_transfer" in rels, f"{name}: {s}->{r} is not an arms transfer ({rels})")
    print(f"{name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, relations {sorted(relations)}")


def check_networkx(root: Path, expect_edge: tuple[str, str] | None) -> None:
    import networkx as nx

    check_graph(nx.read_graphml(root / "armsgraph.graphml"), "graphml", expect_edge)
    check_graph(nx.read_gexf(root / "armsgraph.gexf"), "gexf", expect_edge)
    check_dynamic_gexf(nx.read_gexf(root / "armsgraph.dynamic.gexf"))


def check_dynamic_gexf(g) -> None:
    """The dynamic GEXF: networkx reads its mode, and dated edges carry start/end or spells."""
    check(g.graph.get("mode") == "dynamic", f"dynamic gexf: mode is {g.graph.get('mode')}")
    check(g.number_of_edges() > 0, "dynamic gexf: no edges")
    timed = 0
    for u, v, data in g.edges(data=True):
        check(data.get("relation"), f"dynamic gexf: edge {u}->{v} has no relation")
        check(data.get("provenance"), f"dynamic gexf: edge {u}->{v} has no provenance")
        if "start" in data or "end" in data or data.get("spells"):
            timed += 1
    check(timed > 0, "dynamic gexf: no edge has a time")
    print(f"dynamic gexf: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {timed} with time")


def check_plover(path: Path) -> None:
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        n += 1
        for field in ["event_id", "event_date", "event_type", "mode", "context", "actor", "recipient", "source", "event_text"]:
            check(field in r, f"plover record lacks {field}: {r.get('event_id')}")
        check(r["event_type"] in PLOVER_TYPES, f"unknown PLOVER type {r['event_type']}")
        check(isinstance(r["context"], list), "context must be a list")
        for a in r["actor"] + r["recipient"]:
            check(a.get("code"), f"actor without code in {r['event_id']}")
    check(n > 0, "no PLOVER records")
    print(f"plover: {n} records")


def check_ftm(path: Path) -> None:
    from followthemoney import model
    from followthemoney.exc import InvalidData

    proxies = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        try:
            proxy = model.get_proxy(data, cleaned=False)
        except InvalidData as e:
            fail(f"FtM rejects {data.get('id')}: {e}")
        check(proxy.id not in proxies, f"duplicate FtM id {proxy.id}")
        # Every property value must survive FtM's own cleaning (dates, URLs, references).
        for prop, values in data["properties"].items():
            cleaned = proxy.get(prop)
            check(len(cleaned) == len(values), f"{proxy.id}.{prop}: FtM dropped values {values} -> {cleaned}")
        proxies[proxy.id] = proxy
    schemata = {p.schema.name for p in proxies.values()}
    for s in ["Article", "Event", "Membership", "PublicBody"]:
        check(s in schemata, f"no {s} entities ({sorted(schemata)})")
    for p in proxies.values():
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                check(value in proxies, f"{p.id}.{prop.name} points to missing entity {value}")
        if p.schema.name == "Event":
            check(p.get("sourceUrl") or p.get("proof"), f"event {p.id} has no evidence")
    print(f"ftm: {len(proxies)} entities, schemata {sorted(schemata)}")


def main() -> None:
    args = sys.argv[1:]
    if not args:
        fail(__doc__)
    root = Path(args[0])
    expect_edge = None
    if "--expect-edge" in args:
        i = args.index("--expect-edge")
        expect_edge = (args[i + 1], args[i + 2])
    check_csv(root)
    check_jsonl(root / "armsgraph.jsonl")
    check_plover(root / "plover.jsonl")
    check_networkx(root, expect_edge)
    check_ftm(root / "ftm.jsonl")
    print("all export checks passed")


if __name__ == "__main__":
    main()

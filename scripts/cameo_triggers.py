#!/usr/bin/env python3
"""English trigger lemmas per PLOVER type from the CAMEO verb dictionary.

Reads the PETRARCH2 CAMEO verb dictionary (`CAMEO.2.0.txt`, Open Event Data Alliance, MIT) and
the CAMEO→PLOVER table (`CAMEO2PLOVER-2021.txt`, Open Event Data Alliance, CC BY-SA 4.0) and
writes `data/events/vocab/en.cameo.toml`: one `[[rule]]` per PLOVER type, mode and context, whose
`lemmas` are the dictionary's verbs that code that type. crates/events appends these rules after
the hand rules of `data/events/en.toml`, so a hand rule always wins and these only fill in.

Noise is kept out by mechanism, not by a list of words:
- a verb's votes are its default code (its own, else its block's) and the codes of the patterns
  of its block (PETRARCH applies a block's patterns to every verb of the block); a code that maps
  to no PLOVER event (01x statements, 02x appeals) votes for "no event";
- a verb is kept when its default code's PLOVER type is the most common type among its votes
  that map to a PLOVER event and holds at least `--share` of them (the default counts
  `--default-weight` votes): patterns are the exceptions, and a verb whose patterns mostly read
  as another type (`attack` is ACCUSE as often as ASSAULT) is ambiguous;
- a verb whose default is a bare root code (`040`, `110`) outside the violent families 18-20 is
  dropped: there the root is CAMEO's catch-all (`go`, `think`, `compete`, `plan`);
- a verb without a default code is dropped: PETRARCH codes it only when a pattern's object
  matches, so the bare verb is no event;
- a verb whose default code maps to no PLOVER event is dropped (`SAY`, `URGE` [020]), as are
  verbs of more than one block that disagree;
- a verb with a particle in the parse (`broke down`, `taking over`) is not matched (`bare_verb`):
  PETRARCH lists particle verbs as entries of their own (`+BLOW_UP`, `+WIPE_OUT`);
- general verbs whose event reading lives in their object (`OBJECT_SENSE_VERBS`: `take` a town
  or note, `beat` protesters or a team, `best` a rival) are dropped as bare
  verbs: PETRARCH codes them through its patterns' objects, and on unscored English news the
  bare verbs were mostly sport and idiom (stop 29, docs/notes/news-eval.md);
- only verbs (the rules say `pos = ["VERB"]`): the dictionary lists verbs, and the same word as a
  noun (`a strike`, `the deal`) is left to the hand rules.

Usage: python3 scripts/cameo_triggers.py [--dict DIR] [--plover FILE] [--out FILE]
Defaults read ../shared/data relative to the repository root.
"""

import argparse
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([0-9:-]+)\]")


def read_plover_table(path):
    """CAMEO code → (type, mode, context list)."""
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            m = re.match(r"^(\d+):\s*(.*)$", line)
            if not m:
                continue
            code, rest = m.group(1), m.group(2)
            parts = [p.strip() for p in rest.split(",")]
            event = parts[0] if parts else ""
            if not event:
                continue
            mode = parts[1] if len(parts) > 1 else ""
            context = parts[2] if len(parts) > 2 else ""
            contexts = [c.strip() for c in context.split(";") if c.strip()]
            # The two-digit root lines (`08: CONCEDE`, `08: RETREAT`) name a family; the
            # three- and four-digit lines decide. Keep the first reading of a code.
            if len(code) == 2:
                table.setdefault(code, (event, "", []))
            else:
                table.setdefault(code, (event, mode, contexts))
    return table


def plover_of(code, table):
    """The PLOVER reading of a CAMEO code, falling back to its parent code; None when the code
    (and its family) maps to no PLOVER event."""
    code = code.split(":", 1)[0].strip()
    if not code or not code.isdigit():
        return None
    c = code
    while len(c) >= 3:
        if c in table:
            return table[c]
        c = c[:-1]
    return table.get(code[:2])


def is_vague_root(code):
    """A bare root code (`040`, `110`) of a family other than the violent ones (18-20).

    In CAMEO's cooperation, verbal-conflict and coercion families the root code is the
    catch-all for verbs that only loosely belong (`go`, `think` → 040 consult; `compete`,
    `argue` → 110 disapprove; `plan`, `prepare` → 030 intend); there the specific codes (042
    visit, 111 criticize, 173 arrest) carry the meaning. In the violent families the root
    already says "use force" (190: `bombard`, `murder`)."""
    code = code.split(":", 1)[0].strip()
    return len(code) == 3 and code.endswith("0") and code[:2] not in ("18", "19", "20")


def undergoer_block(block):
    """Do most of the block's coded patterns code the event towards the subject?

    PETRARCH writes `[:190]` (no source-to-target code, a target-to-source one) where the
    verb's subject is the one the act befalls: `DIE` `- * (IN BLAST) [:190]` — the dead are
    the victims, and whoever attacked is named elsewhere or not at all. Such a verb's subject
    is its recipient (`subject_undergoes`), as a passive's is; the others' subject acts."""
    coded = [c for c in block["patterns"] if c.strip() not in ("", "---")]
    towards_subject = [c for c in coded if c.strip().startswith(":")]
    return bool(coded) and 2 * len(towards_subject) > len(coded)


def verb_lemma(word):
    """`+ROUND_UP` → `round up`; `RE-EXAMINE` → `re-examine`."""
    w = word.lstrip("+").strip().lower().replace("_", " ").strip()
    return w


def read_blocks(path):
    """Yield (block name, block code, [(verb, own code)], [pattern codes])."""
    blocks = []
    in_verbs = False
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("####### VERB PATTERNS"):
                in_verbs = True
                continue
            if line.startswith("######## TRANSFORMATIONS"):
                break
            if not in_verbs:
                continue
            m = HEADER.match(line)
            if m:
                cur = {"name": m.group(1), "code": m.group(2).strip(), "verbs": [], "patterns": []}
                blocks.append(cur)
                continue
            if cur is None:
                continue
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            if body.startswith("-"):
                cm = CODE.search(body)
                if cm:
                    cur["patterns"].append(cm.group(1))
                continue
            # A verb line: WORD [{forms}] [[code]]
            word = body.split()[0]
            if word.startswith("{") or word.startswith("["):
                continue
            cm = CODE.search(body.split("}")[-1])
            cur["verbs"].append((word, cm.group(1) if cm else None))
    return blocks


# General English verbs of wide sense whose event reading is fixed by their object (stop 29).
OBJECT_SENSE_VERBS = {"take", "catch", "beat", "best", "blow"}


def decide(blocks, table, share, default_weight):
    """Verb lemma → (type, mode, contexts, votes, share), and the verbs left out with why."""
    readings = collections.defaultdict(list)
    dropped = {}
    for b in blocks:
        pattern_votes = collections.Counter()
        for code in b["patterns"]:
            p = plover_of(code, table)
            key = p[0] if p else None
            pattern_votes[key] += 1
        block_code = b["code"] if b["code"] not in ("---", "") else None
        for word, own in b["verbs"]:
            lemma = verb_lemma(word)
            if not lemma or not re.match(r"^[a-z][a-z' -]*$", lemma):
                continue
            # `+KILLED_AND`, `+ARREST_AND`: pattern fragments, not verbs.
            if set(lemma.split()[1:]) & {"and", "or"}:
                continue
            if lemma in OBJECT_SENSE_VERBS:
                dropped[lemma] = "a verb of wide sense: its object decides (patterns only)"
                continue
            default = own if own and own != "---" else block_code
            if not default:
                # PETRARCH codes such a verb only when one of its patterns matches: the bare
                # verb is no event.
                dropped[lemma] = f"no default code (block {b['name']})"
                continue
            if is_vague_root(default):
                dropped[lemma] = f"default code {default} is a catch-all root code"
                continue
            p = plover_of(default, table)
            if p is None:
                dropped[lemma] = f"default code {default} maps to no PLOVER event"
                continue
            votes = collections.Counter({k: v for k, v in pattern_votes.items() if k})
            votes[p[0]] += default_weight
            total = sum(votes.values())
            top = max(votes.values())
            if votes[p[0]] < top or votes[p[0]] / total < share:
                dropped[lemma] = f"{p[0]} holds {votes[p[0]]}/{total} votes: {dict(votes)}"
                continue
            readings[lemma].append(
                (p[0], p[1], tuple(p[2]), votes[p[0]], votes[p[0]] / total, undergoer_block(b))
            )
    out = {}
    for lemma, rs in readings.items():
        types = {r[0] for r in rs}
        if len(types) > 1:
            dropped[lemma] = f"blocks disagree: {sorted(types)}"
            continue
        best = max(rs, key=lambda r: (r[3], r[4]))
        out[lemma] = best
        dropped.pop(lemma, None)
    return out, dropped


def toml_list(items):
    return "[" + ", ".join('"' + i.replace('"', '\\"') + '"' for i in items) + "]"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dict", default=os.path.join(SHARED, "petrarch2-dictionaries", "CAMEO.2.0.txt"))
    ap.add_argument("--plover", default=os.path.join(SHARED, "plover-gsr", "CAMEO2PLOVER-2021.txt"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "events", "vocab", "en.cameo.toml"))
    ap.add_argument("--share", type=float, default=0.4)
    ap.add_argument("--default-weight", type=int, default=2)
    ap.add_argument("--dropped", help="also write the verbs left out, with the reason, here")
    args = ap.parse_args()

    table = read_plover_table(args.plover)
    blocks = read_blocks(args.dict)
    kept, dropped = decide(blocks, table, args.share, args.default_weight)

    groups = collections.defaultdict(list)
    for lemma, (event, mode, ctx, _n, _s, undergoes) in kept.items():
        groups[(event, mode, ctx, undergoes)].append(lemma)

    lines = [
        "# GENERATED by scripts/cameo_triggers.py — do not edit; rerun the script instead.",
        "# English trigger lemmas per PLOVER type, from the CAMEO verb dictionary of PETRARCH2",
        "# (CAMEO.2.0.txt, Open Event Data Alliance, MIT licence, ../shared/data/petrarch2-dictionaries)",
        "# mapped with the CAMEO→PLOVER table (CAMEO2PLOVER-2021.txt, Open Event Data Alliance,",
        "# CC BY-SA 4.0; only its labels). Only the verbs are taken (no pattern text).",
        f"# Kept: a verb whose default code's PLOVER type is the plurality and ≥ {args.share} of its"
        f" votes (default {args.default_weight}, each pattern of its block 1; codes of no PLOVER event not counted).",
        f"# {len(kept)} verbs kept, {len(dropped)} left out. Read after data/events/en.toml: hand rules win.",
        "",
        'language = "en"',
        "",
    ]
    for (event, mode, ctx, undergoes) in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3])):
        lemmas = sorted(groups[(event, mode, ctx, undergoes)])
        slug = "_".join(
            x
            for x in [event.lower(), mode.replace("-", "_")]
            + [c for c in ctx]
            + (["undergoer"] if undergoes else [])
            if x
        )
        lines.append("[[rule]]")
        lines.append(f'id = "en.cameo.{slug}"')
        lines.append(f'event = "{event}"')
        if mode:
            lines.append(f'mode = "{mode}"')
        if ctx:
            lines.append(f"context = {toml_list(ctx)}")
        lines.append(f"lemmas = {toml_list(lemmas)}")
        lines.append('pos = ["VERB"]')
        # PETRARCH lists particle verbs as entries of their own (`+BLOW_UP`): a bare verb's
        # entry does not cover it with a particle (`broke down`, `taking over`).
        lines.append("bare_verb = true")
        lines.append('recipient = "object"')
        if undergoes:
            # The dictionary codes these verbs towards their subject (`[:190]`): the subject
            # is who it befalls (`policemen died`), as a passive's is.
            lines.append("subject_undergoes = true")
        lines.append("")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    if args.dropped:
        with open(args.dropped, "w", encoding="utf-8") as f:
            for lemma in sorted(dropped):
                f.write(f"{lemma}\t{dropped[lemma]}\n")
    print(f"{len(kept)} verbs in {len(groups)} rules → {args.out}; {len(dropped)} left out", file=sys.stderr)


if __name__ == "__main__":
    main()

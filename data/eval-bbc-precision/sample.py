#!/usr/bin/env python3
"""Draw the BBC precision sample from `relgraph extract` output, or score the judgments.

    python3 sample.py sample RECORDS.jsonl [--seed 2225] [--size 300] [--context CORPUS_PARENT]
    python3 sample.py score judgments.tsv [--lenient CLASS]

`sample` reads the extraction records (one JSON object per document), keeps every mention whose
kind is a gazetteer match (name, alias, demonym, metonym, role; not coreference, not guessed),
sorts them by (doc, start, end, entity id, kind) so the population does not depend on record or
entity order, and draws a uniform sample without replacement with `random.Random(seed).sample`.
It prints one TSV row per sampled mention (doc, start, end, surface, entity id, type, kind), in
(doc, start) order. With `--context DIR` (the folder the docs' paths are relative to) it prints the
article text around each mention instead, to judge it; that text is the BBC's and is never written
into the repository.

`score` reads judgments.tsv and prints precision (correct / judged) with 95% Wilson intervals,
overall, per kind, per entity type and per BBC folder, and the counts of the false-match classes.

Standard library only (Python 3.8+).
"""

import argparse
import collections
import csv
import json
import math
import random
import sys

GAZETTEER_KINDS = {"name", "alias", "demonym", "metonym", "role"}


def population(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            for ent in rec["entities"]:
                for m in ent["mentions"]:
                    if m["kind"] in GAZETTEER_KINDS:
                        rows.append(
                            (rec["doc"], m["start"], m["end"], m["text"], ent["id"], ent["type"], m["kind"])
                        )
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[4], r[6]))
    return rows


def read_doc(parent, doc):
    raw = open(f"{parent}/{doc}", "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # one BBC file (sport/199.txt) is Windows-1252; offsets are characters, so they hold
        return raw.decode("cp1252")


def cmd_sample(args):
    pop = population(args.records)
    sample = random.Random(args.seed).sample(pop, args.size)
    sample.sort(key=lambda r: (r[0], r[1], r[2], r[4], r[6]))
    print(f"# population {len(pop)} gazetteer mentions, seed {args.seed}, sample {len(sample)}", file=sys.stderr)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if not args.context:
        out.writerow(["doc", "start", "end", "surface", "entity", "type", "kind"])
    for i, r in enumerate(sample, 1):
        if args.context:
            text = read_doc(args.context, r[0])
            s, e = r[1], r[2]
            assert text[s:e] == r[3], (r, text[s:e])
            left = text[max(0, s - 200):s].replace("\n", " ")
            right = text[e:e + 200].replace("\n", " ")
            print(f"=== {i} {r[0]} {s}-{e} {r[4]} ({r[5]}, {r[6]})")
            print(f"{left}[[{r[3]}]]{right}\n")
        else:
            out.writerow(r)


def wilson(k, n, z=1.959964):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def line(label, k, n):
    lo, hi = wilson(k, n)
    return f"| {label} | {k}/{n} | {k / n:.3f} | {lo:.3f}–{hi:.3f} |"


def cmd_score(args):
    with open(args.judgments, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    verdicts = {"correct", "wrong_entity", "wrong_type", "not_an_entity"}
    bad = [r for r in rows if r["verdict"] not in verdicts]
    if bad:
        sys.exit(f"unknown verdicts: {bad[:3]}")
    ok = lambda rs: sum(r["verdict"] == "correct" for r in rs)
    print("| slice | correct | precision | 95% Wilson |")
    print("|---|---:|---:|---|")
    print(line("all", ok(rows), len(rows)))
    for r in rows:
        r["folder"] = r["doc"].split("/")[-2]
    for key in ("kind", "type", "folder"):
        groups = collections.defaultdict(list)
        for r in rows:
            groups[r[key]].append(r)
        for g in sorted(groups, key=lambda g: (-len(groups[g]), g)):
            print(line(f"{key} = {g}", ok(groups[g]), len(groups[g])))
    for c in args.lenient:
        extra = sum(r["verdict"] != "correct" and r["class"] == c for r in rows)
        print(line(f"all, also counting '{c}' as correct", ok(rows) + extra, len(rows)))
    print()
    print("| verdict | count |")
    print("|---|---:|")
    for v, n in collections.Counter(r["verdict"] for r in rows).most_common():
        print(f"| {v} | {n} |")
    print()
    classes = collections.defaultdict(list)
    for r in rows:
        if r["verdict"] != "correct":
            classes[r["class"]].append(r["surface"])
    print("| false-match class | count | surfaces |")
    print("|---|---:|---|")
    for c in sorted(classes, key=lambda c: (-len(classes[c]), c)):
        surf = ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in collections.Counter(classes[c]).most_common())
        print(f"| {c} | {len(classes[c])} | {surf} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("records")
    s.add_argument("--seed", type=int, default=2225)
    s.add_argument("--size", type=int, default=300)
    s.add_argument("--context", metavar="CORPUS_PARENT")
    s.set_defaults(func=cmd_sample)
    c = sub.add_parser("score")
    c.add_argument("judgments")
    c.add_argument("--lenient", action="append", default=[], metavar="CLASS",
                   help="also report precision counting this false-match class as correct")
    c.set_defaults(func=cmd_score)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()

"""A uniform, reproducible sample of the generator's place links, for judging by hand.

    cargo run --release -p gen_gazetteer -- --sources ../shared/data/sources --out /tmp/gz --link-report /tmp/links.tsv
    python3 data/generator/sample_links.py /tmp/links.tsv 200 loc: > places.tsv
    python3 data/generator/sample_links.py /tmp/links.tsv 100 org: > organizations.tsv

Prints the header and N lines chosen uniformly (seed 2026) among the lines whose decision is
"linked" (and whose id starts with the optional PREFIX): the entity (id, name, kind, state, coordinates), its QID and the source rows that
matched (with their distance from the GeoNames point), to check against the source files.
"""
import random
import sys

path, n = sys.argv[1], int(sys.argv[2])
prefix = sys.argv[3] if len(sys.argv) > 3 else ""
lines = open(path, encoding="utf-8").read().splitlines()
head = lines[0]
rows = [l for l in lines[1:] if l.split("\t")[5] == "linked" and l.startswith(prefix)]
print(head)
for l in sorted(random.Random(2026).sample(rows, n)):
    print(l)

"""How far the Wikidata link sources could take the gazetteer's QID coverage, at most.

    python3 data/generator/link_bounds.py [../shared/data/sources]

For every place, organization and person of data/gazetteer this asks the loosest question a
linker could ask of ../shared/data/sources/wikidata-links and everypolitician: does *any* row
that carries a QID have one of the entity's names (folded to ASCII lower case, punctuation as
spaces; for places also with an administrative word such as "district" or "-shi" dropped on
the source's side), in the entity's country (places, organizations) or anywhere (all types)?
An entity that already has a QID counts as covered. No linker that also checks country,
coordinates, category or role can link more than these counts, so they bound the coverage the
sources allow from above; the printed shares are what data/README.md ("Wikidata links") quotes.
Python standard library only.
"""

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

SOURCES = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/sources")
LINKS = SOURCES / "wikidata-links"
GAZETTEER = Path(__file__).resolve().parents[1] / "gazetteer"
ADMIN_WORDS = (
    "shi ku city province county region district prefecture state municipality governorate "
    "department oblast"
).split()
csv.field_size_limit(1 << 24)


def norm(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def entities(file):
    with open(GAZETTEER / file, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield json.loads(line)


def keys_of(e, first_last=False):
    out = set()
    for n in [e["name"], *e.get("aliases", [])]:
        t = norm(n).split()
        if t:
            out.add(" ".join(t))
            if first_last and len(t) > 2:
                out.add(t[0] + " " + t[-1])
    return out


class Index:
    """Names with and without a country."""

    def __init__(self):
        self.by_country, self.names = set(), set()

    def add(self, cc, name, strip_admin=False):
        k = norm(name)
        if not k:
            return
        ks = {k}
        if strip_admin:
            ks |= {k[: -len(w) - 1] for w in ADMIN_WORDS if k.endswith(" " + w)}
        for k in ks:
            self.names.add(k)
            if cc:
                self.by_country.add((cc.upper(), k))


def bound(name, ents, ix, first_last=False):
    total = has = with_cc = anywhere = 0
    for e in ents:
        total += 1
        cc = (e.get("state") or "").removeprefix("state:")
        ks = keys_of(e, first_last)
        q = bool(e.get("qid"))
        has += q
        with_cc += q or any((cc, k) in ix.by_country for k in ks)
        anywhere += q or any(k in ix.names for k in ks)
    print(
        f"{name:14} {total:6}  with a QID {has:6} ({has / total:.3f})"
        f"  at most, name + country {with_cc:6} ({with_cc / total:.3f})"
        f"  at most, name anywhere {anywhere:6} ({anywhere / total:.3f})"
    )


places = Index()
for r in tsv(LINKS / "countries-states-cities/places_wikidata.tsv"):
    for n in (r["name"], r["native"]):
        places.add(r["country_code"], n or "", True)
for r in tsv(LINKS / "natural-earth/ne_wikidata.tsv"):
    for n in [r["name"], r["name_en"], *r["name_alt"].split("|")]:
        places.add(r["iso_a2"], n, True)
for r in tsv(LINKS / "extras-cc0/wiki-media-cred/wikidata-us-cities.tsv"):
    places.add("US", r["placeLabel"], True)

orgs = Index()
for r in tsv(LINKS / "name-suggestion-index/nsi_wikidata.tsv"):
    ccs = {l.split("-")[0].split(".")[0] for l in r["locations"].split("|")}
    for n in [r["name"], r["name_en"], *r["aliases"].split("|")]:
        for cc in ccs or {""}:
            orgs.add(cc, n)

people = Index()
with open(LINKS / "extras-cc0/captainfact/politicians_born_after_1945_having_a_picture.csv",
          newline="", encoding="utf-8") as f:
    for r in csv.reader(f):
        if r and r[0].startswith("http"):
            t = norm(r[3]).split()
            people.add(r[5], " ".join(t))
            if len(t) > 2:
                people.add(r[5], t[0] + " " + t[-1])
for y in ("legislators-current.yaml", "executive.yaml"):
    text = (LINKS / "extras-cc0/congress-legislators" / y).read_text(encoding="utf-8")
    for first, last in re.findall(r"\n\s+first: (.+)\n\s+last: (.+)", text):
        people.add("US", f"{first.strip()} {last.strip()}")
    for full in re.findall(r"official_full: (.+)", text):
        people.add("US", full.strip())
ep = SOURCES / "everypolitician-2023"
with open(ep / "foreign_ministers_wikidata.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["person"]:
            people.add("", r["name"])
with open(ep / "igo_heads_holders21.csv", newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["personID"]:
            people.add("", r["person"])

bound("places", (e for e in entities("locations.jsonl") if e["type"] == "location"), places)
bound("organizations", entities("organizations.jsonl"), orgs)
bound("people", entities("people.jsonl"), people, first_last=True)

"""Checks the acceptance list of the pipeline issue on the seed article's extraction record.

Usage: python3 .ci/check_seed.py seed.jsonl   (the output of `relgraph extract kursk-sappers.txt`)
Exits 1 and lists every missing item.
"""
import json
import sys

rec = json.loads(open(sys.argv[1], encoding="utf-8").readline())
ents = {e["id"]: e for e in rec["entities"]}
by_name = {e["name"]: e for e in rec["entities"]}
missing = []


def entity(name, etype, via=()):
    e = by_name.get(name)
    if e is None or e["type"] != etype:
        missing.append(f"entity {etype} {name}")
        return
    texts = {m["text"] for m in e["mentions"]}
    for v in via:
        if v not in texts:
            missing.append(f"{name} via {v!r} (mentions: {sorted(texts)})")


def rel(src, rtype, tgt, role=None):
    s, t = by_name.get(src), by_name.get(tgt)
    if not s or not t:
        missing.append(f"relation {src} {rtype} {tgt} (endpoint missing)")
        return
    for r in rec["relations"]:
        ends = (r["source"], r["target"])
        if r["type"] == rtype and (ends == (s["id"], t["id"]) or (rtype == "met_with" and ends == (t["id"], s["id"]))):
            if role is None or role in [x.lower() for x in r.get("roles", [])]:
                return r
    missing.append(f"relation {src} {rtype} {tgt}" + (f" (role {role})" if role else ""))


entity("Kim Jong Un", "person")
entity("Sergei Shoigu", "person")
entity("North Korea", "state", ["North Korean", "North Korea", "Pyongyang"])
entity("Russia", "state", ["Russian", "Moscow", "the Kremlin"])
entity("Ukraine", "state")
entity("South Korea", "state", ["SOUTH KOREA"])
entity("China", "state", ["CHINESE"])
entity("Russian Security Council", "organization")
entity("Korean People's Army", "organization")
entity("Workers' Party of Korea", "organization", ["Workers\u2019 Party of Korea"])
kursk = [e for e in rec["entities"] if e["name"].startswith("Kursk") and e["type"] == "location"]
if not kursk:
    missing.append("location Kursk")

# "[North Korea]" and "Pyongyang" in "Moscow and Pyongyang": check by offsets.
text = open(sys.argv[2] if len(sys.argv) > 2 else "../shared/data/eval/news-seed/kursk-sappers.txt", encoding="utf-8").read()
nk = by_name.get("North Korea", {"mentions": []})
spans = {(m["start"], m["end"]) for m in nk["mentions"]}
i = text.find("[North Korea]")
if (i + 1, i + 12) not in spans:
    missing.append("North Korea via '[North Korea]'")
i = text.find("Moscow and Pyongyang")
if (i + 11, i + 20) not in spans:
    missing.append("North Korea via 'Pyongyang' in 'Moscow and Pyongyang'")
ru = by_name.get("Russia", {"mentions": []})
if (i, i + 6) not in {(m["start"], m["end"]) for m in ru["mentions"]}:
    missing.append("Russia via 'Moscow' in 'Moscow and Pyongyang'")

rel("Kim Jong Un", "head_of_state", "North Korea")
rel("Sergei Shoigu", "official_of", "Russian Security Council", role="secretary")
rel("Russian Security Council", "part_of", "Russia")
r = rel("Sergei Shoigu", "met_with", "Kim Jong Un")
rel("North Korea", "sends_personnel_to", "Russia")
rel("North Korea", "supports", "Russia")
rel("Korean People's Army", "part_of", "North Korea")

# "He" and "Kim" must resolve to Shoigu and Kim Jong Un in the meeting sentence.
shoigu = by_name.get("Sergei Shoigu", {"mentions": []})
kim = by_name.get("Kim Jong Un", {"mentions": []})
i = text.find("He made the comments")
if (i, i + 2) not in {(m["start"], m["end"]) for m in shoigu["mentions"]}:
    missing.append("'He' -> Sergei Shoigu")
j = text.find("with Kim in Pyongyang") + 5
if (j, j + 3) not in {(m["start"], m["end"]) for m in kim["mentions"]}:
    missing.append("'Kim' -> Kim Jong Un")

# No person is made head of a state other than their own.
heads = {}
for r in rec["relations"]:
    if r["type"] in ("head_of_state", "head_of_government") and r["origin"] == "text":
        heads.setdefault(r["source"], set()).add(r["target"])
for p, states in heads.items():
    if len(states) > 1:
        missing.append(f"{p} made head of several states: {sorted(states)}")
if by_name.get("Sergei Shoigu") and by_name["Sergei Shoigu"]["id"] in heads:
    missing.append("Sergei Shoigu made a head of state")

if missing:
    print("seed acceptance list: MISSING")
    for m in missing:
        print("  -", m)
    sys.exit(1)
print("seed acceptance list: all items found")

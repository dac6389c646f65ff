#!/usr/bin/env python3
"""An extra gazetteer file for measuring how extraction speed holds as the gazetteer grows.

Writes one location entry per GeoNames city of 15,000 or more people (the default gazetteer keeps
only larger or newsworthy ones), under new ids, so that the default plus this file holds about
92,000 surfaces (docs/performance.md). Names the loader refuses (stop words, names that do not
start with a letter or digit) are left out. Standard library only.

    python3 benches/extra_gazetteer.py ../shared/data/sources/geonames/cities15000.json \
        data/lexicon/stop-words.txt /tmp/cities-extra.jsonl
    cargo bench --bench throughput -- --gazetteer /tmp/cities-extra.jsonl
"""
import json
import sys


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit("usage: extra_gazetteer.py CITIES15000_JSON STOP_WORDS_TXT OUT_JSONL")
    cities_path, stop_path, out_path = sys.argv[1:]
    with open(cities_path, encoding="utf-8") as f:
        cities = json.load(f)
    with open(stop_path, encoding="utf-8") as f:
        stop = {l.strip().lower() for l in f if l.strip() and not l.startswith("#")}
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
            name = c["name"].strip()
            if len(name) < 2 or not name[0].isalnum() or name.lower() in stop:
                continue
            entry = {"id": f"loc:extra-{gid}", "type": "location", "name": name,
                     "kind": "city", "source": "geonames"}
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} entries -> {out_path}")


if __name__ == "__main__":
    main()

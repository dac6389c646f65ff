"""Extraction speed from Python: `python python/examples/speed.py FOLDER` reads every .txt file of
FOLDER and reports the best of three runs of Extractor.extract_many with 1 and 2 threads
(docs/python.md, "Speed"; compare with `relgraph extract --threads N FOLDER -o out.jsonl`).
"""
import os, sys, time, json
import relgraph
root = sys.argv[1]
docs = []
for d, _, fs in sorted(os.walk(root)):
    for f in sorted(fs):
        if f.endswith(".txt"):
            p = os.path.join(d, f)
            docs.append({"id": p, "text": open(p, encoding="utf-8", errors="replace").read()})
mb = sum(len(x["text"].encode()) for x in docs) / 1e6
ex = relgraph.Extractor()
for threads in (1, 2):
    best = None
    for _ in range(3):
        t = time.time(); n = sum(1 for _ in ex.extract_many(docs, threads=threads)); dt = time.time() - t
        best = dt if best is None else min(best, dt)
    print(f"python extract_many threads={threads}: {len(docs)} docs, {mb:.2f} MB in {best:.2f} s = {mb/best:.1f} MB/s")

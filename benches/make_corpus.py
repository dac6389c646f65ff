"""Builds the mixed bench corpus of docs/performance.md from ../shared/data, one JSON Lines file
per kind of news plus `mixed.jsonl` (all of them, kind after kind):

    python3 benches/make_corpus.py [SHARED_DATA [OUT_DIR]]   # defaults: ../shared/data, target/bench-corpus

kinds (each record `{"id": ..., "text": ...}`, the input `relgraph extract` reads):
  reuters    Reuters-21578 article bodies (SGML, Latin-1), results tables and all
  headlines  Reuters-21578 titles, one upper-case headline per document
  bbc        BBC News articles, long features
  conll04    every sentence of CoNLL04 train.json as its own document (tokens joined by spaces)
  conll03    CoNLL-2003 eng.train documents (tokens joined by spaces, a sentence per line:
             sports results tables and upper-case headlines included)
  pretok     the BBC business articles again, pre-tokenized (punctuation split off by spaces)

The files are written under target/, never into the repository: the texts are third-party
(docs/performance.md names them; the train splits serve only as input to measure speed).
Deterministic: same sources, same bytes. Python standard library only.
"""

import html
import json
import re
import sys
from pathlib import Path

SHARED = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "target/bench-corpus")


def reuters():
    bodies, titles = [], []
    for f in sorted((SHARED / "corpus/reuters21578").glob("*.sgm")):
        text = f.read_bytes().decode("latin-1")
        for i, art in enumerate(text.split("<REUTERS")[1:]):
            for tag, out in (("TITLE", titles), ("BODY", bodies)):
                m = re.search(rf"<{tag}>(.*?)</{tag}>", art, re.S)
                if m:
                    t = html.unescape(m.group(1).replace("&#3;", "")).strip()
                    if t:
                        out.append((f"{f.name}#{i}", t))
    return bodies, titles


def bbc():
    docs = []
    root = SHARED / "corpus/bbc/bbc"
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(d.glob("*.txt")):
            docs.append((f"bbc/{d.name}/{f.name}", f.read_bytes().decode("utf-8", "replace")))
    return docs


def conll04():
    data = json.loads((SHARED / "eval/conll04/train.json").read_text(encoding="utf-8"))
    return [(f"conll04-train#{i}", " ".join(s["tokens"])) for i, s in enumerate(data)]


def conll03():
    docs, sents, toks = [], [], []
    for line in (SHARED / "eval/conll2003/eng.train").read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if toks:
                sents.append(" ".join(toks))
                toks = []
            if sents:
                docs.append(sents)
            sents = []
        elif not line.strip():
            if toks:
                sents.append(" ".join(toks))
            toks = []
        else:
            toks.append(line.split(" ")[0])
    if toks:
        sents.append(" ".join(toks))
    if sents:
        docs.append(sents)
    return [(f"conll03-train#{i}", "\n".join(s)) for i, s in enumerate(docs)]


def pretok(docs):
    split = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
    out = []
    for id_, text in docs:
        if "/business/" in id_:
            lines = (" ".join(split.findall(l)) for l in text.splitlines())
            out.append(("pretok/" + id_, "\n".join(lines)))
    return out


def main():
    bodies, titles = reuters()
    b = bbc()
    kinds = {
        "reuters": bodies,
        "headlines": titles,
        "bbc": b,
        "conll04": conll04(),
        "conll03": conll03(),
        "pretok": pretok(b),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "mixed.jsonl", "w", encoding="utf-8") as mixed:
        for kind, docs in kinds.items():
            with open(OUT / f"{kind}.jsonl", "w", encoding="utf-8") as f:
                for id_, text in docs:
                    line = json.dumps({"id": id_, "text": text}, ensure_ascii=False) + "\n"
                    f.write(line)
                    mixed.write(line)
            size = sum(len(t.encode()) for _, t in docs)
            print(f"{kind:10} {len(docs):6} documents {size / 1e6:6.2f} MB of text")


main()

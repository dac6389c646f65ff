"""The Python API against the command line: the same records, the same graph bytes, offsets
that index Python strings, streaming in input order, the GIL released, errors that name the
file and line. Run by .ci/python.sh after `pip install ./python` (docs/python.md).

The relgraph binary to compare with is $RELGRAPH_BIN (default: target/release/relgraph).
"""

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

import relgraph

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
BIN = os.environ.get("RELGRAPH_BIN", str(ROOT / "target" / "release" / "relgraph"))


def cli(*args, cwd=ROOT):
    out = subprocess.run([BIN, *args], cwd=cwd, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def example_documents():
    """The bundled examples as `relgraph build data/examples` reads them: (id, text, date)."""
    docs = []
    for p in sorted(EXAMPLES.iterdir()):
        rel = str(p.relative_to(ROOT))
        if p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    docs.append({"id": d["id"], "text": d["text"], "date": d.get("date")})
        else:
            docs.append({"id": rel, "text": p.read_text(encoding="utf-8"), "date": None})
    return docs


@pytest.fixture(scope="module")
def ex():
    return relgraph.Extractor()


def test_the_readme_example(ex):
    rec = ex.extract("Keir Starmer met Emmanuel Macron in Paris.")
    names = {e["name"] for e in rec["entities"]}
    assert {"Keir Starmer", "Emmanuel Macron", "Paris"} <= names
    assert any(r["type"] == "met_with" for r in rec["relations"])


def test_records_equal_the_command_line(ex):
    want = [json.loads(line) for line in cli("extract", "data/examples").splitlines()]
    got = list(ex.extract_many(example_documents()))
    assert got == want
    one = example_documents()[0]
    assert ex.extract(one["text"], id=one["id"], date=one["date"]) == want[0]


def test_offsets_index_python_strings(ex):
    text = ("Le président Emmanuel Macron 🇫🇷 a reçu Olaf Scholz à l'Élysée. "
            "𝒜 Vladimir Putin met Xi Jinping in Beijing 🚀 on Tuesday.")
    rec = ex.extract(text)
    mentions = [m for e in rec["entities"] for m in e["mentions"]]
    assert len(mentions) >= 4
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    for r in rec["relations"]:
        for v in r["evidence"]:
            assert 0 <= v["start"] < v["end"] <= len(text)


def test_extract_many_streams_in_order_on_threads(ex):
    texts = [f"Vladimir Putin met Xi Jinping in Beijing on day {i}." for i in range(300)]
    texts[7] = "Kim Jong Un visited Moscow."
    read = []

    def source():
        for i, t in enumerate(texts):
            read.append(i)
            yield t

    it = ex.extract_many(source(), threads=2)
    first = next(it)
    # Read in batches, not all at once.
    assert len(read) < len(texts)
    rest = list(it)
    records = [first] + rest
    assert [r["doc"] for r in records] == [str(i) for i in range(len(texts))]
    assert records == [ex.extract(t, id=str(i)) for i, t in enumerate(texts)]
    # Items may be (id, text) tuples and dicts with a date.
    recs = list(ex.extract_many([("a", texts[0]), {"id": "b", "text": texts[7], "date": "2024-06-19"}]))
    assert [r["doc"] for r in recs] == ["a", "b"]
    assert recs[1].get("date") == "2024-06-19"


def test_the_gil_is_released_while_extracting(ex):
    text = " ".join(["Vladimir Putin met Xi Jinping in Beijing."] * 40000)
    ticks = [0]
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks[0] += 1
            time.sleep(0.0005)

    t = threading.Thread(target=count)
    t.start()
    start = time.time()
    ex.extract(text)
    took = time.time() - start
    done.set()
    t.join()
    # While the GIL was held the counter would stand still; released, it ticks throughout.
    assert took > 0.05, f"text too small to tell ({took:.3f} s)"
    assert ticks[0] > 20, f"{ticks[0]} ticks in {took:.2f} s"


def test_graph_build_equals_relgraph_build(tmp_path):
    out = tmp_path / "cli.json"
    cli("build", "data/examples", "-o", str(out))
    ex = relgraph.Extractor(sentences=True)
    g = relgraph.Graph.build(ex.extract_many(example_documents(), threads=2), extractor=ex)
    assert g.dumps() == out.read_text(encoding="utf-8")
    assert (g.documents, g.node_count) == (5, 32)


def test_facts_all_and_max_evidence(tmp_path):
    out = tmp_path / "cli.json"
    cli("build", "data/examples", "--facts", "all", "--max-evidence", "1", "-o", str(out))
    ex = relgraph.Extractor(facts="all", sentences=True)
    g = relgraph.Graph.build(list(ex.extract_many(example_documents())), extractor=ex, max_evidence=1)
    assert g.dumps() == out.read_text(encoding="utf-8")


def test_save_and_load_every_format(tmp_path):
    ex = relgraph.Extractor(sentences=True)
    g = relgraph.Graph.build(ex.extract_many(example_documents()), extractor=ex)
    for name in ["g.json", "g.bin", "g.graphml", "g.gexf", "g.cyjs", "g.ttl", "g.nt", "g.jsonld",
                 "g.cypher", "g.dot", "g.html"]:
        g.save(str(tmp_path / name))
        assert (tmp_path / name).stat().st_size > 0, name
    # A format by its name or its extension.
    g.save(str(tmp_path / "by-name"), format="turtle")
    g.save(str(tmp_path / "by-ext"), format="ttl")
    assert (tmp_path / "by-name").read_bytes() == (tmp_path / "g.ttl").read_bytes()
    assert (tmp_path / "by-ext").read_bytes() == (tmp_path / "g.ttl").read_bytes()
    with pytest.raises(relgraph.RelgraphError) as e:
        g.save(str(tmp_path / "no-extension"))
    assert "format=" in str(e.value)
    with pytest.raises(relgraph.RelgraphError) as e:
        g.dumps(format="csv")
    assert "save(" in str(e.value)
    for folder in ["csv", "kuzu", "neo4j-csv"]:
        g.save(str(tmp_path / folder), format=folder)
        assert any((tmp_path / folder).iterdir()), folder
    assert relgraph.Graph.load(str(tmp_path / "g.bin")).dumps() == g.dumps()
    assert relgraph.Graph.load(str(tmp_path / "g.json")).dumps() == g.dumps()


def test_merge_equals_one_build():
    ex = relgraph.Extractor(sentences=True)
    docs = example_documents()
    whole = relgraph.Graph.build(ex.extract_many(docs), extractor=ex)
    a = relgraph.Graph.build(ex.extract_many(docs[:2]), extractor=ex)
    b = relgraph.Graph.build(ex.extract_many(docs[2:]), extractor=ex)
    assert a.merge(b) == 0
    assert a.dumps() == whole.dumps()


def test_to_networkx():
    nx = pytest.importorskip("networkx") if os.environ.get("RELGRAPH_REQUIRE_ENGINES") != "1" else __import__("networkx")
    ex = relgraph.Extractor(sentences=True)
    g = relgraph.Graph.build(ex.extract_many(example_documents()), extractor=ex)
    G = g.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert (G.number_of_nodes(), G.number_of_edges()) == (g.node_count, g.edge_count)
    evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    assert evidence > g.edge_count


def test_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "person:xavier-testperson-17", "name": "Xavier Testperson", "type": "person"}\n{oops\n', encoding="utf-8")
    with pytest.raises(relgraph.RelgraphError) as e:
        relgraph.Extractor(gazetteers=[str(bad)])
    assert "bad.jsonl:2" in str(e.value)
    with pytest.raises(OSError) as e:
        relgraph.Extractor(rules=[str(tmp_path / "missing.toml")])
    assert "missing.toml" in str(e.value)
    broken = tmp_path / "graph.json"
    broken.write_text('{"directed": true,\n "nodes": [}', encoding="utf-8")
    with pytest.raises(relgraph.RelgraphError) as e:
        relgraph.Graph.load(str(broken))
    assert "graph.json" in str(e.value)
    ex = relgraph.Extractor()
    with pytest.raises(relgraph.RelgraphError):
        ex.extract("text", date="the ides of March")
    with pytest.raises(TypeError):
        list(ex.extract_many([42]))
    with pytest.raises(relgraph.RelgraphError):
        ex.extract_many(["text"], threads=0)
    with pytest.raises(relgraph.RelgraphError):
        relgraph.Extractor(facts="some")
    with pytest.raises(relgraph.RelgraphError):
        relgraph.Graph.build([{"doc": "x"}])

"""Loads every export of one graph into the tool its users would use, with the tool's own reader
and the loading steps docs/targets/ gives, and checks that each holds every entity, every edge
and every evidence item of the JSON graph file (CI runs it on the graph of the whole corpus).

usage: check_loaders.py DIR    (DIR holds graph.json and its exports: graph.graphml, graph.gexf,
                                graph.cyjs, graph.ttl, graph.nt, graph.jsonld, graph-kuzu/, graph-csv/)
"""
import json
import os
import shutil
import sys
import tempfile

import kuzu
import networkx as nx
import pandas as pd
import rdflib


def main():
    os.chdir(sys.argv[1])
    with open("graph.json", encoding="utf-8") as f:
        g = json.load(f)
    want = (len(g["nodes"]), len(g["edges"]), sum(len(e["evidence"]) for e in g["edges"]))
    print(f"graph.json: {want[0]} entities, {want[1]} edges, {want[2]} evidence items")
    failed = []

    def check(what, got):
        ok = got == want
        print(f"  {what}: {got[0]} entities, {got[1]} edges, {got[2]} evidence items: {'ok' if ok else 'MISMATCH'}")
        if not ok:
            failed.append(what)

    def evidence(d):
        v = d.get("evidence")
        return 0 if v is None else len(json.loads(v) if isinstance(v, str) else v)

    def nx_counts(graph):
        return (graph.number_of_nodes(), graph.number_of_edges(),
                sum(evidence(d) for *_, d in graph.edges(data=True)))

    check("NetworkX node_link_graph (defaults)", nx_counts(nx.node_link_graph(g)))
    check("NetworkX read_graphml", nx_counts(nx.read_graphml("graph.graphml")))
    check("NetworkX read_gexf", nx_counts(nx.read_gexf("graph.gexf")))
    with open("graph.cyjs", encoding="utf-8") as f:
        check("NetworkX cytoscape_graph", nx_counts(nx.cytoscape_graph(json.load(f))))

    db = tempfile.mkdtemp()
    try:
        conn = kuzu.Connection(kuzu.Database(os.path.join(db, "relgraph.kuzu")))
        here = os.getcwd()
        os.chdir("graph-kuzu")
        for script in ("schema.cypher", "copy.cypher"):
            with open(script, encoding="utf-8") as f:
                conn.execute(f.read())
        os.chdir(here)
        one = lambda q: conn.execute(q).get_next()[0]
        check("Kuzu schema.cypher + copy.cypher", (
            one("MATCH (n:Entity) RETURN count(n)"),
            one("MATCH ()-[r:Relation]->() RETURN count(r)"),
            one("MATCH (e:Evidence) RETURN count(e)"),
        ))
    finally:
        shutil.rmtree(db)

    frames = [pd.read_csv(f"graph-csv/{n}.csv", keep_default_na=False) for n in ("nodes", "edges", "evidence")]
    check("pandas read_csv", tuple(len(f) for f in frames))

    rg = rdflib.Namespace("https://relgraph.dev/ns#")
    for path, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        r = rdflib.Graph().parse(path, format=fmt)
        check(f"rdflib {fmt}", (
            len(set(r.subjects(rg.id, None))),
            len(set(r.subjects(rdflib.RDF.type, rdflib.RDF.Statement))),
            len(set(r.subjects(rdflib.RDF.type, rg.Evidence))),
        ))
    if failed:
        sys.exit(f"exports that lost something: {', '.join(failed)}")


if __name__ == "__main__":
    main()

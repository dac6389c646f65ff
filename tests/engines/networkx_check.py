"""Reads a relgraph GraphML export and a node-link JSON graph file with NetworkX and prints what
it found as JSON, for tests/engines_python.rs to compare with the graph.

usage: networkx_check.py GRAPH.graphml GRAPH.json GRAPH.gexf GRAPH.cyjs [--json-only]

The JSON graph file is read the way docs/formats.md tells users of each NetworkX version to read
it: with the defaults from NetworkX 3.6 on, `edges="edges"` on 3.4 and 3.5, `link="edges"` on
3.0 to 3.3.
"""
import json
import sys

import networkx as nx


def evidence_items(d):
    """Evidence items of an edge: a list in node-link JSON, a JSON string in GraphML and GEXF."""
    ev = d.get("evidence")
    if ev is None:
        return 0
    return len(json.loads(ev) if isinstance(ev, str) else ev)


def summary(g):
    return {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        # GEXF names a node by its label only.
        "nodes": {str(n): {"name": d.get("label"), **{k: v for k, v in d.items() if k in ("name", "type", "qid", "mentions", "label")}}
                  for n, d in g.nodes(data=True)},
        "edges": sorted(
            [str(u), str(v), d.get("type"), d.get("origin"), d.get("count"), d.get("confidence"),
             evidence_items(d)]
            for u, v, d in g.edges(data=True)
        ),
    }


def read_node_link(data):
    version = tuple(int(x) for x in nx.__version__.split(".")[:2])
    if version >= (3, 6):
        return nx.node_link_graph(data)
    if version >= (3, 4):
        return nx.node_link_graph(data, edges="edges")
    return nx.node_link_graph(data, link="edges")


def main():
    graphml_path, json_path, gexf_path, cyjs_path = sys.argv[1:5]
    # With --json-only (the oldest supported NetworkX, whose GraphML reader predates NumPy 2),
    # only the JSON graph file is read.
    json_only = "--json-only" in sys.argv[5:]
    from_graphml = None if json_only else nx.read_graphml(graphml_path)
    from_gexf = None if json_only else nx.read_gexf(gexf_path)
    with open(cyjs_path, encoding="utf-8") as f:
        from_cyjs = None if json_only else nx.cytoscape_graph(json.load(f))
    with open(json_path, encoding="utf-8") as f:
        data = json.load(f)
    from_json = read_node_link(data)
    json.dump(
        {
            "networkx": nx.__version__,
            "graphml": summary(from_graphml) if from_graphml is not None else None,
            "node_link": summary(from_json),
            "gexf": summary(from_gexf) if from_gexf is not None else None,
            "cytoscape": summary(from_cyjs) if from_cyjs is not None else None,
            "gexf_viz": {str(n): d.get("viz") for n, d in from_gexf.nodes(data=True)} if from_gexf is not None else None,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()

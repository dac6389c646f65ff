"""relgraph: English text (news above all) to a typed, evidenced knowledge graph.

    >>> import relgraph
    >>> ex = relgraph.Extractor()
    >>> rec = ex.extract("Keir Starmer met Emmanuel Macron in Paris.")
    >>> [e["name"] for e in rec["entities"]]            # doctest: +SKIP
    >>> g = relgraph.Graph.build(ex.extract_many(texts, threads=2), extractor=ex)
    >>> g.save("graph.json"); g.to_networkx()             # doctest: +SKIP

Records are the dicts `relgraph extract` prints; see docs/python.md for the whole API.
"""

from ._relgraph import Extractor, Graph, RelgraphError, __version__

__all__ = ["Extractor", "Graph", "RelgraphError", "__version__"]

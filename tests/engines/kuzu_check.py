"""Loads relgraph's neo4j-csv export (nodes.csv, relationships.csv) into a new Kùzu database with
COPY FROM and prints what the database then holds as JSON, for tests/engines_python.rs.
The schema is the one docs/targets/neo4j.md gives for Kùzu.

usage: kuzu_check.py CSV_FOLDER NEW_DATABASE_PATH
"""
import json
import os
import sys

import kuzu

SCHEMA = [
    "CREATE NODE TABLE Entity(id STRING, labels STRING, name STRING, type STRING, qid STRING,"
    " mentions INT64, documents INT64, PRIMARY KEY(id))",
    "CREATE REL TABLE Relation(FROM Entity TO Entity, type STRING, origin STRING, count INT64,"
    " confidence DOUBLE, roles STRING, evidence_doc STRING, evidence_date STRING,"
    " evidence_start INT64, evidence_end INT64, evidence_trigger STRING, evidence_rule STRING)",
]


def rows(conn, query):
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(["" if v is None else v for v in result.get_next()])
    return out


def main():
    folder, db_path = sys.argv[1], sys.argv[2]
    conn = kuzu.Connection(kuzu.Database(db_path))
    for statement in SCHEMA:
        conn.execute(statement)
    nodes = os.path.join(folder, "nodes.csv").replace("\\", "/")
    rels = os.path.join(folder, "relationships.csv").replace("\\", "/")
    conn.execute(f"COPY Entity FROM '{nodes}' (HEADER=true, PARALLEL=false)")
    conn.execute(f"COPY Relation FROM '{rels}' (HEADER=true, PARALLEL=false)")
    out = {
        "node_count": rows(conn, "MATCH (n:Entity) RETURN count(n)")[0][0],
        "edge_count": rows(conn, "MATCH ()-[r:Relation]->() RETURN count(r)")[0][0],
        "nodes": rows(conn, "MATCH (n:Entity) RETURN n.id, n.labels, n.name, n.type, n.qid, n.mentions ORDER BY n.id"),
        "edges": rows(
            conn,
            "MATCH (a:Entity)-[r:Relation]->(b:Entity) "
            "RETURN a.id, b.id, r.type, r.origin, r.count, r.evidence_trigger",
        ),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

"""Loads relgraph's Kùzu export folder (`relgraph build ... -f kuzu -o DIR`) into a new Kùzu
database the way docs/targets/kuzu.md tells users to: from inside the folder, run schema.cypher
then copy.cypher with the Python API. Prints what the database then holds as JSON, for
tests/engines_python.rs.

usage: kuzu_check.py EXPORT_FOLDER NEW_DATABASE_PATH
"""
import json
import os
import sys

import kuzu


def rows(conn, query):
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def main():
    folder, db_path = sys.argv[1], os.path.abspath(sys.argv[2])
    conn = kuzu.Connection(kuzu.Database(db_path))
    os.chdir(folder)
    for name in ("schema.cypher", "copy.cypher"):
        with open(name, encoding="utf-8") as f:
            conn.execute(f.read())
    out = {
        "kuzu": kuzu.__version__,
        "nodes": rows(
            conn,
            "MATCH (n:Entity) RETURN n.id, n.name, n.type, n.qid, n.aliases, n.mentions, n.documents ORDER BY n.id",
        ),
        "edges": rows(
            conn,
            "MATCH (a:Entity)-[r:Relation]->(b:Entity) "
            "RETURN r.id, a.id, b.id, r.type, r.origin, r.count, r.confidence, r.roles ORDER BY r.id",
        ),
        # Every evidence item with its relation, joined as docs/targets/kuzu.md shows.
        "evidence": rows(
            conn,
            "MATCH (a:Entity)-[r:Relation]->(b:Entity), (e:Evidence) WHERE e.relation = r.id "
            "RETURN e.id, r.id, e.doc, e.date, e.start, e.`end`, e.trigger, e.rule, e.confidence, "
            "e.role, e.features, e.sentence ORDER BY r.id, e.id",
        ),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

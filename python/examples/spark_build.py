"""Build one relgraph graph from a corpus with Spark (docs/scale.md).

    spark-submit python/examples/spark_build.py CORPUS.jsonl GRAPH.json [--pipe] [--partitions N]

CORPUS.jsonl holds one document per line ({"id": ..., "text": ..., "date": ...}, the format
`relgraph build` reads). Two ways to run the extraction on the executors:

* the Python package (default): `mapPartitions` with one `relgraph.Extractor` per partition
  (built once, reused for every document of the partition); each partition builds its own
  graph, and the driver merges the partition graphs in partition order;
* `--pipe`: `RDD.pipe` through the `relgraph` binary (no Python package on the cluster, only
  the binary, at the same path on every machine: `--relgraph PATH`); each partition's documents go to `relgraph build` on
  standard input, and the driver merges the partition graphs with `relgraph merge`.

Either way the result is byte for byte the graph `relgraph build CORPUS.jsonl` writes on one
machine: partitions are consecutive runs of the corpus, and merging graphs of consecutive parts
in order gives the graph of the whole (docs/formats.md, "Incremental and merged graphs").
"""

import argparse
import os
import shlex
import shutil
import subprocess
import tempfile

from pyspark.sql import SparkSession


def extract_partition(lines):
    """mapPartitions: one Extractor for the whole partition, its graph as one JSON string."""
    import json

    import relgraph

    ex = relgraph.Extractor(sentences=True)
    docs = (json.loads(line) for line in lines if line.strip())
    graph = relgraph.Graph.build(ex.extract_many(docs), extractor=ex)
    # An empty partition yields no graph at all.
    if graph.documents:
        yield graph.dumps()


def build_with_package(spark, corpus, partitions):
    import relgraph

    lines = spark.sparkContext.textFile(corpus, minPartitions=partitions)
    parts = lines.mapPartitions(extract_partition).collect()  # in partition order
    graph = relgraph.Graph.loads(parts[0])
    for p in parts[1:]:
        graph.merge(relgraph.Graph.loads(p))
    return graph


def pipe_command(binary):
    """Each partition's documents through `relgraph build` on standard input; the pretty-printed
    JSON graph is put on one line (newlines inside strings are escaped in JSON, so none is
    lost). An empty partition prints an empty line. `binary` must be the relgraph path on the
    executors (RDD.pipe runs the command with an empty environment, so no PATH lookup)."""
    return (f"sh -c '{shlex.quote(binary)} build -q --input-format jsonl - -f json"
            " | tr -d \"\\n\"; echo'")


def build_with_pipe(spark, corpus, partitions, out, binary):
    lines = spark.sparkContext.textFile(corpus, minPartitions=partitions)
    parts = [p for p in lines.pipe(pipe_command(binary)).collect() if p.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, p in enumerate(parts):
            path = os.path.join(tmp, f"part-{i:05}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(p)
            files.append(path)
        subprocess.run([binary, "merge", "-q", *files, "-o", out], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("graph")
    ap.add_argument("--pipe", action="store_true", help="run the relgraph binary with RDD.pipe")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--relgraph", default=shutil.which("relgraph") or "relgraph",
                    help="the relgraph binary, at the same path on the driver and the executors "
                         "(--pipe; default: the one on the driver's PATH)")
    args = ap.parse_args()
    spark = SparkSession.builder.appName("relgraph-build").getOrCreate()
    try:
        if args.pipe:
            build_with_pipe(spark, args.corpus, args.partitions, args.graph, args.relgraph)
        else:
            build_with_package(spark, args.corpus, args.partitions).save(args.graph)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()

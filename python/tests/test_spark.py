"""The Spark job of docs/scale.md (python/examples/spark_build.py) in Spark local mode on a
4-partition corpus: both variants (the Python package in mapPartitions, the binary through
RDD.pipe) give byte for byte the graph `relgraph build` writes on one machine.

Needs pyspark and a Java runtime; skipped without them unless RELGRAPH_REQUIRE_ENGINES=1 (CI),
where their absence fails.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("RELGRAPH_BIN", str(ROOT / "target" / "release" / "relgraph"))
JOB = ROOT / "python" / "examples" / "spark_build.py"
REQUIRED = os.environ.get("RELGRAPH_REQUIRE_ENGINES") == "1"


def need_spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip("pyspark is not installed")
    java = subprocess.run(["java", "-version"], capture_output=True)
    if java.returncode != 0:
        if REQUIRED:
            pytest.fail("no Java runtime (apt-get install default-jre-headless)")
        pytest.skip("no Java runtime")


def corpus(path):
    """Every paragraph of the bundled examples, and each brief, as a document of its own."""
    docs = []
    for p in sorted((ROOT / "data" / "examples").iterdir()):
        if p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    docs.append(json.loads(line))
        else:
            for i, para in enumerate(p.read_text(encoding="utf-8").split("\n\n")):
                if para.strip():
                    docs.append({"id": f"{p.name}#{i}", "text": para, "date": "2025-03-0%d" % (1 + i % 9)})
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return len(docs)


@pytest.mark.parametrize("variant", ["package", "pipe"])
def test_spark_local_mode_equals_one_machine(tmp_path, variant):
    need_spark()
    src = tmp_path / "corpus.jsonl"
    n = corpus(src)
    assert n >= 8, "too few documents for 4 partitions"
    single = tmp_path / "single.json"
    subprocess.run([BIN, "build", "-q", str(src), "-o", str(single)], check=True)
    out = tmp_path / f"spark-{variant}.json"
    env = dict(os.environ)
    env["PATH"] = str(Path(BIN).resolve().parent) + os.pathsep + env.get("PATH", "")
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    env["PYSPARK_SUBMIT_ARGS"] = "--master local[2] --conf spark.ui.enabled=false pyspark-shell"
    args = [sys.executable, str(JOB), str(src), str(out), "--partitions", "4"]
    if variant == "pipe":
        args.append("--pipe")
    run = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert out.read_bytes() == single.read_bytes(), f"{variant}: the Spark graph differs"

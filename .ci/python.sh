# The Python package and the Spark job (docs/python.md, docs/scale.md). RUN by .ci/run (bash,
# working directory = the repository root) after the Rust tests, with target/release/relgraph
# built; any failure fails CI.
#
# Installs  apt: python3-venv (if `python3 -m venv` is missing), default-jre-headless (if `java`
#           is missing: Spark's runtime)
#           a virtual environment in target/pyvenv with the package (`pip install ./python`,
#           built by maturin into the shared target/ folder), pytest, networkx, pyspark
# Runs      pytest python/tests with RELGRAPH_REQUIRE_ENGINES=1 (a missing Spark or Java fails)
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  echo "python: installing python3-venv"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  echo "python: installing a Java runtime for Spark"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq default-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

rm -rf target/pyvenv
python3 -m venv target/pyvenv
PY=target/pyvenv/bin/python
"$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
echo "python: pip install ./python (maturin, release build in target/)"
"$PY" -m pip install --quiet --disable-pip-version-check ./python
"$PY" -m pip install --quiet --disable-pip-version-check pytest==8.4.2 networkx==3.6.1 pyspark==3.5.8
"$PY" -c "import relgraph; print('python: relgraph', relgraph.__version__, relgraph.Extractor().extract('Keir Starmer met Emmanuel Macron in Paris.')['relations'][0]['type'])"
RELGRAPH_BIN="$PWD/target/release/relgraph" RELGRAPH_REQUIRE_ENGINES=1 "$PY" -m pytest -q python/tests

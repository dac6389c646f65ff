#!/usr/bin/env bash
# Evaluation floors: runs `relgraph eval` (release build) on the three dev sets under
# ../shared/data/eval and fails when an F1 falls below its floor in data/eval-floors.toml
# minus 0.01 (docs/evaluation.md).
#
#   bash .ci/eval.sh            check (CI)
#   bash .ci/eval.sh --raise    also write the scores reached back as the new floors (never lower)
#
# RELGRAPH_EVAL_DATA overrides the data folder. A missing data folder skips the check; a missing
# data set inside it is a failure when RELGRAPH_REQUIRE_ENGINES=1 (CI), a skip otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

raise=0
case "${1:-}" in
  "") ;;
  --raise) raise=1 ;;
  *) echo "usage: bash .ci/eval.sh [--raise]" >&2; exit 2 ;;
esac

data="${RELGRAPH_EVAL_DATA:-../shared/data/eval}"
if [ ! -d "$data" ]; then
  echo "eval: $data not found; evaluation floors not checked"
  exit 0
fi

cargo build --release --bin relgraph
out=target/eval
mkdir -p "$out"
missing=0
for spec in "dwie dwie/dev.json" "conll04 conll04/dev.json" "conll03 conll2003/eng.testa"; do
  set -- $spec
  if [ ! -f "$data/$2" ]; then
    echo "eval: $data/$2 not found"
    missing=1
    rm -f "$out/$1.json"
    continue
  fi
  echo "relgraph eval --dataset $1 $data/$2"
  ./target/release/relgraph eval --dataset "$1" "$data/$2" --json -o "$out/$1.json"
done
if [ "$missing" = 1 ] && [ "${RELGRAPH_REQUIRE_ENGINES:-}" = 1 ]; then
  echo "eval: a data set is missing (RELGRAPH_REQUIRE_ENGINES=1)" >&2
  exit 1
fi

python3 - "$out" data/eval-floors.toml "$raise" <<'PY'
import json, math, os, sys, tomllib

out, floors_path, raise_ = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
with open(floors_path, "rb") as f:
    floors = tomllib.load(f)
TOLERANCE = 0.01
failed = False
reached = {}
print(f"{'data set':<10} {'score':<12} {'F1':>6} {'floor':>6}")
for dataset, metrics in floors.items():
    path = os.path.join(out, f"{dataset}.json")
    if not os.path.exists(path):
        print(f"{dataset:<10} (not run)")
        continue
    with open(path) as f:
        report = json.load(f)
    for metric, floor in metrics.items():
        section = {
            "entity_f1": "entities",
            "relation_f1": "relations",
            "text_relation_f1": "relations_text_only",
        }[metric]
        f1 = report[section]["overall"]["f1"]
        reached.setdefault(dataset, {})[metric] = f1
        status = "ok"
        if f1 < floor - TOLERANCE - 1e-9:
            status = f"FAILED: below {floor:.3f} - {TOLERANCE}"
            failed = True
        elif f1 > floor + TOLERANCE:
            status = "ok (above the floor by more than 0.01: raise it with --raise)"
        print(f"{dataset:<10} {metric:<12} {f1:>6.3f} {floor:>6.3f}  {status}")

if raise_:
    lines = open(floors_path).read().splitlines()
    section = None
    new = []
    for line in lines:
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            section = s[1:-1]
        elif "=" in s and not s.startswith("#") and section in reached:
            key = s.split("=")[0].strip()
            if key in reached[section]:
                old = floors[section][key]
                value = max(old, math.floor(reached[section][key] * 1000) / 1000)
                line = f"{key} = {value}"
        new.append(line)
    with open(floors_path, "w") as f:
        f.write("\n".join(new) + "\n")
    print(f"floors written to {floors_path}")

if failed:
    print("eval: a score fell below its floor (docs/evaluation.md)", file=sys.stderr)
    sys.exit(1)
PY

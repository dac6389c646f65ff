#!/usr/bin/env bash
# Rebuilds the shipped models (data/models/*.model) from the training data in ../shared/data,
# exactly as docs/models.md describes: `.ci/train-models.sh OUTDIR [relgraph binary]`.
# CI runs it into a temporary folder and compares the files with the shipped ones.
set -euo pipefail
out=${1:-data/models}
bin=${2:-./target/release/relgraph}
data=${RELGRAPH_SHARED_DATA:-../shared/data}
"$bin" train -o "$out" \
  --names "iob:$data/eval/conll2003/eng.train" \
  --names "spert:$data/eval/conll04/train.json" \
  --relations "spert:$data/eval/conll04/train.json" \
  --distant "$data/corpus/bbc" --distant-date 2005-03-01 \
  --overrule 0.8 --min-new 0.6 --threshold 0.5

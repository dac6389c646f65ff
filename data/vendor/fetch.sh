#!/usr/bin/env bash
# Re-fetches the vendored JavaScript of the graph page (`relgraph render graph.json -o graph.html`)
# from the npm registry and checks it against the integrity hash the registry publishes.
# Usage: data/vendor/fetch.sh   (needs npm; writes data/vendor/cytoscape/)
set -euo pipefail
cd "$(dirname "$0")"
VERSION=3.35.0
INTEGRITY=sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g==
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$VERSION" > /dev/null)
got="sha512-$(openssl dgst -sha512 -binary "$tmp/cytoscape-$VERSION.tgz" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
  echo "integrity mismatch for cytoscape@$VERSION: $got" >&2
  exit 1
fi
tar -xzf "$tmp/cytoscape-$VERSION.tgz" -C "$tmp"
mkdir -p cytoscape
cp "$tmp/package/dist/cytoscape.min.js" "$tmp/package/LICENSE" cytoscape/
echo "cytoscape $VERSION: $(sha256sum cytoscape/cytoscape.min.js)"

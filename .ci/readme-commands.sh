#!/usr/bin/env bash
# Prints one of the README's set-up commands, exactly as written there, so that CI runs them
# verbatim and they cannot drift:
#
#   bash .ci/readme-commands.sh quickstart   the first ```sh block under "## Quick start"
#   bash .ci/readme-commands.sh tests        the second ```sh block under "## Quick start"
#
# Fails when the README no longer has them.
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:?usage: readme-commands.sh quickstart|tests}"
case "$which" in
  quickstart) n=1 ;;
  tests) n=2 ;;
  *) echo "usage: readme-commands.sh quickstart|tests" >&2; exit 2 ;;
esac
cmd="$(awk -v want="$n" '
  /^## / { in_section = ($0 == "## Quick start") }
  in_section && /^```sh$/ { block++; if (block == want) { grab = 1; next } }
  grab && /^```$/ { exit }
  grab { print }
' README.md)"
if [ -z "$cmd" ]; then
  echo "README.md: no command block $n under '## Quick start'" >&2
  exit 1
fi
printf '%s\n' "$cmd"

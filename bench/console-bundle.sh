#!/usr/bin/env bash
# The web console's bundle: what a first visit loads (gzipped, against the 500 KB budget), what pages load
# when opened, and the global CSS (console/scripts/bundle-size.mjs, the last step of `npm run build`).
# Records bench/results/console-bundle.json and its block in docs/BENCHMARKS.md.
#
#   bench/console-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/console-bundle.sh"

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
(cd console && npm ci --no-audit --no-fund --silent && npm run build) | tee "$lines" | grep -v '^{' >&2
node bench/record.mjs console-bundle "$command" <"$lines"

#!/usr/bin/env bash
# Cold start of every function of template.yaml against a baseline JVM (dev.sqlup.proof.coldstart.ColdStartBenchmark,
# Maven profile "coldstart" of module tests): fresh JVMs with the shaded functions jar, both JIT modes
# interleaved, median of [runs] per figure. Records bench/results/cold-start.json and its block in
# docs/BENCHMARKS.md. Wall-clock figures: they depend on the machine and its load (both in the results file).
#
#   bench/cold-start.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command="bench/cold-start.sh $runs"

[ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
mvn -B -q -o -Pcoldstart -pl functions,local,tests verify -DskipTests -Dconsole.skip -Dspotless.check.skip=true \
  -Dbench.coldstart.runs="$runs" | tee "$lines" | grep -v '^{' >&2
grep '^{"benchmark":"cold-start"' "$lines" | node bench/record.mjs cold-start "$command"

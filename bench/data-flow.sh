#!/usr/bin/env bash
# The data-flow share of one engine transition (dev.sqlup.local.asl.path.DataFlowThroughputBench: a
# Pass with Parameters and a Choice, on one thread), against one transition at the engine's goal of 170,000
# transitions/s. Records bench/results/data-flow.json and its block in docs/BENCHMARKS.md.
#
#   bench/data-flow.sh [rounds=10] [pairs=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
pairs=${2:-1000000}
command="bench/data-flow.sh $rounds $pairs"

mvn -B -q -o -pl local -am test-compile -DskipTests -Dconsole.skip
mvn -B -q -o -pl local dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
classpath="local/target/test-classes:local/target/classes:$(cat local/target/bench.classpath)"
java -cp "$classpath" dev.sqlup.local.asl.path.DataFlowThroughputBench "$rounds" "$pairs" \
  | node bench/record.mjs data-flow "$command"

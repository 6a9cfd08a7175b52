#!/usr/bin/env bash
# The embedded ASL engine against its peer, aws-local-stepfunctions 3.0.0 (pinned in
# bench/peer-stepfunctions/package-lock.json), on the same 20-state chain, interleaved round by round so
# both see the same machine load. Writes bench/results/engine-vs-peer.json and regenerates its block in
# docs/BENCHMARKS.md (BenchmarkFiguresTest fails when the two disagree).
#
#   bench/engine-vs-peer.sh [rounds=7] [executions=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
executions=${2:-5000}
command="bench/engine-vs-peer.sh $rounds $executions"

(cd bench/peer-stepfunctions && npm ci --no-audit --no-fund --silent)
mvn -B -q -o -pl local -am test-compile -DskipTests
mvn -B -q -o -pl local dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
classpath="local/target/test-classes:local/target/classes:$(cat local/target/bench.classpath)"

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds" >&2
  node bench/peer-stepfunctions/bench.mjs "$executions" >>"$lines"
  # one fresh JVM per round (its own warm-up round first, not reported), as the peer gets a fresh Node;
  # with the JVM options the local runtime ships with (./sqlup), nothing else
  java @local/jvm.options -cp "$classpath" dev.sqlup.local.asl.http.EngineThroughputBench memory "$executions" 1 >>"$lines"
done
node bench/summarize.mjs engine-vs-peer "$command" <"$lines"

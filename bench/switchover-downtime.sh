#!/usr/bin/env bash
# The switchover downtime of the cases in docs/BENCHMARKS.md ("Switchover downtime"), end to end on the
# embedded runtime with the simulated data plane at the guide's speeds (virtual time: the figures do not
# depend on the machine's load). SwitchoverDowntimeE2eTest writes one JSON line per case and the figures;
# bench/record.mjs writes bench/results/switchover-downtime.json and the block in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl tests -am test -Dconsole.skip -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=SwitchoverDowntimeE2eTest >&2
node bench/record.mjs switchover-downtime "bench/switchover-downtime.sh" < tests/target/switchover-downtime.jsonl

#!/usr/bin/env bash
# Where the time of the README's test command goes: runs `mvn -B verify` (extra arguments are passed on,
# e.g. -o) with time-stamped Maven output, then bench/suite-time.mjs reads that log and the surefire/failsafe
# reports (per module, per console step, the slowest test classes). Records bench/results/suite-time.json and
# its block in docs/BENCHMARKS.md only when the build passed. Wall-clock: read it with the machine's load.
#
#   bench/suite-time.sh [maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/suite-time.sh${*:+ $*}"
log=target/suite-time.log
mkdir -p target
start=$(date +%s)
mvn -B -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
  verify "$@" | tee "$log"
wall=$(($(date +%s) - start))
# CPU seconds (user + system) of everything the build ran and waited for: on a shared machine the wall time
# measures the other builds too, this does not.
times >target/suite-time.times
cpu=$(tail -1 target/suite-time.times | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
node bench/suite-time.mjs "$log" "$wall" "$cpu" | node bench/record.mjs suite-time "$command"

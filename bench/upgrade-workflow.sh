#!/usr/bin/env bash
# The upgrade workflow's simulated figures (docs/BENCHMARKS.md, "Upgrade workflow"): the end-to-end tests
# that run template.yaml + the state machines + the real handlers on the embedded engine (virtual time) +
# dynalite print JSON lines, one benchmark per test class; this records each into bench/results/<name>.json
# and its block of docs/BENCHMARKS.md. The figures are simulated (the data plane's model at the guide's
# speeds), so they do not depend on the machine; the tests' own assertions still apply.
#
#   bench/upgrade-workflow.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/upgrade-workflow.sh"

mvn -B -q -o -pl tests -am test -Dconsole.skip -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='TransitionsE2eTest,GuideWorkedExampleE2eTest,PipeliningAndConcurrencyE2eTest'
reports=tests/target/surefire-reports
for pair in state-transitions:TransitionsE2eTest worked-example:GuideWorkedExampleE2eTest \
    pipelining:PipeliningAndConcurrencyE2eTest; do
  name=${pair%%:*}
  grep -h "^{\"benchmark\":\"$name\"" "$reports/dev.sqlup.e2e.${pair#*:}-output.txt" \
    | node bench/record.mjs "$name" "$command"
done

#!/usr/bin/env bash
# Fleet campaign in the local runtime: `sqlup demo campaign --instances N` (virtual time, simulated data plane)
# under /usr/bin/time -v with a capped heap; records the demo's closing line and the process's wall time, CPU
# and memory as bench/results/campaign-<N>.json and its block in docs/BENCHMARKS.md.
#   bench/campaign-fleet.sh [instances=1000] [max-concurrency=50] [heap=1g]
# Builds local/target/sqlup-local.jar first when missing (mvn package -pl local -am, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
limit=${2:-50}
heap=${3:-1g}
jar=${SQLUP_JAR:-local/target/sqlup-local.jar}
if [ ! -f "$jar" ]; then
  mvn -q -B -DskipTests package -pl local -am >&2
fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
/usr/bin/time -v java "-Xmx$heap" -jar "$jar" demo campaign --instances "$n" --max-concurrency "$limit" \
  >"$out" 2>"$err"
status=$?
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
tail -3 "$out" >&2
line=$(grep -E '^campaign [^ ]+: [0-9]+ instances' "$out" | tail -1 || true)
if [ -z "$line" ]; then
  echo "the demo ended without its closing line (exit $status); stderr:" >&2
  tail -20 "$err" >&2
  exit 1
fi
node - "$line" "$err" "$n" "$limit" "$heap" "$status" "$load_before" "$load_after" <<'JS' |
const [line, errFile, n, limit, heap, status, loadBefore, loadAfter] = process.argv.slice(2);
const err = require('fs').readFileSync(errFile, 'utf8');
const m = line.match(/: (\d+) instances, (\d+) succeeded, (\d+) failed, (\d+) not started, max concurrent (\d+) \(limit (\d+)\), (\d+) switches outside/);
if (!m) { console.error('cannot read the closing line: ' + line); process.exit(1); }
const field = (re) => { const f = err.match(re); if (!f) { console.error('no ' + re + ' in time -v'); process.exit(1); } return f[1]; };
const wallText = field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/);
const wall = wallText.split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
const cpu = Number(field(/User time \(seconds\): ([\d.]+)/)) + Number(field(/System time \(seconds\): ([\d.]+)/));
const rssMb = Number(field(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024;
const heapMb = /g$/i.test(heap) ? Number(heap.slice(0, -1)) * 1024 : Number(heap.slice(0, -1));
const run = { closingLine: line, exitStatus: Number(status), loadBefore, loadAfter };
console.log(JSON.stringify({ run }));
console.log(JSON.stringify({ figures: {
  'instances': Number(m[1]), 'succeeded': Number(m[2]), 'failed': Number(m[3]), 'not started': Number(m[4]),
  'max concurrent': Number(m[5]), 'limit': Number(m[6]), 'switches outside their window': Number(m[7]),
  'wall seconds (whole command)': Math.round(wall * 10) / 10, 'CPU seconds (user + sys, JVM + dynalite)': Math.round(cpu * 10) / 10,
  'max resident MB': Math.round(rssMb), 'heap limit MB': heapMb,
} }));
JS
  node bench/record.mjs "campaign-$n" "bench/campaign-fleet.sh $n $limit $heap"


#!/usr/bin/env bash
# Records the API responses the Vitest tests read (src/test-fixtures/*.json) from a real `sqlup serve`
# (sample fleet, virtual clock): run from the repository root after `mvn -pl local -am package -DskipTests`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/console/src/test-fixtures"
port=${PORT:-3931}
log=$(mktemp)
java @"$root/local/jvm.options" -jar "$root/local/target/sqlup-local.jar" serve -t "$root/template.yaml" --sample-fleet --clock virtual \
  --api-port "$port" --dynamodb-port 0 --sfn-port 0 2>"$log" >/dev/null &
serve=$!
trap 'kill $serve 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 120); do grep -q "ready on" "$log" && break; sleep 1; done
grep -q "ready on" "$log" || { cat "$log"; exit 1; }
B="http://127.0.0.1:$port"
J='Content-Type: application/json'
get() { curl -s "$B$1"; }
post() { curl -s -X POST -H "$J" "$B$1" ${2:+-d "$2"}; }
save() { python3 -m json.tool > "$out/$1"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
wait_task() { # taskId status
  for _ in $(seq 120); do [ "$(get "/tasks/$1" | field '["status"]')" = "$2" ] && return 0; sleep 1; done
  echo "task $1 never reached $2" >&2; exit 1
}
TARGET='"engineVersion":"2022","sqlEdition":"Standard","rdsEdition":"HighAvailability","instanceType":"mssql.x4.large"'
small() { # id version
  post /instances "{\"instanceId\":\"$1\",\"engineVersion\":\"$2\",\"sqlEdition\":\"Standard\",\"rdsEdition\":\"HighAvailability\",\"instanceType\":\"mssql.x4.large\",\"dataSizeGb\":20,\"maintenanceWindow\":\"18:00Z-22:00Z\",\"endpoint\":\"$1.sqlup.internal\",\"tags\":{\"campaign\":\"demo\"},\"simulation\":{\"databases\":[{\"name\":\"app\",\"sizeGb\":20,\"recoveryModel\":\"FULL\"}],\"logGbPerHour\":0.5}}" >/dev/null
}

get /instances | save instances.json
get /instances/rm-guide-600g | save instance-guide.json
get /instances/rm-ad-joined | save instance-ad-joined.json
post /instances/rm-guide-600g/discover | save discover-guide.json
get /instances/rm-guide-600g/upgrade-options | save options-guide.json
get /instances/rm-ad-joined/upgrade-options | save options-ad-joined.json
post /instances/rm-guide-600g/upgrades "{$TARGET,\"switchTime\":\"Immediate\",\"dryRun\":true}" | save dry-run-guide.json
post /instances/rm-ad-joined/upgrades "{$TARGET,\"switchTime\":\"Immediate\",\"dryRun\":true}" | save dry-run-ad-joined.json
get /local/state-machine | save state-machine.json
get /tasks/up-missing | save task-not-found.json

post /instances/rm-guide-600g/upgrades "{$TARGET,\"switchTime\":\"Immediate\",\"clientToken\":\"fixtures-1\"}" | save submit-guide.json
task=$(field '["taskId"]' < "$out/submit-guide.json")
wait_task "$task" Succeeded
get "/tasks/$task" | save task-succeeded.json
get "/local/executions/$task" | save execution-path.json
get /instances/rm-guide-600g/tasks | save tasks-guide.json

# cutover control: an OnApproval upgrade waiting for approval, approved, then succeeded
small rm-approval 2017
approval=$(post /instances/rm-approval/upgrades "{$TARGET,\"switchTime\":\"OnApproval\",\"clientToken\":\"fixtures-2\"}" | field '["taskId"]')
wait_task "$approval" WaitingForApproval
get "/tasks/$approval" | save task-waiting-approval.json
post "/tasks/$approval/switchover" | save switchover-approved.json
wait_task "$approval" Succeeded
get "/tasks/$approval" | save task-approved-succeeded.json
# a reschedule to a time three days from the engine's now, with a guard override
small rm-reschedule 2017
other=$(post /instances/rm-reschedule/upgrades "{$TARGET,\"switchTime\":\"OnApproval\",\"clientToken\":\"fixtures-3\"}" | field '["taskId"]')
wait_task "$other" WaitingForApproval
at=$(get "/tasks/$other" | python3 -c "import json,sys,datetime as d; t=d.datetime.fromisoformat(json.load(sys.stdin)['asOf'].replace('Z','+00:00'))+d.timedelta(days=3); print(t.strftime('%Y-%m-%dT%H:00:00.000Z'))")
curl -s -X PATCH -H "$J" "$B/tasks/$other" -d "{\"switchTime\":\"ScheduledTime\",\"switchAt\":\"$at\",\"cutoverGuards\":{\"maxDowntimeSeconds\":600}}" | save task-rescheduled.json
curl -s -X PATCH -H "$J" "$B/tasks/$other" -d '{"switchTime":"ScheduledTime","switchAt":"2020-01-01T00:00:00.000Z"}' | save patch-unreachable.json

# campaigns: three instances, a canary with an approval, then the rest
for n in 1 2 3; do small "rm-camp-$n" 2017; done
CAMPAIGN='"name":"demo-2022","selection":{"instanceIds":["rm-camp-1","rm-camp-2","rm-camp-3"]},"target":{"engineVersion":"2022"},"waves":[{"name":"canary","size":1,"maxConcurrency":1,"approvalRequired":true},{"name":"rest","maxConcurrency":2}],"switchPolicy":"Immediate"'
post /campaigns "{$CAMPAIGN,\"dryRun\":true}" | save campaign-plan.json
post /campaigns "{$CAMPAIGN,\"clientToken\":\"fixtures-4\"}" | save campaign-created.json
cp=$(field '["campaignId"]' < "$out/campaign-created.json")
for _ in $(seq 120); do [ "$(get "/campaigns/$cp" | field '["status"]')" = WaitingForApproval ] && break; sleep 1; done
get "/campaigns/$cp" | save campaign-waiting-approval.json
get /campaigns | save campaigns.json
post "/campaigns/$cp/actions" '{"action":"pause"}' | save campaign-action-paused.json
post "/campaigns/$cp/actions" '{"action":"pause"}' | save campaign-action-refused.json
post "/campaigns/$cp/actions" '{"action":"resume"}' >/dev/null
post "/campaigns/$cp/actions" '{"action":"approve"}' >/dev/null
for _ in $(seq 120); do [ "$(get "/campaigns/$cp" | field '["status"]')" = Succeeded ] && break; sleep 1; done
get "/campaigns/$cp" | save campaign-succeeded.json
echo "recorded into $out"

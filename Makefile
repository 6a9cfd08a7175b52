# `sam build` entry points (template.yaml: every function has `Metadata: BuildMethod: makefile` and
# CodeUri `.`). SAM runs `make build-<LogicalId>` in a copy of this folder with ARTIFACTS_DIR set; each
# target builds the one shaded jar with the multi-module Maven build and puts it in ARTIFACTS_DIR/lib,
# where the Lambda Java runtime puts every jar on the class path (/var/task/lib/*.jar).
# Functions with the same CodeUri, runtime and metadata are built once by SAM and the result shared.
#
# Try a target without SAM: make build-GetTaskFunction ARTIFACTS_DIR=/tmp/artifacts

MVN ?= mvn
FUNCTIONS_JAR := functions/target/sqlup-functions.jar

.PHONY: functions-jar
# dynalite (npm) is for tests only: skip its install step, and the tests.
functions-jar:
	$(MVN) -B -q -pl functions -am package -DskipTests -Dexec.skip=true

copy-jar = mkdir -p "$(ARTIFACTS_DIR)/lib" && cp $(FUNCTIONS_JAR) "$(ARTIFACTS_DIR)/lib/"

# API routes
build-RegisterInstanceFunction: functions-jar ; $(copy-jar)
build-ListInstancesFunction: functions-jar ; $(copy-jar)
build-GetInstanceFunction: functions-jar ; $(copy-jar)
build-GetUpgradeOptionsFunction: functions-jar ; $(copy-jar)
build-SubmitUpgradeFunction: functions-jar ; $(copy-jar)
build-ListInstanceTasksFunction: functions-jar ; $(copy-jar)
build-GetTaskFunction: functions-jar ; $(copy-jar)
build-CancelTaskFunction: functions-jar ; $(copy-jar)
build-DiscoverSourceFunction: functions-jar ; $(copy-jar)
build-UpdateInstanceFunction: functions-jar ; $(copy-jar)
build-DeleteInstanceFunction: functions-jar ; $(copy-jar)
build-ListTargetHostsFunction: functions-jar ; $(copy-jar)
build-DeleteTargetHostFunction: functions-jar ; $(copy-jar)
build-ReturnTargetHostFunction: functions-jar ; $(copy-jar)
build-SwitchoverTaskFunction: functions-jar ; $(copy-jar)
build-UpdateTaskFunction: functions-jar ; $(copy-jar)
build-RegisterTargetHostFunction: functions-jar ; $(copy-jar)

# upgrade workflow phases (statemachine/upgrade.asl.json) and the sweeper
build-PrecheckFunction: functions-jar ; $(copy-jar)
build-CreateTargetFunction: functions-jar ; $(copy-jar)
build-FullBackupFunction: functions-jar ; $(copy-jar)
build-RestoreFullFunction: functions-jar ; $(copy-jar)
build-CatchUpFunction: functions-jar ; $(copy-jar)
build-SwitchTimeFunction: functions-jar ; $(copy-jar)
build-KeepShippingFunction: functions-jar ; $(copy-jar)
build-ListenForSwitchChangeFunction: functions-jar ; $(copy-jar)
build-CheckWindowFunction: functions-jar ; $(copy-jar)
build-SwitchoverFunction: functions-jar ; $(copy-jar)
build-MoveEndpointFunction: functions-jar ; $(copy-jar)
build-FinalizeFunction: functions-jar ; $(copy-jar)
build-CompensateFunction: functions-jar ; $(copy-jar)
build-SweeperFunction: functions-jar ; $(copy-jar)
build-PreUpgradeBackupFunction: functions-jar ; $(copy-jar)

# fleet campaigns (issue 15): API routes and the steps of statemachine/campaign.asl.json
build-CreateCampaignFunction: functions-jar ; $(copy-jar)
build-ListCampaignsFunction: functions-jar ; $(copy-jar)
build-GetCampaignFunction: functions-jar ; $(copy-jar)
build-CampaignActionFunction: functions-jar ; $(copy-jar)
build-CampaignStartWaveFunction: functions-jar ; $(copy-jar)
build-CampaignLaunchInstanceFunction: functions-jar ; $(copy-jar)
build-CampaignRecordInstanceFunction: functions-jar ; $(copy-jar)
build-CampaignEndWaveFunction: functions-jar ; $(copy-jar)
build-CampaignAwaitApprovalFunction: functions-jar ; $(copy-jar)
build-CampaignFinishFunction: functions-jar ; $(copy-jar)

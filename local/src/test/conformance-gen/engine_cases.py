# Generates the engine conformance cases (topics pass, task, wait, succeed-fail, context, retry, catch,
# timeouts, callback, parallel, map, definition, unsupported, limits, history).
# Usage: python3 local/src/test/conformance-gen/engine_cases.py local/src/test/resources/asl-conformance
import json, os, sys
ROOT = sys.argv[1]
L = "arn:aws:lambda:us-east-1:123456789012:function:"
SPEC = "https://states-language.net/spec.html#"
DG = "https://docs.aws.amazon.com/step-functions/latest/dg/"
n = {}
def case(topic, name, doc, desc, definition, inp=None, **expect):
    d = os.path.join(ROOT, topic); os.makedirs(d, exist_ok=True)
    if "createError" not in expect: normalize(definition)
    c = {"doc": doc, "description": desc, "definition": definition}
    if inp is not None: c["input"] = inp
    if "inputText" in expect: c["inputText"] = expect.pop("inputText")
    c["expect"] = expect
    with open(os.path.join(d, name + ".json"), "w") as f: json.dump(c, f, indent=2); f.write("\n")
    n[topic] = n.get(topic, 0) + 1
def normalize(g):
    if not isinstance(g, dict) or "States" not in g: return
    for st in g["States"].values():
        if st.get("Type") not in ("Choice", "Succeed", "Fail") and "Next" not in st and "End" not in st:
            st["End"] = True
        for b in st.get("Branches", []): normalize(b)
        normalize(st.get("ItemProcessor")); normalize(st.get("Iterator"))
def one(state, name="S"):
    return {"StartAt": name, "States": {name: state}}
def chain(*states):
    names = [s[0] for s in states]; out = {}
    for i, (nm, st) in enumerate(states):
        st = dict(st)
        if st["Type"] not in ("Choice", "Succeed", "Fail") and "Next" not in st and "End" not in st:
            if i + 1 < len(states): st["Next"] = names[i + 1]
            else: st["End"] = True
        out[nm] = st
    return {"StartAt": names[0], "States": out}
def task(fn, **kw):
    d = {"Type": "Task", "Resource": L + fn}; d.update(kw); return d
OK = "SUCCEEDED"; FAILED = "FAILED"

# ---------------- pass
T = "pass"
case(T, "pass-through", SPEC + "pass-state", "Pass without Result passes its input to its output",
     one({"Type": "Pass", "End": True}), {"a": 1}, status=OK, output={"a": 1})
case(T, "result-replaces", SPEC + "pass-state", "Result replaces the input when ResultPath is the default $",
     one({"Type": "Pass", "Result": {"x": 1}, "End": True}), {"a": 1}, status=OK, output={"x": 1})
case(T, "result-path-nested", SPEC + "pass-state", "Result is placed at ResultPath inside the input",
     one({"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "End": True}), {"a": 1}, status=OK, output={"a": 1, "r": {"x": 1}})
case(T, "result-path-creates-objects", DG + "input-output-resultpath.html", "ResultPath creates missing intermediate objects",
     one({"Type": "Pass", "Result": 5, "ResultPath": "$.a.b.c", "End": True}), {"z": 0}, status=OK, output={"z": 0, "a": {"b": {"c": 5}}})
case(T, "result-path-null-discards", DG + "input-output-resultpath.html#input-output-resultpath-null", "ResultPath null discards the result and keeps the raw input",
     one({"Type": "Pass", "Result": "ignored", "ResultPath": None, "End": True}), {"keep": True}, status=OK, output={"keep": True})
case(T, "parameters-then-result", SPEC + "pass-state", "Pass with Parameters outputs the built payload",
     one({"Type": "Pass", "Parameters": {"v.$": "$.a", "k": "lit"}, "End": True}), {"a": [1, 2]}, status=OK, output={"v": [1, 2], "k": "lit"})
case(T, "input-output-path", SPEC + "filters", "InputPath selects the effective input; OutputPath filters the output",
     one({"Type": "Pass", "InputPath": "$.in", "ResultPath": "$.copy", "OutputPath": "$.copy", "End": True}), {"in": {"q": 1}}, status=OK, output={"q": 1})
case(T, "input-path-null", SPEC + "filters", "InputPath null gives the state {} as effective input",
     one({"Type": "Pass", "InputPath": None, "End": True}), {"a": 1}, status=OK, output={})
case(T, "output-path-null", SPEC + "filters", "OutputPath null gives {} as the state output",
     one({"Type": "Pass", "OutputPath": None, "End": True}), {"a": 1}, status=OK, output={})
case(T, "input-path-missing-runtime", DG + "concepts-error-handling.html", "An InputPath that selects nothing fails with States.Runtime",
     one({"Type": "Pass", "InputPath": "$.missing", "End": True}), {"a": 1}, status=FAILED, error="States.Runtime", causeContains="InputPath")
case(T, "output-path-missing-runtime", DG + "concepts-error-handling.html", "An OutputPath that selects nothing fails with States.Runtime",
     one({"Type": "Pass", "OutputPath": "$.missing", "End": True}), {"a": 1}, status=FAILED, error="States.Runtime", causeContains="OutputPath")
case(T, "result-path-on-string-fails", DG + "concepts-error-handling.html", "ResultPath into a non-object input fails with States.ResultPathMatchFailure",
     one({"Type": "Pass", "Result": 1, "ResultPath": "$.x", "End": True}), "text", status=FAILED, error="States.ResultPathMatchFailure")
case(T, "chain-history", DG + "concepts-standard-vs-express.html", "A chain of Pass states records entered/exited events in order",
     chain(("A", {"Type": "Pass"}), ("B", {"Type": "Pass"})), {}, status=OK, output={},
     historyTypes=["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])

# ---------------- task
T = "task"
case(T, "lambda-arn-echo", SPEC + "task-state", "A Lambda function ARN resource receives the effective input and returns its result",
     one(task("Echo")), {"hello": "world"}, status=OK, output={"hello": "world"},
     historyTypes=["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"])
case(T, "lambda-parameters", SPEC + "parameters", "Parameters build the Lambda payload from the input",
     one(task("Add", Parameters={"a.$": "$.x", "b.$": "$.y"})), {"x": 2, "y": 40}, status=OK, output=42)
case(T, "result-selector", DG + "input-output-inputpath-params.html", "ResultSelector reshapes the task result before ResultPath",
     one(task("Echo", ResultSelector={"got.$": "$.v"}, ResultPath="$.out")), {"v": 7}, status=OK, output={"v": 7, "out": {"got": 7}})
case(T, "lambda-invoke-wrapper", DG + "connect-lambda.html", "lambda:invoke wraps the function result in Payload with StatusCode 200",
     one({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "Echo", "Payload.$": "$"},
          "ResultSelector": {"p.$": "$.Payload", "s.$": "$.StatusCode", "v.$": "$.ExecutedVersion"}, "End": True}),
     {"n": 1}, status=OK, output={"p": {"n": 1}, "s": 200, "v": "$LATEST"},
     historyTypes=["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
case(T, "lambda-invoke-metadata", DG + "connect-lambda.html", "lambda:invoke result carries SdkHttpMetadata.HttpStatusCode",
     one({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": L + "Echo", "Payload": {"a": 1}},
          "ResultSelector": {"code.$": "$.SdkHttpMetadata.HttpStatusCode"}, "End": True}), {}, status=OK, output={"code": 200})
case(T, "lambda-exception-name", DG + "concepts-error-handling.html", "A Java Lambda exception fails the execution with the exception class name as error",
     one(task("Fail", Parameters={"exception": "java.lang.IllegalArgumentException", "message": "bad input"})), {},
     status=FAILED, error="java.lang.IllegalArgumentException", causeContains="bad input")
case(T, "lambda-failure-history", DG + "concepts-error-handling.html", "A failing Lambda records LambdaFunctionFailed then ExecutionFailed without TaskStateExited",
     one(task("Fail")), {}, status=FAILED, error="java.lang.IllegalStateException",
     historyTypes=["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed"])
case(T, "lambda-invoke-failure", DG + "connect-lambda.html", "lambda:invoke failure records TaskFailed with the exception name",
     one({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "Fail", "Payload": {"message": "boom"}}, "End": True}), {},
     status=FAILED, error="java.lang.IllegalStateException", causeContains="boom",
     historyTypes=["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"])
case(T, "unknown-function", DG + "connect-lambda.html", "An unknown function fails at run time with Lambda.ResourceNotFoundException",
     one(task("DoesNotExist")), {}, status=FAILED, error="Lambda.ResourceNotFoundException")
case(T, "events-put-events", DG + "connect-eventbridge.html", "events:putEvents returns Entries with EventIds and FailedEntryCount 0",
     one({"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
          "Parameters": {"Entries": [{"Detail": {"m.$": "$.m"}, "DetailType": "t", "Source": "s"}]},
          "ResultSelector": {"failed.$": "$.FailedEntryCount", "count.$": "States.ArrayLength($.Entries)"}, "End": True}),
     {"m": "hi"}, status=OK, output={"failed": 0, "count": 1})
case(T, "events-empty-entries", DG + "connect-eventbridge.html", "events:putEvents with no entries fails",
     one({"Type": "Task", "Resource": "arn:aws:states:::events:putEvents", "Parameters": {"Entries": []}, "End": True}), {},
     status=FAILED, error="EventBridge.ValidationException")
case(T, "task-result-path-null", DG + "input-output-resultpath.html#input-output-resultpath-null", "A Task with ResultPath null keeps its input",
     one(task("Add", Parameters={"a": 1, "b": 2}, ResultPath=None)), {"orig": 1}, status=OK, output={"orig": 1})
case(T, "sequence-of-tasks", SPEC + "transition", "Task outputs feed the next Task's input",
     chain(("First", task("Add", Parameters={"a": 1, "b": 2}, ResultPath="$.sum")),
           ("Second", task("Add", Parameters={"a.$": "$.sum", "b": 10}))), {}, status=OK, output=13)

# ---------------- wait
T = "wait"
case(T, "seconds", SPEC + "wait-state", "Wait Seconds advances virtual time by exactly that much",
     one({"Type": "Wait", "Seconds": 3600, "End": True}), {"a": 1}, status=OK, output={"a": 1}, virtualSecondsElapsed=3600,
     historyTypes=["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"])
case(T, "six-hours", SPEC + "wait-state", "A 6-hour workflow finishes at once under virtual time",
     chain(("W1", {"Type": "Wait", "Seconds": 10800}), ("W2", {"Type": "Wait", "Seconds": 10800})), {}, status=OK, output={}, virtualSecondsElapsed=21600)
case(T, "seconds-path", SPEC + "wait-state", "SecondsPath reads the wait from the input",
     one({"Type": "Wait", "SecondsPath": "$.delay", "End": True}), {"delay": 90}, status=OK, output={"delay": 90}, virtualSecondsElapsed=90)
case(T, "seconds-path-not-integer", SPEC + "wait-state", "SecondsPath pointing to a non-integer fails with States.Runtime",
     one({"Type": "Wait", "SecondsPath": "$.delay", "End": True}), {"delay": "ten"}, status=FAILED, error="States.Runtime")
case(T, "seconds-path-missing", SPEC + "wait-state", "SecondsPath pointing to nothing fails with States.Runtime",
     one({"Type": "Wait", "SecondsPath": "$.delay", "End": True}), {}, status=FAILED, error="States.Runtime")
case(T, "timestamp", SPEC + "wait-state", "Timestamp waits until that RFC 3339 instant (virtual start is 2026-01-01T00:00:00Z)",
     one({"Type": "Wait", "Timestamp": "2026-01-01T02:00:00Z", "End": True}), {}, status=OK, output={}, virtualSecondsElapsed=7200)
case(T, "timestamp-offset", SPEC + "wait-state", "Timestamp with a numeric offset is honoured",
     one({"Type": "Wait", "Timestamp": "2026-01-01T01:30:00+01:00", "End": True}), {}, status=OK, output={}, virtualSecondsElapsed=1800)
case(T, "timestamp-past", SPEC + "wait-state", "A Timestamp in the past does not wait",
     one({"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "End": True}), {}, status=OK, output={}, virtualSecondsElapsed=0)
case(T, "timestamp-path", SPEC + "wait-state", "TimestampPath reads the instant from the input",
     one({"Type": "Wait", "TimestampPath": "$.until", "End": True}), {"until": "2026-01-01T00:10:00Z"}, status=OK, output={"until": "2026-01-01T00:10:00Z"}, virtualSecondsElapsed=600)
case(T, "timestamp-path-invalid", SPEC + "wait-state", "TimestampPath pointing to a non-timestamp fails with States.Runtime",
     one({"Type": "Wait", "TimestampPath": "$.until", "End": True}), {"until": "tomorrow"}, status=FAILED, error="States.Runtime")
case(T, "invalid-timestamp-definition", SPEC + "wait-state", "A literal Timestamp that is not RFC 3339 is rejected at creation",
     one({"Type": "Wait", "Timestamp": "2026-01-01 00:00:00", "End": True}), None, createError="InvalidDefinition", messageContains="Timestamp")
case(T, "two-fields-invalid", SPEC + "wait-state", "A Wait state with both Seconds and Timestamp is invalid",
     one({"Type": "Wait", "Seconds": 1, "Timestamp": "2026-01-01T00:00:00Z", "End": True}), None, createError="InvalidDefinition", messageContains="exactly one")
case(T, "input-output-path", SPEC + "wait-state", "Wait applies InputPath and OutputPath",
     one({"Type": "Wait", "Seconds": 1, "InputPath": "$.a", "OutputPath": "$.b", "End": True}), {"a": {"b": 3}}, status=OK, output=3)

# ---------------- succeed / fail
T = "succeed-fail"
case(T, "succeed", SPEC + "succeed-state", "Succeed ends the execution with its input",
     one({"Type": "Succeed"}), {"x": 1}, status=OK, output={"x": 1},
     historyTypes=["ExecutionStarted", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
case(T, "succeed-output-path", SPEC + "succeed-state", "Succeed applies InputPath and OutputPath",
     one({"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}), {"a": {"b": [1]}}, status=OK, output=[1])
case(T, "fail-error-cause", SPEC + "fail-state", "Fail stops the execution with Error and Cause",
     one({"Type": "Fail", "Error": "MyError", "Cause": "because"}), {}, status=FAILED, error="MyError", causeContains="because",
     historyTypes=["ExecutionStarted", "FailStateEntered", "ExecutionFailed"])
case(T, "fail-error-path", DG + "state-fail.html", "ErrorPath and CausePath read error and cause from the input",
     one({"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}), {"e": "Dyn", "c": "dynamic cause"}, status=FAILED, error="Dyn", causeContains="dynamic cause")
case(T, "fail-cause-path-intrinsic-context", DG + "state-fail.html", "CausePath may read from the context object",
     one({"Type": "Fail", "Error": "E", "CausePath": "$$.State.Name"}, "Stop"), {}, status=FAILED, error="E", causeContains="Stop")
case(T, "fail-error-path-not-string", DG + "state-fail.html", "ErrorPath must yield a string, else States.Runtime",
     one({"Type": "Fail", "ErrorPath": "$.e"}), {"e": 5}, status=FAILED, error="States.Runtime")
case(T, "fail-both-error-fields", DG + "state-fail.html", "Error and ErrorPath together are rejected",
     one({"Type": "Fail", "Error": "a", "ErrorPath": "$.e"}), None, createError="InvalidDefinition", messageContains="ErrorPath")
case(T, "fail-with-next-invalid", SPEC + "fail-state", "A Fail state may not have Next",
     {"StartAt": "F", "States": {"F": {"Type": "Fail", "Next": "G"}, "G": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="Next")

# ---------------- context object
T = "context"
C = DG + "input-output-contextobject.html"
case(T, "execution-fields", C, "$$.Execution carries Id, Name, Input, RoleArn, StartTime (UTC, milliseconds) and RedriveCount",
     one({"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
          "role.$": "$$.Execution.RoleArn", "start.$": "$$.Execution.StartTime", "redrive.$": "$$.Execution.RedriveCount"}, "End": True}),
     {"k": 1}, status=OK, output={"id": "arn:aws:states:us-east-1:123456789012:execution:Case:run", "name": "run", "input": {"k": 1},
                                  "role": "arn:aws:iam::123456789012:role/CaseRole", "start": "2026-01-01T00:00:00.000Z", "redrive": 0})
case(T, "state-machine-fields", C, "$$.StateMachine carries Id and Name",
     one({"Type": "Pass", "Parameters": {"id.$": "$$.StateMachine.Id", "name.$": "$$.StateMachine.Name"}, "End": True}), {},
     status=OK, output={"id": "arn:aws:states:us-east-1:123456789012:stateMachine:Case", "name": "Case"})
case(T, "state-fields", C, "$$.State carries Name, EnteredTime (virtual) and RetryCount",
     chain(("Before", {"Type": "Wait", "Seconds": 60}),
           ("Here", {"Type": "Pass", "Parameters": {"name.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime", "retry.$": "$$.State.RetryCount"}})),
     {}, status=OK, output={"name": "Here", "entered": "2026-01-01T00:01:00.000Z", "retry": 0})
case(T, "retry-count", C, "$$.State.RetryCount counts the retries of the current state",
     one(task("FailTimes", Parameters={"times": 2, "key": "rc", "rc.$": "$$.State.RetryCount"},
              Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "BackoffRate": 1.0}],
              ResultSelector={"attempts.$": "$.attempts"})), {}, status=OK, output={"attempts": 3})
case(T, "map-item", C, "$$.Map.Item.Index and Value are available in ItemSelector",
     one({"Type": "Map", "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value"},
          "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), ["a", "b"],
     status=OK, output=[{"i": 0, "v": "a"}, {"i": 1, "v": "b"}])
case(T, "context-in-result-selector", C, "ResultSelector can read the context object",
     one(task("Echo", ResultSelector={"state.$": "$$.State.Name", "v.$": "$.v"}), "T1"), {"v": 1}, status=OK, output={"state": "T1", "v": 1})
case(T, "task-token-absent", C, "$$.Task.Token exists only for .waitForTaskToken tasks (a path to it fails otherwise)",
     one({"Type": "Pass", "Parameters": {"t.$": "$$.Task.Token"}, "End": True}), {}, status=FAILED, error="States.Runtime")

# ---------------- retry
T = "retry"
E = SPEC + "retrying-after-error"
case(T, "retries-until-success", E, "A retrier retries a failing task until it succeeds",
     one(task("FailTimes", Parameters={"times": 2, "key": "a"}, Retry=[{"ErrorEquals": ["dev.sqlup.local.asl.TestTransientException"]}])), {},
     status=OK, output={"attempts": 3}, virtualSecondsElapsed=3)
case(T, "defaults-backoff", E, "Defaults: IntervalSeconds 1, BackoffRate 2.0 (waits 1 + 2 + 4 s over three retries)",
     one(task("FailTimes", Parameters={"times": 3, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"]}])), {},
     status=OK, output={"attempts": 4}, virtualSecondsElapsed=7)
case(T, "default-max-attempts-3", E, "Default MaxAttempts is 3: a fourth failure is not retried",
     one(task("FailTimes", Parameters={"times": 4, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"]}])), {},
     status=FAILED, error="dev.sqlup.local.asl.TestTransientException", virtualSecondsElapsed=7)
case(T, "max-attempts-zero", E, "MaxAttempts 0 means never retry",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}])), {},
     status=FAILED, error="dev.sqlup.local.asl.TestTransientException", virtualSecondsElapsed=0)
case(T, "interval-and-backoff", E, "IntervalSeconds 10 and BackoffRate 3: waits 10 + 30 s",
     one(task("FailTimes", Parameters={"times": 2, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 3}])), {},
     status=OK, output={"attempts": 3}, virtualSecondsElapsed=40)
case(T, "max-delay-seconds", DG + "concepts-error-handling.html", "MaxDelaySeconds caps each interval: 10, 20, then 25 instead of 40",
     one(task("FailTimes", Parameters={"times": 3, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "MaxAttempts": 5, "MaxDelaySeconds": 25}])), {},
     status=OK, output={"attempts": 4}, virtualSecondsElapsed=55)
case(T, "jitter-none", DG + "concepts-error-handling.html", "JitterStrategy NONE keeps the exact intervals",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "JitterStrategy": "NONE"}])), {},
     status=OK, output={"attempts": 2}, virtualSecondsElapsed=5)
case(T, "first-matching-retrier", E, "Retriers are tried in order; the first whose ErrorEquals matches applies",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[
         {"ErrorEquals": ["dev.sqlup.local.asl.TestTransientException"], "IntervalSeconds": 7},
         {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 100}])), {}, status=OK, output={"attempts": 2}, virtualSecondsElapsed=7)
case(T, "non-matching-retrier", E, "A retrier whose ErrorEquals does not match does not retry",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[{"ErrorEquals": ["Other.Error"]}])), {},
     status=FAILED, error="dev.sqlup.local.asl.TestTransientException")
case(T, "task-failed-wildcard", DG + "concepts-error-handling.html", "States.TaskFailed matches a Lambda exception",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2}])), {},
     status=OK, output={"attempts": 2}, virtualSecondsElapsed=2)
case(T, "runtime-not-retried", DG + "concepts-error-handling.html", "States.Runtime is not retried, even by States.ALL",
     one(task("Echo", OutputPath="$.missing", Retry=[{"ErrorEquals": ["States.ALL"]}])), {}, status=FAILED, error="States.Runtime", virtualSecondsElapsed=0)
case(T, "runtime-named-not-retried", DG + "concepts-error-handling.html", "States.Runtime is terminal even when named in ErrorEquals",
     one(task("Echo", OutputPath="$.missing", Retry=[{"ErrorEquals": ["States.Runtime"]}])), {}, status=FAILED, error="States.Runtime")
case(T, "retry-history", E, "Each retry schedules the function again",
     one(task("FailTimes", Parameters={"times": 1, "key": "a"}, Retry=[{"ErrorEquals": ["States.ALL"]}])), {}, status=OK, output={"attempts": 2},
     historyTypes=["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                   "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"])
case(T, "retry-parallel", SPEC + "parallel-state", "A Parallel state retries all branches when one fails",
     one({"Type": "Parallel", "Branches": [one(task("FailTimes", Parameters={"times": 1, "key": "p"}), "B")],
          "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3}], "End": True}), {}, status=OK, output=[{"attempts": 2}], virtualSecondsElapsed=3)
case(T, "backoff-below-one-invalid", E, "BackoffRate below 1.0 is rejected",
     one(task("Echo", Retry=[{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}])), None, createError="InvalidDefinition", messageContains="BackoffRate")
case(T, "jitter-invalid", DG + "concepts-error-handling.html", "JitterStrategy must be FULL or NONE",
     one(task("Echo", Retry=[{"ErrorEquals": ["States.ALL"], "JitterStrategy": "HALF"}])), None, createError="InvalidDefinition", messageContains="JitterStrategy")
case(T, "retry-all-not-last-invalid", DG + "concepts-error-handling.html", "States.ALL must be the last retrier",
     one(task("Echo", Retry=[{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}])), None, createError="InvalidDefinition", messageContains="States.ALL")

# ---------------- catch
T = "catch"
F = SPEC + "fallback-states"
def caught(extra=None, **kw):
    st = task("Fail", Parameters={"message": "oops"}, Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]); st.update(kw)
    return {"StartAt": "T", "States": {"T": st, "Handler": {"Type": "Pass", "End": True}}}
case(T, "catch-all-error-output", F, "A catcher replaces the input with {Error, Cause} by default",
     caught(), {"in": 1}, status=OK, output={"Error": "java.lang.IllegalStateException", "Cause": None} if False else None) if False else None
d = caught(); d["States"]["Handler"] = {"Type": "Pass", "Parameters": {"e.$": "$.Error"}, "End": True}
case(T, "catch-all-error-output", F, "A catcher passes {Error, Cause} to its Next state (ResultPath default $)",
     d, {"in": 1}, status=OK, output={"e": "java.lang.IllegalStateException"})
d = caught(); d["States"]["T"]["Catch"][0]["ResultPath"] = "$.err"; d["States"]["Handler"] = {"Type": "Pass", "Parameters": {"in.$": "$.in", "e.$": "$.err.Error"}, "End": True}
case(T, "catch-result-path", F, "Catcher ResultPath keeps the input and adds the error output",
     d, {"in": 1}, status=OK, output={"in": 1, "e": "java.lang.IllegalStateException"})
d = caught(); d["States"]["T"]["Catch"][0]["ResultPath"] = None
case(T, "catch-result-path-null", F, "Catcher ResultPath null passes the raw input",
     d, {"in": 1}, status=OK, output={"in": 1})
d = caught(); d["States"]["Handler"] = {"Type": "Pass", "Parameters": {"c.$": "$.Cause"}, "End": True}
d["States"]["Handler"]["Parameters"] = {"cause.$": "States.StringToJson($.Cause)"}
d["States"]["Handler"] = {"Type": "Pass", "Parameters": {"msg.$": "States.StringToJson($.Cause)"}, "OutputPath": "$.msg.errorMessage", "End": True}
case(T, "catch-cause-json", DG + "concepts-error-handling.html", "A Java Lambda error Cause is JSON with errorMessage and errorType",
     d, {}, status=OK, output="oops")
d = {"StartAt": "T", "States": {"T": task("Fail", Catch=[{"ErrorEquals": ["java.lang.IllegalArgumentException"], "Next": "A"},
                                                         {"ErrorEquals": ["java.lang.IllegalStateException"], "Next": "B"}]),
                                "A": {"Type": "Pass", "Result": "A", "End": True}, "B": {"Type": "Pass", "Result": "B", "End": True}}}
case(T, "catch-order", F, "The first catcher whose ErrorEquals matches is used",
     d, {}, status=OK, output="B")
d = {"StartAt": "T", "States": {"T": task("Fail", Catch=[{"ErrorEquals": ["States.TaskFailed"], "Next": "A"}]), "A": {"Type": "Pass", "Result": "tf", "End": True}}}
case(T, "catch-task-failed", DG + "concepts-error-handling.html", "States.TaskFailed catches a Lambda exception",
     d, {}, status=OK, output="tf")
d = {"StartAt": "T", "States": {"T": task("Echo", OutputPath="$.nope", Catch=[{"ErrorEquals": ["States.ALL"], "Next": "A"}]), "A": {"Type": "Pass", "End": True}}}
case(T, "catch-all-not-runtime", DG + "concepts-error-handling.html", "States.ALL does not catch States.Runtime",
     d, {}, status=FAILED, error="States.Runtime")
d = {"StartAt": "T", "States": {"T": task("Fail", Retry=[{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1, "BackoffRate": 1.0}],
                                          Catch=[{"ErrorEquals": ["States.ALL"], "Next": "A"}]), "A": {"Type": "Pass", "Result": "after-retries", "End": True}}}
case(T, "retry-then-catch", F, "When retries are exhausted the catcher applies",
     d, {}, status=OK, output="after-retries", virtualSecondsElapsed=2)
d = {"StartAt": "T", "States": {"T": task("Fail", Catch=[{"ErrorEquals": ["States.ALL"], "Next": "A"}]), "A": {"Type": "Pass", "End": True}}}
case(T, "catch-history", F, "A caught failure records TaskStateExited before the fallback state",
     d, {}, status=OK,
     historyTypes=["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "TaskStateExited",
                   "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
d = {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [one({"Type": "Fail", "Error": "Branch.Err", "Cause": "c"}, "F")],
                                      "Catch": [{"ErrorEquals": ["Branch.Err"], "ResultPath": "$.error", "Next": "A"}], "Next": "A"},
                                "A": {"Type": "Pass", "OutputPath": "$.error.Error", "End": True}}}
case(T, "catch-parallel-branch-error", SPEC + "parallel-state", "A Parallel state catches the error of a failed branch by its name",
     d, {}, status=OK, output="Branch.Err")
d = {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": one({"Type": "Fail", "Error": "Item.Err"}, "F"),
                                      "Catch": [{"ErrorEquals": ["Item.Err"], "Next": "A"}], "End": True},
                                "A": {"Type": "Pass", "Result": "caught", "End": True}}}
case(T, "catch-map-iteration-error", SPEC + "map-state", "A Map state catches a failed iteration's error",
     d, [1, 2], status=OK, output="caught")
d = {"StartAt": "T", "States": {"T": task("Fail", Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.x.y", "Next": "A"}]), "A": {"Type": "Pass", "End": True}}}
case(T, "catch-result-path-match-failure", DG + "concepts-error-handling.html", "A catcher ResultPath that cannot be applied fails the execution",
     d, "not-an-object", status=FAILED, error="States.ResultPathMatchFailure")
d = {"StartAt": "T", "States": {"T": task("Echo", Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Nowhere"}], End=True)}}
case(T, "catch-next-missing-invalid", F, "A catcher Next must name an existing state",
     d, None, createError="InvalidDefinition", messageContains="MISSING_TRANSITION_TARGET")
d = {"StartAt": "T", "States": {"T": task("Echo", Catch=[{"ErrorEquals": ["States.ALL", "X"], "Next": "A"}]), "A": {"Type": "Pass", "End": True}}}
case(T, "catch-all-not-alone-invalid", DG + "concepts-error-handling.html", "States.ALL must appear alone in ErrorEquals",
     d, None, createError="InvalidDefinition", messageContains="States.ALL")
d = {"StartAt": "T", "States": {"T": {"Type": "Pass", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}], "Next": "A"}, "A": {"Type": "Pass", "End": True}}}
case(T, "catch-on-pass-invalid", F, "Pass states may not have Catch",
     d, None, createError="InvalidDefinition", messageContains="Catch")
d = {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "A"}]}, "A": {"Type": "Pass", "End": True}}}
case(T, "no-choice-matched", SPEC + "appendix-a", "A Choice with no match and no Default fails with States.NoChoiceMatched",
     d, {"x": 2}, status=FAILED, error="States.NoChoiceMatched")

# ---------------- timeouts and heartbeats
T = "timeouts"
case(T, "task-timeout", SPEC + "task-state", "TimeoutSeconds fails a task that runs longer with States.Timeout (virtual time)",
     one(task("Sleep", Parameters={"seconds": 100}, TimeoutSeconds=30)), {}, status=FAILED, error="States.Timeout", virtualSecondsElapsed=30,
     historyTypes=["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionTimedOut", "ExecutionFailed"])
case(T, "task-within-timeout", SPEC + "task-state", "A task that finishes within TimeoutSeconds succeeds",
     one(task("Sleep", Parameters={"seconds": 10}, TimeoutSeconds=30)), {}, status=OK, output={"seconds": 10}, virtualSecondsElapsed=10)
case(T, "timeout-seconds-path", DG + "state-task.html", "TimeoutSecondsPath reads the timeout from the input",
     one(task("Sleep", Parameters={"seconds": 100}, TimeoutSecondsPath="$.t")), {"t": 5}, status=FAILED, error="States.Timeout", virtualSecondsElapsed=5)
case(T, "timeout-seconds-path-invalid", DG + "state-task.html", "TimeoutSecondsPath must point to a positive integer",
     one(task("Echo", TimeoutSecondsPath="$.t")), {"t": -1}, status=FAILED, error="States.Runtime")
d = {"StartAt": "T", "States": {"T": task("Sleep", Parameters={"seconds": 100}, TimeoutSeconds=10, Catch=[{"ErrorEquals": ["States.Timeout"], "Next": "A"}]),
                                "A": {"Type": "Pass", "OutputPath": "$.Error", "End": True}}}
case(T, "timeout-caught", DG + "concepts-error-handling.html", "States.Timeout can be caught by name",
     d, {}, status=OK, output="States.Timeout")
d = {"StartAt": "T", "States": {"T": task("Sleep", Parameters={"seconds": 100}, TimeoutSeconds=10, Catch=[{"ErrorEquals": ["States.TaskFailed"], "Next": "A"}]),
                                "A": {"Type": "Pass", "End": True}}}
case(T, "timeout-not-task-failed", DG + "concepts-error-handling.html", "States.TaskFailed does not match States.Timeout",
     d, {}, status=FAILED, error="States.Timeout")
case(T, "timeout-retried", SPEC + "retrying-after-error", "States.Timeout can be retried; each attempt has the full timeout",
     one(task("Sleep", Parameters={"seconds": 100}, TimeoutSeconds=10, Retry=[{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1, "IntervalSeconds": 5}])),
     {}, status=FAILED, error="States.Timeout", virtualSecondsElapsed=25)
case(T, "execution-timeout", SPEC + "toplevelfields", "The top-level TimeoutSeconds times the execution out",
     {"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}, {}, status="TIMED_OUT", error="States.Timeout", virtualSecondsElapsed=60)
case(T, "heartbeat-larger-than-timeout-invalid", SPEC + "task-state", "HeartbeatSeconds must be smaller than TimeoutSeconds",
     one(task("Echo", TimeoutSeconds=10, HeartbeatSeconds=20)), None, createError="InvalidDefinition", messageContains="HeartbeatSeconds")
case(T, "timeout-zero-invalid", SPEC + "task-state", "TimeoutSeconds must be a positive integer",
     one(task("Echo", TimeoutSeconds=0)), None, createError="InvalidDefinition", messageContains="TimeoutSeconds")

# ---------------- callbacks (.waitForTaskToken)
T = "callback"
CB = DG + "connect-to-resource.html#connect-wait-token"
def cb(payload, **kw):
    p = {"FunctionName": "Callback", "Payload": dict({"token.$": "$$.Task.Token"}, **payload)}
    d = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Parameters": p}; d.update(kw); return d
case(T, "success", CB, "The task waits for SendTaskSuccess and outputs its output",
     one(cb({"output": {"approved": True}}, End=True)), {}, status=OK, output={"approved": True},
     historyTypes=["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
case(T, "failure", CB, "SendTaskFailure fails the task with its error and cause",
     one(cb({"then": "failure", "error": "Rejected", "cause": "no"}, End=True)), {}, status=FAILED, error="Rejected", causeContains="no")
d = {"StartAt": "T", "States": {"T": cb({"then": "failure", "error": "Rejected"}, Catch=[{"ErrorEquals": ["Rejected"], "Next": "A"}]),
                                "A": {"Type": "Pass", "OutputPath": "$.Error", "End": True}}}
case(T, "failure-caught", CB, "A callback failure can be caught by its error name",
     d, {}, status=OK, output="Rejected")
case(T, "heartbeat-timeout", DG + "concepts-error-handling.html", "No heartbeat within HeartbeatSeconds fails with States.HeartbeatTimeout",
     one(cb({"then": "nothing"}, HeartbeatSeconds=30, End=True)), {}, status=FAILED, error="States.HeartbeatTimeout", virtualSecondsElapsed=30)
case(T, "heartbeats-keep-alive", SPEC + "task-state", "Heartbeats within HeartbeatSeconds keep the task alive",
     one(cb({"heartbeats": [20, 20, 20], "sleepSeconds": 10, "output": "done"}, HeartbeatSeconds=25, End=True)), {}, status=OK, output="done", virtualSecondsElapsed=70)
case(T, "callback-timeout", SPEC + "task-state", "TimeoutSeconds bounds the wait for the callback",
     one(cb({"then": "nothing"}, TimeoutSeconds=300, End=True)), {}, status=FAILED, error="States.Timeout", virtualSecondsElapsed=300)
case(T, "callback-result-path", CB, "The callback output goes through ResultPath like any task result",
     one(cb({"output": 5}, ResultPath="$.answer", End=True)), {"q": 1}, status=OK, output={"q": 1, "answer": 5})
d = {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                                      "Parameters": {"Entries": [{"Detail": {"token.$": "$$.Task.Token"}, "DetailType": "x", "Source": "s"}]},
                                      "TimeoutSeconds": 100, "End": True}}}
case(T, "events-wait-timeout", DG + "connect-eventbridge.html", "events:putEvents.waitForTaskToken parks until the timeout when nobody answers",
     d, {}, status=FAILED, error="States.Timeout", virtualSecondsElapsed=100)

# ---------------- parallel
T = "parallel"
P = SPEC + "parallel-state"
case(T, "outputs-in-order", P, "The result is the array of branch outputs in branch order",
     one({"Type": "Parallel", "Branches": [one({"Type": "Pass", "Result": 1, "End": True}, "A"), one({"Type": "Pass", "Result": 2, "End": True}, "B")], "End": True}),
     {}, status=OK, output=[1, 2])
case(T, "branches-get-input", P, "Every branch gets the effective input",
     one({"Type": "Parallel", "InputPath": "$.x", "Branches": [one(task("Add", Parameters={"a.$": "$.a", "b": 1}), "A"), one(task("Add", Parameters={"a.$": "$.a", "b": 2}), "B")], "End": True}),
     {"x": {"a": 10}}, status=OK, output=[11, 12])
case(T, "concurrent-waits", P, "Branches run concurrently: two waits of 100 s take 100 s",
     one({"Type": "Parallel", "Branches": [one({"Type": "Wait", "Seconds": 100, "End": True}, "W1"), one({"Type": "Wait", "Seconds": 100, "End": True}, "W2")], "End": True}),
     {}, status=OK, output=[{}, {}], virtualSecondsElapsed=100)
case(T, "result-selector-and-path", DG + "state-parallel.html", "ResultSelector and ResultPath apply to the branch output array",
     one({"Type": "Parallel", "Branches": [one({"Type": "Pass", "Result": "a", "End": True}, "A"), one({"Type": "Pass", "Result": "b", "End": True}, "B")],
          "ResultSelector": {"first.$": "$[0]"}, "ResultPath": "$.r", "End": True}), {"k": 1}, status=OK, output={"k": 1, "r": {"first": "a"}})
case(T, "parameters", DG + "state-parallel.html", "Parameters shape the input every branch receives",
     one({"Type": "Parallel", "Parameters": {"v.$": "$.val"}, "Branches": [one({"Type": "Pass", "End": True}, "A")], "End": True}), {"val": 3}, status=OK, output=[{"v": 3}])
case(T, "branch-failure-fails-state", P, "A failing branch fails the Parallel state with the branch's error",
     one({"Type": "Parallel", "Branches": [one({"Type": "Wait", "Seconds": 1000, "End": True}, "W"), one({"Type": "Fail", "Error": "B.Failed", "Cause": "x"}, "F")], "End": True}),
     {}, status=FAILED, error="B.Failed", virtualSecondsElapsed=0)
case(T, "history", P, "Parallel records ParallelStateEntered/Started, branch events, Succeeded and Exited",
     one({"Type": "Parallel", "Branches": [one({"Type": "Pass", "End": True}, "A")], "End": True}), {}, status=OK,
     historyTypes=["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered", "PassStateExited", "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"])
case(T, "nested", P, "Parallel states nest",
     one({"Type": "Parallel", "Branches": [one({"Type": "Parallel", "Branches": [one({"Type": "Pass", "Result": "in", "End": True}, "Inner")], "End": True}, "Mid")], "End": True}),
     {}, status=OK, output=[["in"]])
case(T, "branch-transition-outside-invalid", P, "A branch state cannot transition to a state outside its branch",
     {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Outside"}}}], "Next": "Outside"},
                                 "Outside": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="MISSING_TRANSITION_TARGET")
case(T, "empty-branches-invalid", P, "Branches must be a non-empty array",
     one({"Type": "Parallel", "Branches": [], "End": True}), None, createError="InvalidDefinition", messageContains="Branches")

# ---------------- map
T = "map"
M = DG + "state-map-inline.html"
case(T, "items-path", M, "ItemsPath selects the array; the result is the outputs in order",
     one({"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": one(task("Add", Parameters={"a.$": "$", "b": 100}), "Inc"), "End": True}),
     {"items": [1, 2, 3]}, status=OK, output=[101, 102, 103])
case(T, "legacy-iterator-parameters", SPEC + "map-state", "Legacy Iterator and Parameters still work",
     one({"Type": "Map", "ItemsPath": "$.xs", "Parameters": {"x.$": "$$.Map.Item.Value", "shared.$": "$.s"}, "Iterator": one({"Type": "Pass", "End": True}, "P"), "End": True}),
     {"xs": [1, 2], "s": "S"}, status=OK, output=[{"x": 1, "shared": "S"}, {"x": 2, "shared": "S"}])
case(T, "empty-array", M, "An empty array gives an empty result",
     one({"Type": "Map", "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), [], status=OK, output=[])
case(T, "not-an-array", M, "ItemsPath selecting a non-array fails with States.Runtime",
     one({"Type": "Map", "ItemsPath": "$.x", "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), {"x": 1}, status=FAILED, error="States.Runtime")
case(T, "max-concurrency-1", M, "MaxConcurrency 1 runs iterations one after another (3 x 10 s = 30 s)",
     one({"Type": "Map", "MaxConcurrency": 1, "ItemProcessor": one({"Type": "Wait", "Seconds": 10, "End": True}, "W"), "End": True}), [1, 2, 3],
     status=OK, output=[1, 2, 3], virtualSecondsElapsed=30)
case(T, "max-concurrency-2", M, "MaxConcurrency 2 runs two at a time (4 items x 10 s = 20 s)",
     one({"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": one({"Type": "Wait", "Seconds": 10, "End": True}, "W"), "End": True}), [1, 2, 3, 4],
     status=OK, output=[1, 2, 3, 4], virtualSecondsElapsed=20)
case(T, "unlimited-concurrency", M, "MaxConcurrency 0 (default) runs all iterations at once",
     one({"Type": "Map", "ItemProcessor": one({"Type": "Wait", "Seconds": 10, "End": True}, "W"), "End": True}), [1, 2, 3, 4, 5], status=OK, virtualSecondsElapsed=10)
case(T, "iteration-failure", M, "A failing iteration fails the Map state with its error",
     one({"Type": "Map", "ItemProcessor": one(task("Fail"), "T"), "End": True}), [1], status=FAILED, error="java.lang.IllegalStateException")
case(T, "history", DG + "state-map-inline.html", "Map records MapStateStarted, iteration events and MapStateSucceeded",
     one({"Type": "Map", "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), [1], status=OK,
     historyTypes=["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                   "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
case(T, "result-selector-path", M, "ResultSelector and ResultPath apply to the array of iteration outputs",
     one({"Type": "Map", "ItemsPath": "$.xs", "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "ResultSelector": {"n.$": "States.ArrayLength($)"}, "ResultPath": "$.count", "End": True}),
     {"xs": [1, 2, 3]}, status=OK, output={"xs": [1, 2, 3], "count": {"n": 3}})
case(T, "max-concurrency-path", M, "MaxConcurrencyPath reads the limit from the input",
     one({"Type": "Map", "ItemsPath": "$.xs", "MaxConcurrencyPath": "$.c", "ItemProcessor": one({"Type": "Wait", "Seconds": 10, "End": True}, "W"), "End": True}),
     {"xs": [1, 2, 3, 4], "c": 1}, status=OK, virtualSecondsElapsed=40)
case(T, "nested-map", M, "Map states nest",
     one({"Type": "Map", "ItemProcessor": one({"Type": "Map", "ItemProcessor": one(task("Add", Parameters={"a.$": "$", "b": 1}), "Inc"), "End": True}, "Inner"), "End": True}),
     [[1, 2], [3]], status=OK, output=[[2, 3], [4]])
case(T, "retry-inside-iteration", M, "Retry inside an iteration applies per iteration",
     one({"Type": "Map", "ItemSelector": {"times": 1, "key.$": "States.Format('k{}', $$.Map.Item.Index)"},
          "ItemProcessor": one(task("FailTimes", Retry=[{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 4}]), "T"), "End": True}),
     [0, 0], status=OK, output=[{"attempts": 2}, {"attempts": 2}], virtualSecondsElapsed=4)
case(T, "tolerated-failure-rejected", DG + "state-map-distributed.html#maprun-fail-threshold", "ToleratedFailurePercentage is Distributed Map only: rejected for the inline engine",
     one({"Type": "Map", "ToleratedFailurePercentage": 50, "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), None,
     createError="InvalidDefinition", messageContains="ToleratedFailurePercentage")
case(T, "distributed-mode-rejected", DG + "state-map-distributed.html", "ProcessorConfig Mode DISTRIBUTED is rejected by the local engine",
     one({"Type": "Map", "ItemProcessor": dict(one({"Type": "Pass", "End": True}, "P"), ProcessorConfig={"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}), "End": True}), None,
     createError="InvalidDefinition", messageContains="DISTRIBUTED")
case(T, "missing-processor-invalid", M, "A Map state needs an ItemProcessor",
     one({"Type": "Map", "End": True}), None, createError="InvalidDefinition", messageContains="ItemProcessor")
case(T, "items-path-not-reference-invalid", M, "ItemsPath must be a reference path",
     one({"Type": "Map", "ItemsPath": "$..x", "ItemProcessor": one({"Type": "Pass", "End": True}, "P"), "End": True}), None,
     createError="InvalidDefinition", messageContains="INVALID_JSON_PATH")

# ---------------- definition checks
T = "definition"
TL = SPEC + "toplevelfields"
case(T, "missing-start-at", TL, "StartAt is required",
     {"States": {"A": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="StartAt")
case(T, "unknown-start-at", TL, "StartAt must name a state",
     {"StartAt": "Nope", "States": {"A": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="MISSING_TRANSITION_TARGET")
case(T, "next-unknown", SPEC + "transition", "Next must name a state",
     {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}, None, createError="InvalidDefinition", messageContains="MISSING_TRANSITION_TARGET: Missing 'Next' target: B")
case(T, "unreachable", SPEC + "transition", "Every state must be reachable from StartAt",
     {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="UNREACHABLE_STATE")
case(T, "no-next-no-end", SPEC + "transition", "A non-terminal state needs Next or End",
     {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}, None, createError="InvalidDefinition", messageContains="Next")
case(T, "next-and-end", SPEC + "transition", "A state may not have both Next and End",
     {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": True}, "B": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="End")
case(T, "choice-without-choices", SPEC + "choice-state", "A Choice state needs a non-empty Choices array",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [], "Default": "A"}, "A": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="Choices")
case(T, "choice-with-end", SPEC + "choice-state", "A Choice state may not have End",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "End": True, "Choices": [{"Variable": "$.a", "IsPresent": True, "Next": "A"}]}, "A": {"Type": "Succeed"}}}, None,
     createError="InvalidDefinition", messageContains="End")
case(T, "choice-default-unknown", SPEC + "choice-state", "Choice Default must name a state",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": True, "Next": "A"}], "Default": "Z"}, "A": {"Type": "Succeed"}}}, None,
     createError="InvalidDefinition", messageContains="MISSING_TRANSITION_TARGET")
case(T, "bad-input-path", SPEC + "path", "InputPath must be a valid JSONPath",
     one({"Type": "Pass", "InputPath": "not a path", "End": True}), None, createError="InvalidDefinition", messageContains="INVALID_JSON_PATH")
case(T, "bad-result-path", SPEC + "ref-paths", "ResultPath must be a reference path",
     one({"Type": "Pass", "ResultPath": "$.a[*]", "End": True}), None, createError="InvalidDefinition", messageContains="INVALID_JSON_PATH")
case(T, "unknown-field", SPEC + "pass-state", "Fields a state type does not define are rejected",
     one({"Type": "Pass", "Foo": 1, "End": True}), None, createError="InvalidDefinition", messageContains="'Foo'")
case(T, "unknown-type", SPEC + "toplevelfields", "The Type must be a known state type",
     one({"Type": "Sleep", "End": True}), None, createError="InvalidDefinition", messageContains="Sleep")
case(T, "name-too-long", TL, "State names are at most 80 characters",
     one({"Type": "Succeed"}, "N" * 81), None, createError="InvalidDefinition", messageContains="80")
case(T, "name-80-ok", TL, "An 80-character state name is fine",
     one({"Type": "Succeed"}, "N" * 80), {}, status=OK, output={})
case(T, "unknown-resource", DG + "state-task.html", "An unrecognised service integration is rejected at creation",
     one({"Type": "Task", "Resource": "arn:aws:states:::foo:bar", "End": True}), None, createError="InvalidDefinition", messageContains="is not recognized")
case(T, "task-without-resource", SPEC + "task-state", "A Task needs a Resource",
     one({"Type": "Task", "End": True}), None, createError="InvalidDefinition", messageContains="Resource")
case(T, "bad-parameters-path", SPEC + "parameters", "A .$ field in Parameters must hold a valid path or intrinsic",
     one({"Type": "Pass", "Parameters": {"a.$": "nope"}, "End": True}), None, createError="InvalidDefinition", messageContains="a.$")
case(T, "nested-branch-validated", SPEC + "parallel-state", "States inside Parallel branches are validated too",
     one({"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}], "End": True}), None, createError="InvalidDefinition", messageContains="Next")
case(T, "nested-map-validated", SPEC + "map-state", "States inside a Map ItemProcessor are validated too",
     one({"Type": "Map", "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}, "B": {"Type": "Succeed"}}}, "End": True}), None,
     createError="InvalidDefinition", messageContains="UNREACHABLE_STATE")
case(T, "duplicate-name-across-branches", SPEC + "parallel-state", "State names must be unique across the whole machine",
     {"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [one({"Type": "Succeed"}, "A")], "End": True}}}, None, createError="InvalidDefinition", messageContains="DUPLICATE_STATE_NAME")
case(T, "invalid-json", TL, "A definition that is not JSON is rejected",
     "not json", None, createError="InvalidDefinition", messageContains="INVALID_JSON_DESCRIPTION")

# ---------------- jsonata and variables rejected
T = "unsupported"
JA = DG + "transforming-data.html"
case(T, "query-language-jsonata-top", JA, "QueryLanguage JSONata at the top level is rejected",
     {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, None, createError="InvalidDefinition", messageContains="JSONata")
case(T, "query-language-jsonata-state", JA, "QueryLanguage JSONata on a state is rejected",
     one({"Type": "Pass", "QueryLanguage": "JSONata", "End": True}), None, createError="InvalidDefinition", messageContains="JSONata")
case(T, "query-language-jsonpath-ok", JA, "QueryLanguage JSONPath is the supported default",
     {"QueryLanguage": "JSONPath", "StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": True}}}, {"a": 1}, status=OK, output={"a": 1})
case(T, "assign", DG + "workflow-variables.html", "Assign (variables) is rejected",
     one({"Type": "Pass", "Assign": {"x": 1}, "End": True}), None, createError="InvalidDefinition", messageContains="Assign")
case(T, "output", JA, "Output (JSONata) is rejected",
     one({"Type": "Pass", "Output": "{% $states.input %}", "End": True}), None, createError="InvalidDefinition", messageContains="Output")
case(T, "arguments", JA, "Arguments (JSONata) is rejected",
     one({"Type": "Task", "Resource": L + "Echo", "Arguments": {}, "End": True}), None, createError="InvalidDefinition", messageContains="Arguments")
case(T, "assign-in-choice-rule", DG + "workflow-variables.html", "Assign inside a Choice rule is rejected",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": True, "Assign": {"v": 1}, "Next": "A"}], "Default": "A"}, "A": {"Type": "Succeed"}}}, None,
     createError="InvalidDefinition", messageContains="Assign")

# ---------------- limits and input
T = "limits"
Q = DG + "service-quotas.html"
case(T, "input-too-large", Q, "StartExecution input over 256 KiB is rejected with InvalidExecutionInput",
     one({"Type": "Succeed"}), None, inputText=json.dumps({"big": "x" * 262144}), startError="InvalidExecutionInput")
case(T, "input-not-json", "https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html", "StartExecution input that is not JSON is rejected with InvalidExecutionInput",
     one({"Type": "Succeed"}), None, inputText="{not json", startError="InvalidExecutionInput")
case(T, "state-output-too-large", DG + "concepts-error-handling.html", "A state output over 256 KiB fails with States.DataLimitExceeded",
     one({"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s", "c.$": "$.s"}, "End": True}), {"s": "y" * 100000}, status=FAILED, error="States.DataLimitExceeded")
d = {"StartAt": "T", "States": {"T": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s", "c.$": "$.s"}, "Next": "A"}, "A": {"Type": "Succeed"}}}
case(T, "data-limit-not-caught", DG + "concepts-error-handling.html", "States.DataLimitExceeded is terminal: States.ALL does not catch it",
     {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": one({"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s", "c.$": "$.s"}, "End": True}, "P"),
                                       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}], "End": True}, "A": {"Type": "Succeed"}}},
     [{"s": "z" * 100000}], status=FAILED, error="States.DataLimitExceeded")
case(T, "scalar-input", SPEC + "data", "A state machine input may be any JSON value",
     one({"Type": "Pass", "End": True}), 42, status=OK, output=42)

# ---------------- extra history / heartbeat cases
T = "history"
H = "https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html"
case(T, "choice", H, "A Choice state records ChoiceStateEntered and ChoiceStateExited",
     {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "NumericEquals": 1, "Next": "Yes"}], "Default": "No"},
                                 "Yes": {"Type": "Succeed"}, "No": {"Type": "Fail", "Error": "No"}}}, {"a": 1}, status=OK, output={"a": 1},
     historyTypes=["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
case(T, "map-iteration-failed", H, "A failing iteration records MapIterationFailed and MapStateFailed",
     one({"Type": "Map", "ItemProcessor": one({"Type": "Fail", "Error": "E"}, "F"), "End": True}), [1], status=FAILED, error="E",
     historyTypes=["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "FailStateEntered", "MapIterationFailed", "MapStateFailed", "ExecutionFailed"])
case(T, "parallel-failed", H, "A failing branch records ParallelStateFailed",
     one({"Type": "Parallel", "Branches": [one({"Type": "Fail", "Error": "E"}, "F")], "End": True}), {}, status=FAILED, error="E",
     historyTypes=["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "FailStateEntered", "ParallelStateFailed", "ExecutionFailed"])
case(T, "timeout-execution", H, "An execution timeout records ExecutionTimedOut",
     {"TimeoutSeconds": 5, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": True}}}, {}, status="TIMED_OUT",
     historyTypes=["ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut"])
T = "callback"
case(T, "heartbeat-seconds-path", DG + "state-task.html", "HeartbeatSecondsPath reads the heartbeat interval from the input",
     one(cb({"then": "nothing"}, HeartbeatSecondsPath="$.hb", End=True)), {"hb": 12}, status=FAILED, error="States.HeartbeatTimeout", virtualSecondsElapsed=12)
d = {"StartAt": "T", "States": {"T": cb({"then": "nothing"}, HeartbeatSeconds=5, Catch=[{"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "A"}]),
                                "A": {"Type": "Pass", "OutputPath": "$.Error", "End": True}}}
case(T, "heartbeat-timeout-caught", DG + "concepts-error-handling.html", "States.HeartbeatTimeout can be caught by name",
     d, {}, status=OK, output="States.HeartbeatTimeout")

for k, v in sorted(n.items()): print(k, v)
print("total", sum(n.values()))

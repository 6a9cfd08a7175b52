#!/usr/bin/env python3
"""Writes the data-flow conformance cases (intrinsics, choice, paths) under
local/src/test/resources/asl-conformance/. Each case's expectation follows the AWS documentation
section named in its "doc" field. Rerun after editing: python3 generate_cases.py"""
import json
import os

ROOT = os.path.join(os.path.dirname(__file__), "..", "resources", "asl-conformance")
INTR = "https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html"
CHOICE = "https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html#amazon-states-language-choice-state-rules"
SPEC = "https://states-language.net/spec.html"
RESULTPATH = "https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html"
INPUTPATH = "https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html"

cases = {}


def case(topic, name, doc, description, definition, inp, expect):
    cases[(topic, name)] = {
        "doc": doc,
        "description": description,
        "definition": definition,
        "input": inp,
        "expect": expect,
    }


def ok(output):
    return {"status": "SUCCEEDED", "output": output}


def failed(error, cause):
    return {"status": "FAILED", "error": error, "causeContains": cause}


def invalid(message):
    return {"createError": "InvalidDefinition", "messageContains": message}


def pass_machine(parameters, **extra):
    state = {"Type": "Pass", "Parameters": parameters, "End": True}
    state.update(extra)
    return {"StartAt": "P", "States": {"P": state}}


def intrinsic(name, anchor, description, expression, inp, expect):
    case("intrinsics", name, INTR + anchor, description, pass_machine({"value.$": expression}), inp, expect)


ARR, ENC, HASH, JSONM, MATH, STR, UUID, GEN = (
    "#asl-intrsc-func-arrays", "#asl-intrsc-func-data-encode-decode", "#asl-intrsc-func-hash-calc",
    "#asl-intrsc-func-json-manipulate", "#asl-intrsc-func-math-operation",
    "#asl-intrsc-func-string-operation", "#asl-intrsc-func-uuid-generate", "#asl-intrsc-func-generic")

# ---- arrays
intrinsic("array-from-path", ARR, "States.Array returns its arguments as an array (guide example)",
          "States.Array($.Id)", {"Id": 123456}, ok({"value": [123456]}))
intrinsic("array-mixed-literals", ARR, "States.Array takes literals of every type, in order",
          "States.Array('a', 1, true, $.o, $.d)", {"o": {"k": "v"}, "d": 2.5},
          ok({"value": ["a", 1, True, {"k": "v"}, 2.5]}))
intrinsic("array-empty", ARR, "States.Array takes zero arguments", "States.Array()", {}, ok({"value": []}))
intrinsic("array-partition", ARR, "States.ArrayPartition chunks an array; the last chunk is smaller (guide example)",
          "States.ArrayPartition($.inputArray,4)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
          ok({"value": [[1, 2, 3, 4], [5, 6, 7, 8], [9]]}))
intrinsic("array-partition-rounds-chunk-size", ARR,
          "A non-integer chunk size is rounded to the nearest integer (guide: input validation)",
          "States.ArrayPartition($.a, $.size)", {"a": [1, 2, 3], "size": 1.6}, ok({"value": [[1, 2], [3]]}))
intrinsic("array-partition-zero-chunk", ARR, "States.ArrayPartition needs a positive chunk size",
          "States.ArrayPartition($.a, 0)", {"a": [1, 2]}, failed("States.IntrinsicFailure", "States.ArrayPartition"))
intrinsic("array-contains-true", ARR, "States.ArrayContains finds a value (guide example)",
          "States.ArrayContains($.inputArray, $.lookingFor)",
          {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5}, ok({"value": True}))
intrinsic("array-contains-false", ARR, "States.ArrayContains answers false when absent",
          "States.ArrayContains($.inputArray, 'five')", {"inputArray": [1, 2, 3]}, ok({"value": False}))
intrinsic("array-contains-object", ARR, "States.ArrayContains compares objects by value",
          "States.ArrayContains($.a, $.v)", {"a": [{"x": 1, "y": 2}], "v": {"y": 2, "x": 1}}, ok({"value": True}))
intrinsic("array-range", ARR, "States.ArrayRange(1, 9, 2) (guide example)",
          "States.ArrayRange(1, 9, 2)", {}, ok({"value": [1, 3, 5, 7, 9]}))
intrinsic("array-range-negative-step", ARR, "States.ArrayRange counts down with a negative step",
          "States.ArrayRange(5, 1, -2)", {}, ok({"value": [5, 3, 1]}))
intrinsic("array-range-zero-step", ARR, "States.ArrayRange needs a non-zero step",
          "States.ArrayRange(1, 9, 0)", {}, failed("States.IntrinsicFailure", "States.ArrayRange"))
intrinsic("array-range-over-1000", ARR, "States.ArrayRange cannot produce more than 1000 items",
          "States.ArrayRange(1, 1001, 1)", {}, failed("States.IntrinsicFailure", "1000"))
intrinsic("array-range-rounds", ARR,
          "Non-integer ArrayRange arguments are rounded to the nearest integer (guide: input validation)",
          "States.ArrayRange($.first, $.last, 2)", {"first": 1.2, "last": 9.4}, ok({"value": [1, 3, 5, 7, 9]}))
intrinsic("array-get-item", ARR, "States.ArrayGetItem returns the item at an index (guide example)",
          "States.ArrayGetItem($.inputArray, $.index)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5},
          ok({"value": 6}))
intrinsic("array-get-item-out-of-bounds", ARR, "States.ArrayGetItem past the end fails",
          "States.ArrayGetItem($.a, 3)", {"a": [1, 2, 3]}, failed("States.IntrinsicFailure", "States.ArrayGetItem"))
intrinsic("array-length", ARR, "States.ArrayLength (guide example)",
          "States.ArrayLength($.inputArray)", {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]}, ok({"value": 9}))
intrinsic("array-length-not-array", ARR, "States.ArrayLength of a string fails",
          "States.ArrayLength($.s)", {"s": "abc"}, failed("States.IntrinsicFailure", "array"))
intrinsic("array-unique", ARR, "States.ArrayUnique removes duplicates, keeping first occurrences (guide example)",
          "States.ArrayUnique($.inputArray)", {"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]}, ok({"value": [1, 2, 3, 4]}))
# ---- encoding
intrinsic("base64-encode", ENC, "States.Base64Encode (guide example)",
          "States.Base64Encode($.input)", {"input": "Data to encode"}, ok({"value": "RGF0YSB0byBlbmNvZGU="}))
intrinsic("base64-decode", ENC,
          "States.Base64Decode of the guide's encoded example (the guide prints 'Decoded data', an erratum)",
          "States.Base64Decode($.base64)", {"base64": "RGF0YSB0byBlbmNvZGU="}, ok({"value": "Data to encode"}))
intrinsic("base64-encode-over-limit", ENC, "States.Base64Encode accepts at most 10,000 characters",
          "States.Base64Encode($.input)", {"input": "x" * 10001}, failed("States.IntrinsicFailure", "10000"))
intrinsic("base64-decode-invalid", ENC, "States.Base64Decode rejects data that is not Base64",
          "States.Base64Decode('not base64!')", {}, failed("States.IntrinsicFailure", "States.Base64Decode"))
# ---- hash
intrinsic("hash-sha1", HASH,
          "States.Hash with SHA-1 (guide example; the guide's printed digest drops one '4')",
          "States.Hash($.Data, $.Algorithm)", {"Data": "input data", "Algorithm": "SHA-1"},
          ok({"value": "aaff4a450a104cd177d28d18d74485e8cae074b7"}))
intrinsic("hash-md5", HASH, "States.Hash with MD5", "States.Hash('abc', 'MD5')", {},
          ok({"value": "900150983cd24fb0d6963f7d28e17f72"}))
intrinsic("hash-sha256", HASH, "States.Hash with SHA-256", "States.Hash('abc', 'SHA-256')", {},
          ok({"value": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}))
intrinsic("hash-unknown-algorithm", HASH, "States.Hash supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512 only",
          "States.Hash('abc', 'SHA-224')", {}, failed("States.IntrinsicFailure", "States.Hash"))
# ---- JSON
intrinsic("json-merge-shallow", JSONM, "States.JsonMerge shallow merge: the second object's keys win (guide example)",
          "States.JsonMerge($.json1, $.json2, false)",
          {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}},
          ok({"value": {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}}))
intrinsic("json-merge-deep-rejected", JSONM, "States.JsonMerge supports only shallow merging (false)",
          "States.JsonMerge($.json1, $.json2, true)", {"json1": {"a": 1}, "json2": {"b": 2}},
          failed("States.IntrinsicFailure", "States.JsonMerge"))
intrinsic("string-to-json", JSONM, "States.StringToJson parses an escaped JSON string (guide example)",
          "States.StringToJson($.escapedJsonString)", {"escapedJsonString": "{\"foo\": \"bar\"}"},
          ok({"value": {"foo": "bar"}}))
intrinsic("json-to-string", JSONM, "States.JsonToString serialises the data at a path (guide example)",
          "States.JsonToString($.unescapedJson)", {"unescapedJson": {"foo": "bar"}},
          ok({"value": "{\"foo\":\"bar\"}"}))
intrinsic("string-to-json-invalid", JSONM, "States.StringToJson of text that is not JSON fails",
          "States.StringToJson($.s)", {"s": "{oops"}, failed("States.IntrinsicFailure", "States.StringToJson"))
# ---- math
intrinsic("math-add", MATH, "States.MathAdd (guide example: 111 + -1)",
          "States.MathAdd($.value1, $.step)", {"value1": 111, "step": -1}, ok({"value": 110}))
intrinsic("math-add-rounds", MATH, "States.MathAdd rounds non-integer arguments (guide: input validation)",
          "States.MathAdd($.a, 2)", {"a": 1.2}, ok({"value": 3}))
intrinsic("math-add-out-of-range", MATH, "States.MathAdd takes integers between -2147483648 and 2147483647",
          "States.MathAdd(2147483648, 1)", {}, failed("States.IntrinsicFailure", "States.MathAdd"))
intrinsic("math-add-not-number", MATH, "States.MathAdd needs numbers",
          "States.MathAdd($.a, 1)", {"a": "1"}, failed("States.IntrinsicFailure", "States.MathAdd"))
case("intrinsics", "math-random-seeded-in-range", INTR + MATH,
     "States.MathRandom(start, end, seed) returns start <= n < end",
     {"StartAt": "Draw", "States": {
         "Draw": {"Type": "Pass", "Parameters": {"n.$": "States.MathRandom($.start, $.end, 42)"}, "Next": "Check"},
         "Check": {"Type": "Choice", "Choices": [{"And": [
             {"Variable": "$.n", "NumericGreaterThanEquals": 1},
             {"Variable": "$.n", "NumericLessThan": 999}], "Next": "InRange"}], "Default": "OutOfRange"},
         "InRange": {"Type": "Pass", "Result": "in range", "End": True},
         "OutOfRange": {"Type": "Fail", "Error": "OutOfRange"}}},
     {"start": 1, "end": 999}, ok("in range"))
intrinsic("math-random-empty-range", MATH, "States.MathRandom needs start < end",
          "States.MathRandom(5, 5)", {}, failed("States.IntrinsicFailure", "States.MathRandom"))
# ---- strings
intrinsic("string-split", STR, "States.StringSplit on a comma (guide example)",
          "States.StringSplit($.inputString, $.splitter)", {"inputString": "1,2,3,4,5", "splitter": ","},
          ok({"value": ["1", "2", "3", "4", "5"]}))
intrinsic("string-split-many-delimiters", STR, "Each character of the second argument splits (guide example)",
          "States.StringSplit($.inputString, $.splitter)", {"inputString": "This.is+a,test=string", "splitter": ".+,="},
          ok({"value": ["This", "is", "a", "test", "string"]}))
# ---- uuid
intrinsic("uuid-v4-shape", UUID, "States.UUID returns a v4 UUID: five dash-separated groups",
          "States.ArrayLength(States.StringSplit(States.UUID(), '-'))", {}, ok({"value": 5}))
# ---- generic / format / escapes / nesting
intrinsic("format-literal-template", GEN, "States.Format with a literal template (guide example)",
          "States.Format('Hello, my name is {}.', $.name)", {"name": "Arnav"}, ok({"value": "Hello, my name is Arnav."}))
intrinsic("format-path-template", GEN, "States.Format with the template from a path (guide example)",
          "States.Format($.template, $.name)", {"name": "Arnav", "template": "Hello, my name is {}."},
          ok({"value": "Hello, my name is Arnav."}))
intrinsic("format-escapes", GEN, "Reserved characters ' { } \\ are escaped with a backslash",
          "States.Format('it\\'s \\{\\} and \\\\ and {}', 42)", {}, ok({"value": "it's {} and \\ and 42"}))
intrinsic("format-argument-count", GEN, "States.Format needs one argument per {}",
          "States.Format('{} and {}', 'one')", {}, failed("States.IntrinsicFailure", "States.Format"))
intrinsic("nested-calls", GEN, "Intrinsics nest: a call is an argument of another",
          "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 0)",
          {"Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0"}, ok({"value": "1"}))
case("intrinsics", "context-object-argument", INTR + GEN, "A $$ argument reads the context object",
     pass_machine({"value.$": "States.Format('state {}', $$.State.Name)"}), {}, ok({"value": "state P"}))
case("intrinsics", "nesting-limit-exceeded", INTR,
     "You can nest up to 10 intrinsic functions within a field: 11 is an invalid definition",
     pass_machine({"value.$": "States.Array(" * 11 + ")" * 11}), {}, invalid("nested"))
case("intrinsics", "unknown-function", INTR, "An unknown States.* function is an invalid definition",
     pass_machine({"value.$": "States.Frobnicate($.a)"}), {}, invalid("States.Frobnicate"))
case("intrinsics", "open-escape", INTR + GEN,
     "An open escape backslash in an intrinsic string is a runtime error (guide: reserved characters, note)",
     pass_machine({"value.$": "States.Format('bad \\n {}', 1)"}), {}, failed("States.Runtime", "escape"))
case("intrinsics", "missing-path-argument", INTR + GEN,
     "A path argument that selects nothing fails the state",
     pass_machine({"value.$": "States.Array($.missing)"}), {"present": 1}, failed("States.Runtime", "$.missing"))

# ---- choice rules
def choice_machine(rule, default=True):
    states = {
        "C": {"Type": "Choice", "Choices": [dict(rule, Next="Yes")]},
        "Yes": {"Type": "Pass", "Result": "yes", "End": True},
    }
    if default:
        states["C"]["Default"] = "No"
        states["No"] = {"Type": "Pass", "Result": "no", "End": True}
    return {"StartAt": "C", "States": states}


def rule_case(name, description, rule, inp, matched):
    case("choice", name, CHOICE, description, choice_machine(rule), inp, ok("yes" if matched else "no"))


rule_case("string-equals", "StringEquals", {"Variable": "$.s", "StringEquals": "abc"}, {"s": "abc"}, True)
rule_case("string-less-than", "StringLessThan compares lexically",
          {"Variable": "$.s", "StringLessThan": "abd"}, {"s": "abc"}, True)
rule_case("string-greater-than-equals", "StringGreaterThanEquals",
          {"Variable": "$.s", "StringGreaterThanEquals": "abd"}, {"s": "abc"}, False)
rule_case("string-equals-on-number", "A string operator on a number is no match, not an error",
          {"Variable": "$.n", "StringEquals": "5"}, {"n": 5}, False)
rule_case("string-equals-path", "StringEqualsPath compares two values of the input",
          {"Variable": "$.a", "StringEqualsPath": "$.b"}, {"a": "x", "b": "x"}, True)
rule_case("string-matches-wildcard", "StringMatches: * matches any run of characters (foo*.log)",
          {"Variable": "$.file", "StringMatches": "foo*.log"}, {"file": "foo23.log"}, True)
rule_case("string-matches-escaped-star", "StringMatches: \\* is a literal asterisk",
          {"Variable": "$.file", "StringMatches": "foo\\*.log"}, {"file": "foo23.log"}, False)
rule_case("string-matches-literal-star", "StringMatches: \\* matches an asterisk in the value",
          {"Variable": "$.file", "StringMatches": "foo\\*.log"}, {"file": "foo*.log"}, True)
rule_case("numeric-equals-int-decimal", "NumericEquals compares values: 5 equals 5.0",
          {"Variable": "$.n", "NumericEquals": 5}, {"n": 5.0}, True)
rule_case("numeric-less-than", "NumericLessThan", {"Variable": "$.n", "NumericLessThan": 10}, {"n": 9.99}, True)
rule_case("numeric-greater-than-equals", "NumericGreaterThanEquals",
          {"Variable": "$.n", "NumericGreaterThanEquals": 10}, {"n": 9}, False)
rule_case("numeric-on-string", "NumericEquals against a string is no match",
          {"Variable": "$.n", "NumericEquals": 5}, {"n": "5"}, False)
rule_case("numeric-less-than-path", "NumericLessThanPath",
          {"Variable": "$.n", "NumericLessThanPath": "$.limit"}, {"n": 3, "limit": 4}, True)
rule_case("boolean-equals", "BooleanEquals", {"Variable": "$.b", "BooleanEquals": False}, {"b": False}, True)
rule_case("boolean-equals-path", "BooleanEqualsPath",
          {"Variable": "$.b", "BooleanEqualsPath": "$.c"}, {"b": True, "c": False}, False)
rule_case("timestamp-equals-offsets", "TimestampEquals compares instants across offsets",
          {"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00Z"}, {"t": "2016-03-14T02:59:00+01:00"}, True)
rule_case("timestamp-less-than", "TimestampLessThan",
          {"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z"}, {"t": "2016-03-14T01:58:59.999Z"}, True)
rule_case("timestamp-greater-than-path", "TimestampGreaterThanPath",
          {"Variable": "$.t", "TimestampGreaterThanPath": "$.u"},
          {"t": "2020-01-01T00:00:00Z", "u": "2019-12-31T23:59:59Z"}, True)
rule_case("timestamp-lowercase-t", "Timestamps need an uppercase T: a lowercase one is no match",
          {"Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:00Z"}, {"t": "2016-03-14t01:59:00Z"}, False)
rule_case("is-present-false", "IsPresent false matches a missing field",
          {"Variable": "$.missing", "IsPresent": False}, {"other": 1}, True)
rule_case("is-null", "IsNull", {"Variable": "$.z", "IsNull": True}, {"z": None}, True)
rule_case("is-numeric", "IsNumeric on a numeric string is false",
          {"Variable": "$.n", "IsNumeric": True}, {"n": "12"}, False)
rule_case("is-string", "IsString", {"Variable": "$.s", "IsString": True}, {"s": ""}, True)
rule_case("is-boolean", "IsBoolean", {"Variable": "$.b", "IsBoolean": True}, {"b": "true"}, False)
rule_case("is-timestamp", "IsTimestamp", {"Variable": "$.t", "IsTimestamp": True}, {"t": "2016-03-14T01:59:00Z"}, True)
rule_case("and-or-not-nested", "And/Or/Not nest",
          {"And": [{"Not": {"Variable": "$.type", "StringEquals": "Private"}},
                   {"Or": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                           {"Variable": "$.value", "NumericLessThan": 0}]}]},
          {"type": "Public", "value": 25}, True)
rule_case("context-variable", "A Variable can read the context object",
          {"Variable": "$$.State.Name", "StringEquals": "C"}, {}, True)
case("choice", "missing-variable", CHOICE, "A Variable that selects nothing fails with States.Runtime",
     choice_machine({"Variable": "$.missing", "StringEquals": "x"}), {"other": 1},
     failed("States.Runtime", "$.missing"))
case("choice", "no-choice-matched", CHOICE, "No rule matching and no Default fails with States.NoChoiceMatched",
     choice_machine({"Variable": "$.s", "StringEquals": "x"}, default=False), {"s": "y"},
     {"status": "FAILED", "error": "States.NoChoiceMatched"})
case("choice", "invalid-operand-type", CHOICE, "NumericEquals with a string operand is an invalid definition",
     choice_machine({"Variable": "$.n", "NumericEquals": "5"}), {}, invalid("NumericEquals"))
case("choice", "invalid-timestamp-literal", CHOICE, "A Timestamp operator needs an RFC 3339 timestamp",
     choice_machine({"Variable": "$.t", "TimestampEquals": "yesterday"}), {}, invalid("TimestampEquals"))
case("choice", "nested-next", CHOICE, "A nested rule must not have Next",
     choice_machine({"Not": {"Variable": "$.s", "StringEquals": "x", "Next": "Yes"}}), {}, invalid("Next"))
case("choice", "two-operators", CHOICE, "A comparison has exactly one operator",
     choice_machine({"Variable": "$.s", "StringEquals": "x", "StringLessThan": "y"}), {}, invalid("operator"))

# ---- paths and payload templates
case("paths", "parameters-spec-example", SPEC + "#payload-template",
     "Parameters: literals stay, .$ fields take path values and lose the suffix",
     pass_machine({"flagged": True, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}}),
     {"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]},
     ok({"flagged": True, "parts": {"first": 0, "last3": [30, 40, 50]}}))
case("paths", "parameters-missing-path", INPUTPATH,
     "A Parameters path that selects nothing fails the state with States.Runtime",
     pass_machine({"missing.$": "$.nope.deep"}), {"other": 1},
     failed("States.Runtime", "could not be found in the input"))
case("paths", "parameters-invalid-path", INPUTPATH, "A .$ field must hold a path or an intrinsic call",
     pass_machine({"bad.$": "nope"}), {}, invalid("bad.$"))
case("paths", "parameters-context", "https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html",
     "Parameters read the context object with $$",
     pass_machine({"state.$": "$$.State.Name", "input.$": "$$.Execution.Input.x"}), {"x": 1},
     ok({"state": "P", "input": 1}))
case("paths", "result-path-nested", RESULTPATH,
     "ResultPath $.a.b puts the result inside the input, creating objects",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"r": 1}, "ResultPath": "$.a.b", "End": True}}},
     {"x": 1}, ok({"x": 1, "a": {"b": {"r": 1}}}))
case("paths", "result-path-null", RESULTPATH + "#input-output-resultpath-null",
     "ResultPath null discards the result and passes the input through",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"r": 1}, "ResultPath": None, "End": True}}},
     {"x": 1}, ok({"x": 1}))
case("paths", "result-path-replace-field", RESULTPATH,
     "ResultPath onto an existing field replaces it",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "new", "ResultPath": "$.x", "End": True}}},
     {"x": "old", "y": 2}, ok({"x": "new", "y": 2}))
case("paths", "result-path-through-string", RESULTPATH,
     "ResultPath through a non-object fails with States.ResultPathMatchFailure",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.s.inner", "End": True}}},
     {"s": "text"}, {"status": "FAILED", "error": "States.ResultPathMatchFailure"})
case("paths", "result-path-not-reference", SPEC + "#ref-paths",
     "ResultPath must be a Reference Path: no wildcards",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.a[*]", "End": True}}},
     {}, invalid("ResultPath"))
case("paths", "input-path-selects", INPUTPATH, "InputPath selects part of the input",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.inner", "End": True}}},
     {"inner": {"a": 1}, "outer": 2}, ok({"a": 1}))
case("paths", "input-path-missing", INPUTPATH, "An InputPath that selects nothing fails with States.Runtime",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": True}}},
     {"a": 1}, failed("States.Runtime", "$.missing"))
case("paths", "output-path-selects", INPUTPATH, "OutputPath selects part of the output",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"keep": 1, "drop": 2}, "OutputPath": "$.keep", "End": True}}},
     {}, ok(1))
case("paths", "input-path-null", INPUTPATH, "InputPath null gives the state an empty object",
     {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": None, "End": True}}},
     {"a": 1}, ok({}))
case("paths", "bracket-notation", SPEC + "#path", "Paths accept bracket notation for keys with spaces",
     pass_machine({"v.$": "$['my key'][1]"}), {"my key": ["a", "b"]}, ok({"v": "b"}))
case("paths", "filter-expression", SPEC + "#path", "Parameters paths may be non-reference paths (filters)",
     pass_machine({"cheap.$": "$.items[?(@.price < 10)].name"}),
     {"items": [{"name": "a", "price": 5}, {"name": "b", "price": 50}]}, ok({"cheap": ["a"]}))
case("paths", "duplicate-field-after-strip", SPEC + "#payload-template",
     "A JSON object MUST NOT have duplicate field names after .$ suffixes are stripped",
     pass_machine({"a": 1, "a.$": "$.x"}), {"x": 2}, invalid("'a'"))
case("paths", "parameters-nested-arrays", SPEC + "#payload-template",
     "Templates are evaluated inside arrays too",
     pass_machine({"list": [{"id.$": "$.id"}, "literal"]}), {"id": 7}, ok({"list": [{"id": 7}, "literal"]}))

for (topic, name), body in sorted(cases.items()):
    folder = os.path.join(ROOT, topic)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(body, f, indent=2, ensure_ascii=False)
        f.write("\n")
counts = {}
for topic, _ in cases:
    counts[topic] = counts.get(topic, 0) + 1
print(counts, sum(counts.values()))

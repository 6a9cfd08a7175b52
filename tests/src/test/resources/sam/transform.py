"""Transforms a SAM template with AWS's own translator (aws-sam-translator), as CloudFormation's
AWS::Serverless-2016-10-31 transform does at deploy time, and prints the CloudFormation JSON.

Usage: python3 transform.py TEMPLATE [PARAMETERS_JSON]
Local CodeUri/DefinitionUri paths are replaced by S3 URIs first, as `sam package` does before a deploy.
Exit 0 with the JSON on stdout; exit 1 with the translator's errors on stderr."""
import json
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The translator asks IAM for managed policy ARNs only for names it does not know; none is used here."""

    def load(self):
        return {}


def packaged(template):
    globals_fn = template.get("Globals", {}).get("Function", {})
    if isinstance(globals_fn.get("CodeUri"), str):
        globals_fn["CodeUri"] = "s3://sqlup-artifacts/functions.jar"
    for logical_id, resource in template.get("Resources", {}).items():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str):
            props["CodeUri"] = "s3://sqlup-artifacts/functions.jar"
        if resource.get("Type") == "AWS::Serverless::StateMachine" and isinstance(props.get("DefinitionUri"), str):
            props["DefinitionUri"] = "s3://sqlup-artifacts/" + logical_id + ".asl.json"
    return template


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        template = packaged(yaml_parse(f.read()))
    parameters = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    try:
        out = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(cause.message, file=sys.stderr)
        sys.exit(1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

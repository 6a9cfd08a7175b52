"""Transforms template.yaml with AWS's SAM translator (aws-sam-translator, the library `sam deploy` and
CloudFormation's transform use) as `sam package` leaves it (code and definitions on S3), and prints the
resulting CloudFormation template as JSON. Usage: python3 translate.py template.yaml"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
template = yaml_parse(open(sys.argv[1]).read())
template["Globals"]["Function"]["CodeUri"] = "s3://bucket/sqlup-functions.jar"
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::StateMachine" and "DefinitionUri" in resource["Properties"]:
        resource["Properties"]["DefinitionUri"] = "s3://bucket/upgrade.asl.json"


class NoManagedPolicies:
    def load(self):
        return {}


print(json.dumps(transform(template, {}, NoManagedPolicies())))

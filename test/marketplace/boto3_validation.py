"""Validation as boto3 sees it, against HITdesk by endpoint_url only: psiTurk's reject with
RequesterFeedback='', and ValidationException parsed as a client error that is not retried
(legacy and standard retry modes). Prints one JSON line."""
import json
import os

import boto3
import botocore.config
import botocore.exceptions

QUESTION = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">'
    "<HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name='answer'></form></body></html>]]></HTMLContent>"
    "<FrameHeight>400</FrameHeight></HTMLQuestion>"
)


def client(mode):
    config = botocore.config.Config(retries={"mode": mode, "max_attempts": 4})
    return boto3.client("mturk", region_name="us-east-1", endpoint_url=os.environ["HITDESK_MTURK_ENDPOINT"], config=config)


def failure(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {
            "code": e.response["Error"]["Code"],
            "message": e.response["Error"]["Message"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "retries": e.response["ResponseMetadata"].get("RetryAttempts", 0),
        }
    return None


mturk = client("legacy")
result = {}

# psiTurk: worker reject -> reject_assignment(AssignmentId=..., RequesterFeedback='')
mturk.reject_assignment(AssignmentId=os.environ["ASSIGNMENT_ID"], RequesterFeedback="")
result["rejected_status"] = mturk.get_assignment(AssignmentId=os.environ["ASSIGNMENT_ID"])["Assignment"]["AssignmentStatus"]

hit = dict(Description="d", Reward="0.05", LifetimeInSeconds=3600, AssignmentDurationInSeconds=300, Question=QUESTION)
for mode in ("legacy", "standard"):
    result[f"nul_{mode}"] = failure(lambda: client(mode).create_hit(Title="a\x00b", **hit))
result["reward"] = failure(lambda: mturk.create_hit(Title="t", **{**hit, "Reward": "1.234"}))

print(json.dumps(result))

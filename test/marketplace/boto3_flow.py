"""The key MTurk flows through Debian's boto3, pointed at HITdesk by endpoint_url only.

Reads HITDESK_MTURK_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; prints one JSON line.
"""
import json
import os

import boto3
import botocore.exceptions

QUESTION = (
    '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">'
    "<HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name='answer'></form></body></html>]]></HTMLContent>"
    "<FrameHeight>400</FrameHeight></HTMLQuestion>"
)

mturk = boto3.client("mturk", region_name="us-east-1", endpoint_url=os.environ["HITDESK_MTURK_ENDPOINT"])
result = {"balance": mturk.get_account_balance()["AvailableBalance"], "created": []}

for i in range(7):
    hit = mturk.create_hit(
        Title=f"boto3 HIT {i}",
        Description="Created through boto3",
        Reward="0.10",
        MaxAssignments=2,
        LifetimeInSeconds=3600,
        AssignmentDurationInSeconds=300,
        Question=QUESTION,
    )["HIT"]
    result["created"].append(hit["HITId"])

listed, pages = [], 0
for page in mturk.get_paginator("list_hits").paginate(PaginationConfig={"PageSize": 3}):
    pages += 1
    listed += [h["HITId"] for h in page["HITs"]]
result["listed"], result["pages"] = listed, pages

try:
    mturk.get_hit(HITId="NOSUCHHIT000000000000000000000")
except botocore.exceptions.ClientError as e:
    result["error_code"] = e.response["Error"]["Code"]
    result["turk_error_code"] = e.response.get("TurkErrorCode")
    result["error_message"] = e.response["Error"]["Message"]
    result["is_request_error"] = isinstance(e, mturk.exceptions.RequestError)

print(json.dumps(result))

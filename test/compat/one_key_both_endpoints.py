"""One key pair, two endpoints, through Debian's boto3, as research tools call MTurk.

psiTurk's pattern (amt_services.MTurkServices.setup_mturk_connection): one key pair from its
config, the endpoint chosen by mode. Mephisto's live requester pattern: a boto3 session whose
client names no endpoint, so AWS_ENDPOINT_URL_MTURK decides.

Reads HITDESK_URL (the marketplace's base, ending before /api/mturk), HITDESK_KEY_ID and
HITDESK_SECRET; prints one JSON line.
"""
import json
import os

import boto3

BASE = os.environ["HITDESK_URL"]
KEY_ID = os.environ["HITDESK_KEY_ID"]
SECRET = os.environ["HITDESK_SECRET"]

QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://study.example.org/pub</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>"
)


def psiturk_client(mode):
    endpoint_url = BASE + ("/api/mturk/sandbox" if mode == "sandbox" else "/api/mturk/production")
    session = boto3.session.Session(region_name="us-east-1", aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET)
    return session.client("mturk", endpoint_url=endpoint_url)


result = {}
sandbox, live = psiturk_client("sandbox"), psiturk_client("live")
result["balances"] = [sandbox.get_account_balance()["AvailableBalance"], live.get_account_balance()["AvailableBalance"]]
hit_type = sandbox.create_hit_type(Title="psiTurk study", Description="A study on its own server", Reward="0.50", AssignmentDurationInSeconds=3600)
hit = sandbox.create_hit_with_hit_type(HITTypeId=hit_type["HITTypeId"], Question=QUESTION, LifetimeInSeconds=86400, MaxAssignments=2)["HIT"]
result["hit"] = hit["HITId"]
result["sandbox_lists"] = [h["HITId"] for p in sandbox.get_paginator("list_hits").paginate() for h in p["HITs"]]
result["live_lists"] = [h["HITId"] for p in live.get_paginator("list_hits").paginate() for h in p["HITs"]]

# Mephisto's live client: no endpoint in code; the environment variable points it here.
os.environ["AWS_ENDPOINT_URL_MTURK"] = BASE + "/api/mturk/sandbox"
os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"] = KEY_ID, SECRET
mephisto = boto3.Session(region_name="us-east-1").client("mturk")
result["env_endpoint"] = mephisto.meta.endpoint_url
result["env_sees_hit"] = mephisto.get_hit(HITId=hit["HITId"])["HIT"]["HITId"] == hit["HITId"]

print(json.dumps(result))

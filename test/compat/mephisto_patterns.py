"""Mephisto's MTurk call patterns, through Debian's boto3 (written for HITdesk, after reading
mephisto/abstractions/providers/mturk/mturk_utils.py; none of its code is copied).

Mephisto's live requester builds its client from a boto3 session and names no endpoint, so
AWS_ENDPOINT_URL_MTURK points it here. Phases (argv[1]):
  launch N      balance check as Mephisto does before launching, one HIT type, N HITs.
  outstanding   get_outstanding_hits: list_hits(MaxResults=100) and, while a page has HITs,
                read page["NextToken"] (a KeyError on a page with HITs but no token is the
                crash issue 12 describes) and ask for the next page; stop on an empty page.
  bonus A W     pay_bonus: balance check, send_bonus with a UniqueRequestToken, then the same
                call again (a retry) - MTurk refuses it naming the first request.
  cleanup       Mephisto's `mturk cleanup`: outstanding HITs, then expire_and_dispose_hits
                (delete_hit; on failure update_expiration_for_hit to 2015-01-01 and keep it),
                repeated while some remain, then outstanding again.
Prints one JSON line.
"""
import json
import sys
from datetime import datetime

import boto3
from botocore.exceptions import ClientError

QUESTION = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://study.example.org/mephisto</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>"
)

client = boto3.Session(region_name="us-east-1").client("mturk")
calls = []
client.meta.events.register("before-call.mturk", lambda model, **_: calls.append(model.name))


def outstanding():
    page = client.list_hits(MaxResults=100)
    hits = list(page["HITs"])
    pages = [len(page["HITs"])]
    while len(page["HITs"]) > 0:
        page = client.list_hits(MaxResults=100, NextToken=page["NextToken"])
        hits += page["HITs"]
        pages.append(len(page["HITs"]))
    by_type = {}
    for h in hits:
        by_type.setdefault(h["HITTypeId"], []).append(h)
    return hits, by_type, pages


def expire_and_dispose(hits):
    kept = []
    for h in hits:
        try:
            client.delete_hit(HITId=h["HITId"])
        except Exception:
            client.update_expiration_for_hit(HITId=h["HITId"], ExpireAt=datetime(2015, 1, 1))
            kept.append(h)
    return kept


phase = sys.argv[1]
result = {"endpoint": client.meta.endpoint_url}
if phase == "launch":
    result["balance"] = float(client.get_account_balance()["AvailableBalance"])
    hit_type = client.create_hit_type(
        Title="Mephisto task", Description="A Mephisto task run", Reward="0.25", AssignmentDurationInSeconds=1800, AutoApprovalDelayInSeconds=86400, Keywords="mephisto"
    )["HITTypeId"]
    result["hits"] = [
        client.create_hit_with_hit_type(HITTypeId=hit_type, MaxAssignments=1, LifetimeInSeconds=86400, Question=QUESTION, RequesterAnnotation="mephisto-run")["HIT"]["HITId"]
        for _ in range(int(sys.argv[2]))
    ]
elif phase == "outstanding":
    hits, by_type, pages = outstanding()
    result.update(hits=[h["HITId"] for h in hits], types={k: len(v) for k, v in by_type.items()}, pages=pages)
elif phase == "bonus":
    assignment_id, worker_id = sys.argv[2], sys.argv[3]
    result["balance_ok"] = float(client.get_account_balance()["AvailableBalance"]) >= 1.20
    token = "mephisto-bonus-" + assignment_id
    first = client.send_bonus(WorkerId=worker_id, BonusAmount="1.0", AssignmentId=assignment_id, Reason="Great work", UniqueRequestToken=token)
    result["first_request_id"] = first["ResponseMetadata"]["RequestId"]
    try:
        client.send_bonus(WorkerId=worker_id, BonusAmount="1.0", AssignmentId=assignment_id, Reason="Great work", UniqueRequestToken=token)
        result["retry"] = "succeeded"
    except ClientError as e:
        result["retry"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
    result["bonuses"] = len(client.list_bonus_payments(AssignmentId=assignment_id)["BonusPayments"])
elif phase == "cleanup":
    hits, _, _ = outstanding()
    result["found"] = len(hits)
    rounds = []
    remaining = hits
    while remaining and len(rounds) < 3:
        remaining = expire_and_dispose(remaining)
        rounds.append(len(remaining))
    result["rounds"] = rounds
    left, _, pages = outstanding()
    result.update(left=[h["HITId"] for h in left], pages=pages)
result["calls"] = calls
print(json.dumps(result))

"""psiTurk's MTurk call patterns, through Debian's boto3 (written for HITdesk, after reading
psiturk/amt_services.py of psiTurk 3; none of its code is copied).

psiTurk builds a boto3 session with the keys from its config and passes the endpoint itself,
chosen by mode; here that endpoint is HITdesk's. Phases (argv[1]):
  launch        check_balance, then create_hit: create_hit_type with psiTurk's qualification
                requirements, create_hit_with_hit_type with an ExternalQuestion ad URL.
  review H      get_all_hits (list_hits paginator), get_assignments (list_assignments_for_hit
                paginator, by status), approve_assignment (OverrideRejection=False),
                reject_assignment with RequesterFeedback='' (psiTurk sends an empty string),
                unreject (approve with OverrideRejection=True), bonus_assignment (send_bonus,
                no token), extend_hit (create_additional_assignments_for_hit, then
                update_expiration_for_hit), expire_hit, list_qualification_types paginator.
Reads HITDESK_URL, HITDESK_KEY_ID, HITDESK_SECRET, PSITURK_MODE. Prints one JSON line.
"""
import datetime
import json
import os
import sys

import boto3

BASE = os.environ["HITDESK_URL"]
MODE = os.environ.get("PSITURK_MODE", "sandbox")

session = boto3.session.Session(region_name="us-east-1", aws_access_key_id=os.environ["HITDESK_KEY_ID"], aws_secret_access_key=os.environ["HITDESK_SECRET"])
mtc = session.client("mturk", endpoint_url=BASE + ("/api/mturk/sandbox" if MODE == "sandbox" else "/api/mturk/production"))

# psiTurk's qualification IDs: approval rate, HITs approved, US locale, sandbox Masters.
QUALS = [
    {"QualificationTypeId": "000000000000000000L0", "Comparator": "GreaterThanOrEqualTo", "IntegerValues": [95]},
    {"QualificationTypeId": "00000000000000000040", "Comparator": "GreaterThanOrEqualTo", "IntegerValues": [0]},
    {"QualificationTypeId": "00000000000000000071", "Comparator": "EqualTo", "LocaleValues": [{"Country": "US"}]},
]
AD = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">'
    "<ExternalURL>https://study.example.org/pub/ad</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>"
)


def all_hits():
    return [h for page in mtc.get_paginator("list_hits").paginate() for h in page["HITs"]]


def assignments(hit_id, status=None):
    args = {"HITId": hit_id}
    if status:
        args["AssignmentStatuses"] = [status]
    return [a for page in mtc.get_paginator("list_assignments_for_hit").paginate(**args) for a in page["Assignments"]]


phase = sys.argv[1]
result = {}
if phase == "launch":
    result["balance"] = mtc.get_account_balance()["AvailableBalance"]
    hit_type = mtc.create_hit_type(
        Title="Stroop task", Description="Name the ink colour of words", Reward="1.0", AssignmentDurationInSeconds=3600, Keywords="psychology, stroop", QualificationRequirements=QUALS
    )
    hit = mtc.create_hit_with_hit_type(HITTypeId=hit_type["HITTypeId"], Question=AD, LifetimeInSeconds=86400, MaxAssignments=3)["HIT"]
    result["hit"] = hit["HITId"]
elif phase == "review":
    hit_id, approve_id, reject_id = sys.argv[2], sys.argv[3], sys.argv[4]
    result["listed"] = [h["HITId"] for h in all_hits()]
    result["submitted"] = sorted(a["AssignmentId"] for a in assignments(hit_id, "Submitted"))
    mtc.approve_assignment(AssignmentId=approve_id, OverrideRejection=False)
    mtc.reject_assignment(AssignmentId=reject_id, RequesterFeedback="")
    rejected = mtc.get_assignment(AssignmentId=reject_id)["Assignment"]
    result["rejected"] = {"status": rejected["AssignmentStatus"], "feedback": rejected.get("RequesterFeedback")}
    result["by_status"] = {s: len(assignments(hit_id, s)) for s in ("Submitted", "Approved", "Rejected")}
    mtc.approve_assignment(AssignmentId=reject_id, OverrideRejection=True)
    result["unrejected"] = mtc.get_assignment(AssignmentId=reject_id)["Assignment"]["AssignmentStatus"]
    worker = mtc.get_assignment(AssignmentId=approve_id)["Assignment"]["WorkerId"]
    mtc.send_bonus(WorkerId=worker, AssignmentId=approve_id, BonusAmount=str(0.5), Reason="Thanks for taking part")
    result["bonuses"] = [b["BonusAmount"] for b in mtc.list_bonus_payments(HITId=hit_id)["BonusPayments"]]
    mtc.create_additional_assignments_for_hit(HITId=hit_id, NumberOfAdditionalAssignments=2)
    hit = mtc.get_hit(HITId=hit_id)["HIT"]
    mtc.update_expiration_for_hit(HITId=hit_id, ExpireAt=hit["Expiration"] + datetime.timedelta(minutes=30))
    extended = mtc.get_hit(HITId=hit_id)["HIT"]
    result["extended"] = {"max": extended["MaxAssignments"], "minutes": round((extended["Expiration"] - hit["Expiration"]).total_seconds() / 60)}
    mtc.update_expiration_for_hit(HITId=hit_id, ExpireAt=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(-30))
    result["expired"] = mtc.get_hit(HITId=hit_id)["HIT"]["HITStatus"]
    result["qualification_types"] = sum(len(p["QualificationTypes"]) for p in mtc.get_paginator("list_qualification_types").paginate(MustBeRequestable=False, MustBeOwnedByCaller=True))
    result["balance"] = mtc.get_account_balance()["AvailableBalance"]
print(json.dumps(result, default=str))

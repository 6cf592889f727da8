#!/usr/bin/env python3
"""Writes a people x documents batch request:
    python3 bench/make-batch.py PEOPLE DOCUMENTS [distinct [OFFSET]] > batch.json
By default the people and documents repeat 4 roles and 5 documents, so the batch asks 20 questions again and again
(the answer cache answers nearly all of it). With 'distinct', every person's clearance has a review date of its
own and every document a creation date of its own, so no two pairs are the same question and no cache can help;
OFFSET (days) shifts those dates, so that two distinct batches do not share questions either."""
import datetime
import json
import sys

people_count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
document_count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
distinct = len(sys.argv) > 3 and sys.argv[3] == "distinct"
offset = int(sys.argv[4]) if len(sys.argv) > 4 else 0
roles = [("LA_CHIEF_EXECUTIVE", "LOCAL_AUTHORITY", "BPSS"), ("NEPO", "POLICE", "RV"), ("CTIO", "POLICE", "SC"),
         ("IAG_MEMBER", "COMMUNITY", "NONE")]
documents = [("SECRET", "CTLP_FULL"), ("OFFICIAL", "THREAT_BRIEFING"), ("RESTRICTED", "CTLP_PARTNER"),
             ("TOP_SECRET", "INTELLIGENCE_REPORT"), ("CONFIDENTIAL", "COMMUNITY_TENSION_ASSESSMENT")]


def day(start, n):
    return (start + datetime.timedelta(days=n + offset)).isoformat()


people = [{"id": f"p{i}", "roles": [roles[i % 4][0]], "organisation": roles[i % 4][1], "nationalities": ["GB"],
           "vetting": [{"level": roles[i % 4][2], "status": "VERIFIED",
                        "reviewDue": day(datetime.date(2030, 1, 1), i) if distinct else "2030-01-01"}]}
          for i in range(people_count)]
docs = [dict({"id": f"d{j}", "marking": documents[j % 5][0], "category": documents[j % 5][1], "owner": "POLICE"},
             **({"createdOn": day(datetime.date(2016, 1, 1), j)} if distinct else {}))
        for j in range(document_count)]
json.dump({"people": people, "documents": docs, "access": {"frequency": "REGULAR"}, "asOf": "2026-11-28"}, sys.stdout)

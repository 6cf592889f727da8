#!/usr/bin/env python3
"""Writes a people x documents batch request: python3 bench/make-batch.py PEOPLE DOCUMENTS > batch.json"""
import json
import sys

people_count, document_count = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (1000, 1000)
roles = [("LA_CHIEF_EXECUTIVE", "LOCAL_AUTHORITY", "BPSS"), ("NEPO", "POLICE", "RV"), ("CTIO", "POLICE", "SC"),
         ("IAG_MEMBER", "COMMUNITY", "NONE")]
documents = [("SECRET", "CTLP_FULL"), ("OFFICIAL", "THREAT_BRIEFING"), ("RESTRICTED", "CTLP_PARTNER"),
             ("TOP_SECRET", "INTELLIGENCE_REPORT"), ("CONFIDENTIAL", "COMMUNITY_TENSION_ASSESSMENT")]
people = [{"id": f"p{i}", "roles": [roles[i % 4][0]], "organisation": roles[i % 4][1], "nationalities": ["GB"],
           "vetting": [{"level": roles[i % 4][2], "status": "VERIFIED", "reviewDue": "2030-01-01"}]}
          for i in range(people_count)]
docs = [{"id": f"d{j}", "marking": documents[j % 5][0], "category": documents[j % 5][1], "owner": "POLICE"}
        for j in range(document_count)]
json.dump({"people": people, "documents": docs, "access": {"frequency": "REGULAR"}, "asOf": "2026-11-28"}, sys.stdout)

#!/usr/bin/env python3
"""Posts every example request to a running advisor and compares the answer with its *.response.json.

Usage: ADVISOR_API_KEY=... python3 examples/check.py [--write] [BASE_URL]      (default http://localhost:8080)

The key is sent as X-API-Key; it needs the scopes decide and assess (the bootstrap key has every scope).

The folder says the endpoint (decisions/, vetting-assessments/, roster/, and the AuthZEN access-evaluation/ and
access-evaluations/); a request is NAME.request.json or,
for rosters, NAME.request.csv. A response file holds {"status": ..., "body": ...}. Every field in "body" must be
in the answer with the same value; fields the file leaves out (ids, the rule-set version) may be anything.
Arrays must match element by element. Exits 1 when any example differs, and prints what differs.

--write replaces each successful (2xx) example's expected body by the answer the service gives now, leaving out what
changes on every call (ids, the rule-set version): for after a change of rules or wording. Read the diff before
committing it: every changed line is a changed answer.
"""
import json
import pathlib
import sys
import urllib.error
import urllib.request

import os

WRITE = "--write" in sys.argv[1:]
ARGS = [a for a in sys.argv[1:] if a != "--write"]
BASE = (ARGS[0] if ARGS else "http://localhost:8080").rstrip("/")
VOLATILE = {"decisionId", "assessmentId", "rosterId", "version"}
KEY = os.environ.get("ADVISOR_API_KEY", "")
HERE = pathlib.Path(__file__).resolve().parent
ENDPOINTS = {
    "decisions": "/api/v1/decisions",
    "vetting-assessments": "/api/v1/vetting-assessments",
    "roster": "/api/v1/vetting-assessments/roster",
    "access-evaluation": "/access/v1/evaluation",
    "access-evaluations": "/access/v1/evaluations",
}


def differences(expected, actual, path="body"):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {json.dumps(actual)}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found += differences(value, actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]
        found = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            found += differences(e, a, f"{path}[{i}]")
        return found
    return [] if expected == actual else [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]


def stable(body):
    """The answer without what changes on every call."""
    if isinstance(body, dict):
        return {k: stable(v) for k, v in body.items() if k not in VOLATILE}
    if isinstance(body, list):
        return [stable(v) for v in body]
    return body


def post(path, body, content_type):
    request = urllib.request.Request(f"{BASE}{path}", data=body,
                                     headers={"Content-Type": content_type, "Accept": "application/json",
                                              "X-API-Key": KEY})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def main():
    if not KEY:
        print("Set ADVISOR_API_KEY to a key with the scopes decide and assess (for example the bootstrap key).")
        return 2
    failed = 0
    requests = sorted(p for folder in ENDPOINTS for p in (HERE / folder).glob("*.request.*"))
    for request_file in requests:
        folder = request_file.parent.name
        stem = request_file.name.split(".request.")[0]
        name = f"{folder}/{stem}"
        expected = json.loads((request_file.parent / f"{stem}.response.json").read_text())
        content_type = "text/csv" if request_file.suffix == ".csv" else "application/json"
        try:
            status, body = post(ENDPOINTS[folder], request_file.read_bytes(), content_type)
        except (urllib.error.URLError, OSError) as error:
            print(f"cannot reach {BASE}: {error}. Start the service first (see README).")
            return 2
        if WRITE and 200 <= status < 300:
            expected = {"status": status, "body": stable(body)}
            (request_file.parent / f"{stem}.response.json").write_text(
                json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
        found = ([] if status == expected["status"] else [f"status: expected {expected['status']}, got {status}"])
        found += differences(expected["body"], body)
        if found:
            failed += 1
            print(f"MISMATCH {name}")
            for line in found:
                print(f"  {line}")
        else:
            print(f"ok       {name}")
    print(f"{len(requests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

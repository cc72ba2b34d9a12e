#!/usr/bin/env python3
"""Checks an akredit result without akredit: canonical JSON (RFC 8785) + Ed25519 (PyNaCl).

    python3 tests/verify_result.py RESULT.json [TRUSTED_PUBLIC_KEY_BASE64 ...]
Exit 0 when every signature over the payload holds (and each signer's key is a trusted
one, if any are given). A result of one expert (akredit-result/1) has one signature; a
co-signed one (akredit-result/2) has one per member of the expert group who signed, each
checked against the team the payload records.
"""
import base64, json, sys
from nacl.signing import VerifyKey
from nacl.exceptions import BadSignatureError

raw = open(sys.argv[1], "rb").read()
doc = json.loads(raw.decode("utf-8"))
trusted = [base64.b64decode(k) for k in sys.argv[2:]]
# The payload has only strings, integers, booleans, null, arrays and objects with ASCII
# keys, so sorted keys without whitespace are its RFC 8785 canonical form.
canonical = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
assert canonical(doc) == raw, "the file is not in canonical form"
payload = doc["payload"]
message = canonical(payload)


def check(key, value, who):
    if trusted:
        assert key in trusted, f"{who}: signed by a key that is not trusted"
    try:
        VerifyKey(key).verify(message, base64.b64decode(value))
    except BadSignatureError:
        sys.exit(f"BAD SIGNATURE ({who})")


if doc["format"] == "akredit-result/1":
    assert set(doc) == {"format", "payload", "signature"}, "not an akredit result"
    sig = doc["signature"]
    assert sig["algorithm"] == "ed25519"
    check(base64.b64decode(sig["public_key"]), sig["value"], payload["signer"])
    signed = "signature ok"
elif doc["format"] == "akredit-result/2":
    assert set(doc) == {"format", "payload", "signatures"}, "not an akredit result"
    team = {m["name"]: m for m in payload["team"]}
    sigs = doc["signatures"]
    assert sigs, "no signature"
    seen_names, seen_keys = set(), set()
    for i, sig in enumerate(sigs):
        assert set(sig) == {"name", "public_key", "role", "value"}, "a signature's fields"
        name, key = sig["name"], base64.b64decode(sig["public_key"])
        member = team.get(name)
        assert member is not None, f"{name} is not a member of the expert group"
        assert sig["role"] == member["role"], f"{name}: not the role the group records"
        assert i > 0 or member["role"] == "head", "the first signature is not the head's"
        if member["key"] is not None:
            assert key == base64.b64decode(member["key"]), f"{name}: not the key the group records"
        assert name not in seen_names and key not in seen_keys, f"{name} signed twice"
        seen_names.add(name)
        seen_keys.add(key)
        check(key, sig["value"], name)
    signed = f"{len(sigs)} of {len(team)} signatures ok"
else:
    sys.exit("not an akredit result")
totals = payload["totals"]["commission"]
print(f"{signed}: {totals['points']} points, {totals['percent']} %, category {totals['category']}")

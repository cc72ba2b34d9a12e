#!/usr/bin/env python3
"""Checks an akredit result without akredit: canonical JSON (RFC 8785) + Ed25519 (PyNaCl).

    python3 tests/verify_result.py RESULT.json [TRUSTED_PUBLIC_KEY_BASE64]
Exit 0 when the signature over the payload holds (and the signer is the trusted key, if given).
"""
import base64, json, sys
from nacl.signing import VerifyKey
from nacl.exceptions import BadSignatureError

raw = open(sys.argv[1], "rb").read()
doc = json.loads(raw.decode("utf-8"))
assert doc["format"] == "akredit-result/1", "not an akredit result"
# The payload has only strings, integers, booleans, null, arrays and objects with ASCII
# keys, so sorted keys without whitespace are its RFC 8785 canonical form.
canonical = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
assert canonical(doc) == raw, "the file is not in canonical form"
sig = doc["signature"]
assert sig["algorithm"] == "ed25519"
key = base64.b64decode(sig["public_key"])
if len(sys.argv) > 2:
    assert key == base64.b64decode(sys.argv[2]), "signed by another key"
try:
    VerifyKey(key).verify(canonical(doc["payload"]), base64.b64decode(sig["value"]))
except BadSignatureError:
    sys.exit("BAD SIGNATURE")
totals = doc["payload"]["totals"]["commission"]
print(f"signature ok: {totals['points']} points, {totals['percent']} %, category {totals['category']}")

#!/usr/bin/env python3
"""Independent HS256 check of the AuthContext snapshot envelope (SPEC section 8).

Standard library only, written from the format description rather than from
Gatehouse's code: base64url-decode the envelope, parse the JSON, check it has
exactly the schema's top-level keys, re-canonicalise it without "signature"
(keys sorted, no whitespace, ASCII with \\uXXXX escapes) and compare the HMAC.

  verify_hs256.py envelope <key-base64url> <envelope>   prints VALID or INVALID
  verify_hs256.py vectors <vector-file>                 checks every VALID case
"""
import base64
import hashlib
import hmac
import json
import sys

KEYS = {"correlation_id", "delegation_chain", "expires_at", "issued_at", "issuer", "roles",
        "schema_version", "scopes", "selected_claims", "signature", "subject", "tenant"}


def b64decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def verify(envelope, key):
    document = json.loads(b64decode(envelope).decode("utf-8"))
    if not isinstance(document, dict) or set(document) != KEYS:
        return False
    signature = document.pop("signature")
    if signature.get("algorithm") != "HS256":
        return False
    expected = hmac.new(key, canonical(document).encode("ascii"), hashlib.sha256).digest()
    return hmac.compare_digest(expected, b64decode(signature["signature"]))


def main(argv):
    if len(argv) == 4 and argv[1] == "envelope":
        valid = verify(argv[3], b64decode(argv[2]))
        print("VALID" if valid else "INVALID")
        return 0 if valid else 1
    if len(argv) == 3 and argv[1] == "vectors":
        with open(argv[2], encoding="utf-8") as file:
            vectors = json.load(file)
        key = b64decode(vectors["keyBase64Url"])
        checked = 0
        for case in vectors["cases"]:
            if case["expect"] == "VALID":
                if not verify(case["envelope"], key):
                    print("INVALID " + case["name"])
                    return 1
                checked += 1
        print("VALID %d" % checked)
        return 0 if checked > 0 else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

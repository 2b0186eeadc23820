"""Xero-shaped JWTs: access tokens and OpenID Connect id tokens, signed HS256.

Xero signs with RS256 and publishes its keys; clients are not meant to verify access tokens,
only to read claims such as `exp`, `xero_userid` or `authentication_event_id`. The sandbox signs
with a random key kept in its database (so a restarted sandbox still accepts its tokens) and
checks tokens by looking them up, as before: the signature only makes them real JWTs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid

from xerocli.sandbox.store import Store

ISSUER = "https://identity.xero.com"
ACCESS_AUDIENCE = "https://identity.xero.com/resources"
ID_TOKEN_TTL = 300
_KEY_META = "jwt_signing_key"
#: The demo user who owns every demo organisation (Xero's ids: `sub` hex, `xero_userid` a UUID).
USER = {
    "xero_userid": str(uuid.uuid5(uuid.NAMESPACE_URL, "xerocli-sandbox/user")),
    "sub": uuid.uuid5(uuid.NAMESPACE_URL, "xerocli-sandbox/sub").hex,
    "global_session_id": uuid.uuid5(uuid.NAMESPACE_URL, "xerocli-sandbox/session").hex,
    "preferred_username": "demo@sandbox.invalid",
    "email": "demo@sandbox.invalid",
    "given_name": "Demo",
    "family_name": "User",
    "name": "Demo User",
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def signing_key(store: Store) -> bytes:
    """The sandbox's HS256 key, made on first use and kept in its database."""
    found = store.get_meta(_KEY_META)
    if found is None:
        found = secrets.token_hex(32)
        store.set_meta(_KEY_META, found)
    return bytes.fromhex(found)


def encode(claims: dict, key: bytes) -> str:
    header = {"alg": "HS256", "typ": "JWT", "kid": hashlib.sha256(key).hexdigest()[:16]}
    signing_input = (
        _b64(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + _b64(json.dumps(claims, separators=(",", ":")).encode())
    )
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def decode(token: str, key: bytes) -> dict | None:
    """The claims of a token this sandbox signed, or None (for tests and the bearer check)."""
    try:
        head, body, signature = token.split(".")
        expected = hmac.new(key, f"{head}.{body}".encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(_b64(expected), signature):
            return None
        return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, UnicodeError):
        return None


def access_claims(
    client_id: str, grant_id: str, scope: str, now: float, ttl: float, *, user: bool
) -> dict:
    """Xero's access-token claims; a custom connection's token has no user in it."""
    issued = int(now)
    claims: dict = {
        "nbf": issued,
        "exp": int(now + ttl),
        "iss": ISSUER,
        "aud": ACCESS_AUDIENCE,
        "client_id": client_id,
    }
    if user:
        claims |= {
            "sub": USER["sub"],
            "auth_time": issued,
            "xero_userid": USER["xero_userid"],
            "global_session_id": USER["global_session_id"],
            "sid": USER["global_session_id"],
        }
    claims |= {
        "jti": secrets.token_hex(16).upper(),
        "authentication_event_id": grant_id,
        "scope": scope.split(),
        "amr": ["pwd"] if user else [],
    }
    return claims


def id_token_claims(
    client_id: str, access_token: str, now: float, nonce: str | None, scope: str
) -> dict:
    """The OpenID Connect id token for the demo user (`openid`; names with `profile`, the
    address with `email`)."""
    issued = int(now)
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    claims: dict = {
        "nbf": issued,
        "exp": issued + ID_TOKEN_TTL,
        "iss": ISSUER,
        "aud": client_id,
        "iat": issued,
        "at_hash": _b64(digest[:16]),
        "sid": USER["global_session_id"],
        "sub": USER["sub"],
        "auth_time": issued,
        "xero_userid": USER["xero_userid"],
        "global_session_id": USER["global_session_id"],
        "amr": ["pwd"],
    }
    if nonce:
        claims["nonce"] = nonce
    scopes = scope.split()
    if "email" in scopes:
        claims["preferred_username"] = USER["preferred_username"]
        claims["email"] = USER["email"]
    if "profile" in scopes:
        claims |= {k: USER[k] for k in ("given_name", "family_name", "name")}
    return claims

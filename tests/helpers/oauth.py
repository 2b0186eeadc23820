"""Plain-HTTP OAuth against a sandbox, playing the browser: for tests that need a token."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

from tests.helpers import loopback

REDIRECT_URI = "http://localhost:8749/callback"
#: The sandbox's demo PKCE app (the one `xero --sandbox` logs in with).
DEMO_PKCE_CLIENT_ID = "xerocli-sandbox"
ALL_SCOPES = (
    "offline_access accounting.transactions accounting.contacts accounting.settings"
    " accounting.journals.read paymentservices accounting.budgets.read"
)


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def register_app(base: str, client_id: str, kind: str = "pkce", **fields: object) -> dict:
    """Register an app with the sandbox, as a developer does at developer.xero.com (a PKCE app
    with the demo app's redirect URIs unless told otherwise). The demo apps are there already."""
    demo = {app["client_id"]: app for app in loopback.get(f"{base}/__sandbox/apps").json()}
    if client_id in demo and demo[client_id]["name"].startswith("Demo"):
        return demo[client_id]
    answer = loopback.post(
        f"{base}/__sandbox/apps", json={"client_id": client_id, "kind": kind, **fields}, timeout=10
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def authorize(
    base: str,
    client_id: str,
    challenge: str,
    scope: str = ALL_SCOPES,
    state: str = "st4te",
    **extra: str,
) -> dict[str, list[str]]:
    """Be the browser at the authorize endpoint, for an app registered first."""
    register_app(base, client_id)
    answer = loopback.get(
        f"{base}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": scope,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            **extra,
        },
    )
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["location"]).query)


def login(base: str, client_id: str = "test-app", scope: str = ALL_SCOPES) -> dict:
    verifier, challenge = pkce_pair()
    query = authorize(base, client_id, challenge, scope)
    answer = loopback.post(
        f"{base}/connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": client_id,
            "code": query["code"][0],
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def api_headers(token: dict | str, tenant_id: str | None = None) -> dict[str, str]:
    access = token if isinstance(token, str) else token["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    if tenant_id:
        headers["xero-tenant-id"] = tenant_id
    return headers

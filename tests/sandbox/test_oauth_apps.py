"""Registered apps, as at Xero (issue 13, departure 11): only known client ids log in, redirect
URIs match, a web app's secret is checked, tokens are JWTs with Xero's claims, `openid` adds an
id token, and refresh tokens unused for 60 days expire (the sandbox's clock moved, no waiting)."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.oauth import (
    DEMO_PKCE_CLIENT_ID,
    REDIRECT_URI,
    api_headers,
    pkce_pair,
    register_app,
)
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

DAY = 86400
SCOPE = "offline_access accounting.invoices.read"


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A sandbox of its own: these tests move its clock."""
    running = start_seeded(tmp_path_factory, "oauth-apps", 5)
    yield running
    running.stop()


@pytest.fixture
def base(box: RunningSandbox) -> Iterator[str]:
    yield box.url  # the clock only moves forward: each test logs in afresh at its "now"


def apps(base: str) -> dict[str, dict]:
    return {app["client_id"]: app for app in loopback.get(f"{base}/__sandbox/apps").json()}


def web_app(base: str) -> dict:
    return next(app for app in apps(base).values() if app["kind"] == "web")


def authorize(base: str, client_id: str, redirect_uri: str = REDIRECT_URI, **extra: str):
    return loopback.get(
        f"{base}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": SCOPE,
            "state": "s",
            **extra,
        },
    )


def code_from(answer: httpx.Response) -> str:
    assert answer.status_code == 302, answer.text
    query = dict(p.split("=", 1) for p in answer.headers["location"].split("?", 1)[1].split("&"))
    return query["code"]


def pkce_login(base: str, client_id: str = DEMO_PKCE_CLIENT_ID, **extra: str) -> dict:
    verifier, challenge = pkce_pair()
    answer = authorize(
        base, client_id, code_challenge=challenge, code_challenge_method="S256", **extra
    )
    token = loopback.post(
        f"{base}/connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": client_id,
            "code": code_from(answer),
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
    )
    assert token.status_code == 200, token.text
    return token.json()


def claims(jwt: str) -> tuple[dict, dict]:
    head, body, signature = jwt.split(".")
    assert signature

    def part(text: str) -> dict:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))

    return part(head), part(body)


def test_the_control_panel_lists_the_demo_apps(base: str) -> None:
    listed = apps(base)
    pkce = listed[DEMO_PKCE_CLIENT_ID]
    assert pkce["kind"] == "pkce" and pkce["client_secret"] is None
    assert "http://localhost:8749/callback" in pkce["redirect_uris"]
    web = web_app(base)
    assert web["client_secret"] and web["redirect_uris"]
    assert listed[DEMO_CLIENT_ID]["kind"] == "custom"
    assert listed[DEMO_CLIENT_ID]["client_secret"] == DEMO_CLIENT_SECRET


def test_an_unknown_client_id_is_invalid_client(base: str) -> None:
    stranger = f"stranger-{uuid.uuid4().hex[:8]}"
    page = authorize(base, stranger)
    assert page.status_code == 400 and "location" not in page.headers
    assert page.text.startswith("invalid_client")
    for form in (
        {"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI},
        {"grant_type": "refresh_token", "refresh_token": "x"},
        {"grant_type": "client_credentials"},
    ):
        answer = loopback.post(f"{base}/connect/token", data={**form, "client_id": stranger})
        assert (answer.status_code, answer.json()) == (400, {"error": "invalid_client"}), form


def test_redirect_uris_must_be_registered(base: str) -> None:
    _, challenge = pkce_pair()
    pkce = {"code_challenge": challenge, "code_challenge_method": "S256"}
    # The demo PKCE app: its registered URI, and the same loopback URI on any port (RFC 8252).
    assert authorize(base, DEMO_PKCE_CLIENT_ID, **pkce).status_code == 302
    any_port = authorize(base, DEMO_PKCE_CLIENT_ID, "http://localhost:51234/callback", **pkce)
    assert any_port.headers["location"].startswith("http://localhost:51234/callback?")
    for wrong in ("http://localhost:8749/elsewhere", "https://evil.example/callback"):
        refused = authorize(base, DEMO_PKCE_CLIENT_ID, wrong, **pkce)
        assert refused.status_code == 400 and "location" not in refused.headers, wrong
        assert "not registered" in refused.text
    # A web app's URIs match exactly, port included.
    web = web_app(base)
    assert authorize(base, web["client_id"], web["redirect_uris"][0]).status_code == 302
    other_port = web["redirect_uris"][0].replace("5000", "5001")
    assert authorize(base, web["client_id"], other_port).status_code == 400


def test_a_web_app_must_send_its_secret(base: str) -> None:
    web = web_app(base)
    uri = web["redirect_uris"][0]

    def exchange(**auth) -> httpx.Response:
        code = code_from(authorize(base, web["client_id"], uri, scope="openid " + SCOPE))
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": uri}
        return loopback.post(f"{base}/connect/token", data=form, **auth)

    no_secret = loopback.post(
        f"{base}/connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": web["client_id"],
            "code": code_from(authorize(base, web["client_id"], uri)),
            "redirect_uri": uri,
        },
    )
    assert (no_secret.status_code, no_secret.json()) == (400, {"error": "invalid_client"})
    wrong = exchange(auth=(web["client_id"], "not-the-secret"))
    assert (wrong.status_code, wrong.json()) == (400, {"error": "invalid_client"})
    good = exchange(auth=(web["client_id"], web["client_secret"]))
    assert good.status_code == 200, good.text
    refresh = {"grant_type": "refresh_token", "refresh_token": good.json()["refresh_token"]}
    bare = loopback.post(f"{base}/connect/token", data={**refresh, "client_id": web["client_id"]})
    assert bare.json() == {"error": "invalid_client"}
    rotated = loopback.post(
        f"{base}/connect/token", data=refresh, auth=(web["client_id"], web["client_secret"])
    )
    assert rotated.status_code == 200, rotated.text


def test_each_kind_of_app_only_has_its_own_grant(base: str) -> None:
    custom = authorize(base, DEMO_CLIENT_ID)
    assert custom.status_code == 400 and custom.text.startswith("unauthorized_client")
    pkce_cc = loopback.post(
        f"{base}/connect/token",
        data={"grant_type": "client_credentials", "client_id": DEMO_PKCE_CLIENT_ID},
    )
    assert pkce_cc.json() == {"error": "unauthorized_client"}


def test_access_tokens_are_jwts_with_xeros_claims_and_openid_adds_an_id_token(
    base: str, box
) -> None:
    token = pkce_login(base, scope="openid profile email " + SCOPE, nonce="n-0nce")
    header, access = claims(token["access_token"])
    assert header["alg"] == "HS256" and header["typ"] == "JWT"
    for claim in (
        "nbf",
        "exp",
        "iss",
        "aud",
        "client_id",
        "sub",
        "auth_time",
        "xero_userid",
        "global_session_id",
        "jti",
        "authentication_event_id",
        "scope",
    ):
        assert claim in access, claim
    assert access["iss"] == "https://identity.xero.com"
    assert access["aud"] == "https://identity.xero.com/resources"
    assert access["client_id"] == DEMO_PKCE_CLIENT_ID
    assert access["exp"] - access["nbf"] == token["expires_in"] == 1800
    assert set(access["scope"]) == set(token["scope"].split())
    uuid.UUID(access["xero_userid"])
    connections = loopback.get(f"{base}/connections", headers=api_headers(token)).json()
    assert {c["authEventId"] for c in connections} == {access["authentication_event_id"]}
    _, identity = claims(token["id_token"])
    assert identity["aud"] == DEMO_PKCE_CLIENT_ID and identity["iss"] == access["iss"]
    assert identity["nonce"] == "n-0nce" and identity["xero_userid"] == access["xero_userid"]
    assert identity["sub"] == access["sub"] and identity["email"] and identity["given_name"]
    tenant = box.tenants()[0]["tenant_id"]
    answer = loopback.get(f"{base}/api.xro/2.0/Invoices", headers=api_headers(token, tenant))
    assert answer.status_code == 200, "the JWT is the bearer token"
    assert "id_token" not in pkce_login(base), "no openid scope, no id token"
    second = pkce_login(base)
    assert second["access_token"] != token["access_token"]
    assert claims(second["access_token"])[1]["jti"] != access["jti"]


def test_a_refresh_token_unused_for_60_days_expires(base: str, box) -> None:
    fresh = pkce_login(base)["refresh_token"]
    stale = pkce_login(base)["refresh_token"]

    def refresh(token: str) -> httpx.Response:
        form = {"grant_type": "refresh_token", "refresh_token": token}
        return loopback.post(
            f"{base}/connect/token", data={**form, "client_id": DEMO_PKCE_CLIENT_ID}
        )

    box.advance_clock(59 * DAY)
    rotated = refresh(fresh)
    assert rotated.status_code == 200, "59 days unused is still alive"
    box.advance_clock(DAY + 60)  # 60 days and a minute since the stale one was issued
    dead = refresh(stale)
    assert (dead.status_code, dead.json()) == (400, {"error": "invalid_grant"})
    assert refresh(rotated.json()["refresh_token"]).status_code == 200, "a rotated one is new"


def test_registering_an_app_checks_what_it_is_sent(base: str) -> None:
    for sent, named in (
        ({"client_id": "x", "kind": "desktop"}, "kind"),
        ({"client_id": "x", "redirect_uris": ["http://evil.example/cb"]}, "redirect_uris"),
        ({"kind": "pkce"}, "client_id"),
        ({"client_id": DEMO_PKCE_CLIENT_ID}, "demo app"),
        ({"client_id": "x", "colour": "red"}, "colour"),
    ):
        answer = loopback.post(f"{base}/__sandbox/apps", json=sent)
        assert answer.status_code == 400 and named in answer.json()["error"], (sent, answer.text)
    made = register_app(base, f"mine-{uuid.uuid4().hex[:6]}", kind="web")
    assert made["client_secret"] and made["client_id"] in apps(base)

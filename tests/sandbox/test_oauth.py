"""The sandbox's OAuth 2.0 as Xero does it, over plain HTTP: consent, PKCE, rotation, client
credentials, revocation, connections, and the 401/403 answers of the API gateway."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.oauth import (
    REDIRECT_URI,
    api_headers,
    authorize,
    login,
    pkce_pair,
    register_app,
)
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from xerocli.sandbox.oauth import OAuth

XERO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$")
CONNECTION_KEYS = {
    "id",
    "authEventId",
    "tenantId",
    "tenantType",
    "tenantName",
    "createdDateUtc",
    "updatedDateUtc",
}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A small sandbox of its own: these tests turn token lifetimes and consent."""
    running = start_seeded(tmp_path_factory, "oauth", 5)
    yield running
    running.stop()


@pytest.fixture
def base(box: RunningSandbox) -> Iterator[str]:
    yield box.url
    box.configure(
        consent="allow",
        access_token_ttl=1800,
        refresh_grace_seconds=1800,
    )


def new_client() -> str:
    """Each test its own app, so logins and connections never mix between tests."""
    return f"app-{uuid.uuid4().hex[:12]}"


def token_call(base: str, **form: str) -> httpx.Response:
    return loopback.post(f"{base}/connect/token", data=form)


def refresh(base: str, client_id: str, refresh_token: str) -> httpx.Response:
    return token_call(
        base, grant_type="refresh_token", client_id=client_id, refresh_token=refresh_token
    )


def basic(client_id: str, secret: str) -> dict[str, str]:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def invoices(base: str, token: dict | str, tenant_id: str | None, **params) -> httpx.Response:
    return loopback.get(
        f"{base}/api.xro/2.0/Invoices", headers=api_headers(token, tenant_id), params=params
    )


# --- authorize ---------------------------------------------------------------------------------
def test_authorize_consents_and_redirects_with_code_and_the_same_state(base: str) -> None:
    _, challenge = pkce_pair()
    query = authorize(base, new_client(), challenge, state="xyz-42")
    assert query["state"] == ["xyz-42"]
    assert len(query["code"][0]) >= 20
    assert "error" not in query


@pytest.mark.parametrize("how", ["query", "config"])
def test_denied_consent_redirects_with_access_denied(base: str, box, how: str) -> None:
    _, challenge = pkce_pair()
    extra = {}
    if how == "query":
        extra["sandbox_consent"] = "deny"
    else:
        box.configure(consent="deny")
    query = authorize(base, new_client(), challenge, state="s1", **extra)
    assert query["error"] == ["access_denied"]
    assert query["state"] == ["s1"]
    assert "code" not in query


def test_authorize_refuses_a_plain_http_redirect_to_another_host(base: str) -> None:
    answer = loopback.get(
        f"{base}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": new_client(),
            "redirect_uri": "http://evil.example/callback",
            "scope": "accounting.transactions",
            "state": "s",
        },
    )
    assert answer.status_code == 400
    assert "location" not in answer.headers


# --- authorization code + PKCE -----------------------------------------------------------------
def test_pkce_code_exchange_gives_tokens_and_connects_every_demo_company(base: str, box) -> None:
    client = new_client()
    token = login(base, client)
    assert token["token_type"] == "Bearer"
    assert token["expires_in"] == 1800
    assert token["refresh_token"] and token["access_token"]
    connections = loopback.get(f"{base}/connections", headers=api_headers(token)).json()
    assert [c["tenantId"] for c in connections] == [t["tenant_id"] for t in box.tenants()]
    for connection in connections:
        assert set(connection) == CONNECTION_KEYS
        assert connection["tenantType"] == "ORGANISATION"
        assert XERO_STAMP.match(connection["createdDateUtc"]), connection
        assert XERO_STAMP.match(connection["updatedDateUtc"]), connection
        uuid.UUID(connection["id"])
        uuid.UUID(connection["authEventId"])


def test_pkce_wrong_verifier_is_invalid_grant_and_the_code_is_spent(base: str) -> None:
    client = new_client()
    verifier, challenge = pkce_pair()
    code = authorize(base, client, challenge)["code"][0]
    other_verifier, _ = pkce_pair()
    form = {
        "grant_type": "authorization_code",
        "client_id": client,
        "code": code,
        "redirect_uri": REDIRECT_URI,
    }
    wrong = token_call(base, **form, code_verifier=other_verifier)
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    # A code is single-use, even after a failed exchange.
    again = token_call(base, **form, code_verifier=verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_a_code_is_answered_once(base: str) -> None:
    client = new_client()
    verifier, challenge = pkce_pair()
    code = authorize(base, client, challenge)["code"][0]
    form = {
        "grant_type": "authorization_code",
        "client_id": client,
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier,
    }
    assert token_call(base, **form).status_code == 200
    replay = token_call(base, **form)
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_grant")


def test_a_second_login_of_the_same_app_keeps_the_first_working(base: str, box) -> None:
    client = new_client()
    tenant = box.tenants()[0]["tenant_id"]
    first = login(base, client)
    second = login(base, client)
    assert invoices(base, first, tenant).status_code == 200
    assert invoices(base, second, tenant).status_code == 200
    ids_first = {
        c["id"] for c in loopback.get(f"{base}/connections", headers=api_headers(first)).json()
    }
    listed = loopback.get(f"{base}/connections", headers=api_headers(second)).json()
    assert {c["id"] for c in listed} == ids_first  # re-consent keeps the connections
    event = listed[0]["authEventId"]
    filtered = loopback.get(
        f"{base}/connections", headers=api_headers(second), params={"authEventId": event}
    ).json()
    assert len(filtered) == len(listed)
    none = loopback.get(
        f"{base}/connections",
        headers=api_headers(second),
        params={"authEventId": str(uuid.uuid4())},
    ).json()
    assert none == []


# --- refresh token rotation --------------------------------------------------------------------
def test_refresh_rotates_and_a_used_token_gets_the_same_successor_within_grace(
    base: str, box
) -> None:
    client = new_client()
    tenant = box.tenants()[0]["tenant_id"]
    first = login(base, client)
    second = refresh(base, client, first["refresh_token"])
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert rotated["access_token"] != first["access_token"]
    third = refresh(base, client, rotated["refresh_token"]).json()
    assert third["refresh_token"] not in (first["refresh_token"], rotated["refresh_token"])
    # A lost answer: the used token is retried within the grace period.
    retry = refresh(base, client, first["refresh_token"])
    assert retry.status_code == 200
    assert retry.json()["refresh_token"] == rotated["refresh_token"]
    assert invoices(base, retry.json(), tenant).status_code == 200
    # After the grace period (30 minutes, as on Xero) the used token is dead.
    box.advance_clock(1801)
    late = refresh(base, client, first["refresh_token"])
    assert (late.status_code, late.json()) == (400, {"error": "invalid_grant"})
    # ... and the newest one still rotates.
    assert refresh(base, client, third["refresh_token"]).status_code == 200


def test_refresh_by_another_app_or_unknown_token_is_invalid_grant(base: str) -> None:
    client = new_client()
    token = login(base, client)
    thief = new_client()
    register_app(base, thief)
    stolen = refresh(base, thief, token["refresh_token"])
    assert (stolen.status_code, stolen.json()["error"]) == (400, "invalid_grant")
    unknown = refresh(base, client, "not-a-token")
    assert (unknown.status_code, unknown.json()["error"]) == (400, "invalid_grant")


def test_refresh_counts_in_stats(base: str, box) -> None:
    before = box.stats()["token_refreshes"]
    client = new_client()
    token = login(base, client)
    refresh(base, client, token["refresh_token"]).raise_for_status()
    assert box.stats()["token_refreshes"] == before + 1


# --- client credentials ------------------------------------------------------------------------
def test_client_credentials_give_a_token_for_one_tenant_and_no_refresh_token(
    base: str, box
) -> None:
    answer = loopback.post(
        f"{base}/connect/token",
        data={"grant_type": "client_credentials", "scope": "accounting.transactions"},
        headers=basic(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()
    assert "refresh_token" not in token
    assert token["scope"] == "accounting.transactions"
    connections = loopback.get(f"{base}/connections", headers=api_headers(token)).json()
    tenants = box.tenants()
    assert [c["tenantId"] for c in connections] == [tenants[0]["tenant_id"]]
    assert set(connections[0]) == CONNECTION_KEYS
    assert invoices(base, token, tenants[0]["tenant_id"]).status_code == 200
    assert invoices(base, token, tenants[1]["tenant_id"]).status_code == 403


@pytest.mark.parametrize(
    "client_id, secret", [(DEMO_CLIENT_ID, "wrong-secret"), ("someone-else", DEMO_CLIENT_SECRET)]
)
def test_client_credentials_with_a_bad_secret_is_invalid_client(
    base: str, client_id: str, secret: str
) -> None:
    answer = loopback.post(
        f"{base}/connect/token",
        data={"grant_type": "client_credentials"},
        headers=basic(client_id, secret),
    )
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_client"}
    assert "access_token" not in answer.text


# --- revocation and connections ----------------------------------------------------------------
def test_revocation_kills_the_refresh_token_its_access_tokens_and_connections(
    base: str, box
) -> None:
    client = new_client()
    tenant = box.tenants()[0]["tenant_id"]
    token = login(base, client)
    rotated = refresh(base, client, token["refresh_token"]).json()
    before = loopback.get(f"{base}/connections", headers=api_headers(rotated)).json()
    assert len(before) == 2
    answer = loopback.post(
        f"{base}/connect/revocation", data={"token": rotated["refresh_token"], "client_id": client}
    )
    assert answer.status_code == 200
    for used in (token["refresh_token"], rotated["refresh_token"]):
        dead = refresh(base, client, used)
        assert (dead.status_code, dead.json()["error"]) == (400, "invalid_grant")
    assert invoices(base, rotated, tenant).status_code == 401
    assert loopback.get(f"{base}/connections", headers=api_headers(rotated)).status_code == 401
    # The connections are gone: logging in again makes new ones.
    again = login(base, client)
    after = loopback.get(f"{base}/connections", headers=api_headers(again)).json()
    assert len(after) == 2
    assert not {c["id"] for c in after} & {c["id"] for c in before}


def test_delete_connection_answers_204_then_404_and_closes_the_tenant(base: str, box) -> None:
    client = new_client()
    token = login(base, client)
    connections = loopback.get(f"{base}/connections", headers=api_headers(token)).json()
    gone = connections[0]
    answer = loopback.delete(f"{base}/connections/{gone['id']}", headers=api_headers(token))
    assert answer.status_code == 204
    assert answer.content == b""
    again = loopback.delete(f"{base}/connections/{gone['id']}", headers=api_headers(token))
    assert again.status_code == 404
    left = loopback.get(f"{base}/connections", headers=api_headers(token)).json()
    assert [c["id"] for c in left] == [c["id"] for c in connections[1:]]
    assert invoices(base, token, gone["tenantId"]).status_code == 403
    assert invoices(base, token, connections[1]["tenantId"]).status_code == 200


def test_another_app_cannot_delete_my_connection(base: str) -> None:
    mine = login(base, new_client())
    theirs = login(base, new_client())
    connection = loopback.get(f"{base}/connections", headers=api_headers(mine)).json()[0]
    answer = loopback.delete(f"{base}/connections/{connection['id']}", headers=api_headers(theirs))
    assert answer.status_code == 404


# --- the API gateway: 401 and 403 --------------------------------------------------------------
def test_expired_token_is_401_with_xeros_body(base: str, box) -> None:
    box.configure(access_token_ttl=600)
    tenant = box.tenants()[0]["tenant_id"]
    token = login(base, new_client())
    assert token["expires_in"] == 600
    assert invoices(base, token, tenant).status_code == 200
    box.advance_clock(601)  # past its life, however long the test itself took
    answer = invoices(base, token, tenant)
    assert answer.status_code == 401
    body = answer.json()
    assert set(body) == {"Type", "Title", "Status", "Detail", "Instance", "Extensions"}
    assert body["Type"] is None and body["Extensions"] == {}
    uuid.UUID(body["Instance"])
    assert (body["Title"], body["Status"]) == ("Unauthorized", 401)
    assert re.match(
        r"^TokenExpired: token expired at \d\d/\d\d/\d{4} \d\d:\d\d:\d\d$", body["Detail"]
    ), body


def test_unknown_or_missing_token_is_401_authentication_unsuccessful(base: str, box) -> None:
    tenant = box.tenants()[0]["tenant_id"]
    for headers in ({"Authorization": "Bearer nope", "xero-tenant-id": tenant}, {}):
        answer = loopback.get(f"{base}/api.xro/2.0/Invoices", headers=headers)
        assert answer.status_code == 401
        body = answer.json()
        uuid.UUID(body.pop("Instance"))
        assert body == {
            "Type": None,
            "Title": "Unauthorized",
            "Status": 401,
            "Detail": "AuthenticationUnsuccessful",
            "Extensions": {},
        }


def test_missing_or_unconnected_tenant_is_403(base: str) -> None:
    token = login(base, new_client())
    forbidden = {
        "Type": None,
        "Title": "Forbidden",
        "Status": 403,
        "Detail": "AuthenticationUnsuccessful",
        "Extensions": {},
    }
    for tenant in (None, str(uuid.uuid4())):
        answer = invoices(base, token, tenant)
        assert answer.status_code == 403
        body = answer.json()
        uuid.UUID(body.pop("Instance"))
        assert body == forbidden


@pytest.mark.parametrize(
    "scope, allowed, refused",
    [
        (
            "accounting.transactions.read",
            ["Invoices", "Payments", "BankTransactions"],
            ["Contacts"],
        ),
        ("accounting.invoices.read", ["Invoices", "CreditNotes", "Items"], ["Payments"]),
        ("accounting.payments", ["Payments"], ["Invoices", "BankTransactions"]),
        ("accounting.banktransactions.read", ["BankTransactions"], ["Invoices", "Payments"]),
        ("accounting.contacts.read", ["Contacts"], ["Invoices", "Accounts"]),
    ],
)
def test_scopes_open_their_collections_for_reading(
    base: str, box, scope: str, allowed: list[str], refused: list[str]
) -> None:
    tenant = box.tenants()[0]["tenant_id"]
    token = login(base, new_client(), scope=f"offline_access {scope}")
    for collection in allowed:
        answer = loopback.get(
            f"{base}/api.xro/2.0/{collection}", headers=api_headers(token, tenant)
        )
        assert answer.status_code == 200, (collection, answer.text)
    for collection in refused:
        answer = loopback.get(
            f"{base}/api.xro/2.0/{collection}", headers=api_headers(token, tenant)
        )
        assert answer.status_code == 401, collection  # Xero's answer to a missing scope
        assert answer.json()["Detail"] == "AuthorizationUnsuccessful"


def test_writes_need_the_full_scope_not_its_read_variant() -> None:
    allows = OAuth.scope_allows
    for legacy, granular in (
        ("accounting.transactions", "accounting.invoices"),
        ("accounting.transactions", "accounting.payments"),
        ("accounting.transactions", "accounting.banktransactions"),
    ):
        collection = {
            "accounting.invoices": "Invoices",
            "accounting.payments": "Payments",
            "accounting.banktransactions": "BankTransactions",
        }[granular]
        for scope in (legacy, granular):
            assert allows({scope}, collection, write=True)
            assert allows({scope}, collection, write=False)
            assert allows({f"{scope}.read"}, collection, write=False)
            assert not allows({f"{scope}.read"}, collection, write=True)
    assert not allows({"accounting.contacts"}, "Invoices", write=False)


def test_unknown_scope_redirects_with_invalid_scope(base: str) -> None:
    _, challenge = pkce_pair()
    query = authorize(base, new_client(), challenge, scope="accounting.everything")
    assert query["error"] == ["invalid_scope"]


def test_redirect_keeps_the_redirect_uris_own_query(base: str) -> None:
    _, challenge = pkce_pair()
    client = new_client()
    register_app(base, client, redirect_uris=["http://127.0.0.1:8749/cb?x=1"])
    answer = loopback.get(
        f"{base}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": client,
            "redirect_uri": "http://127.0.0.1:8749/cb?x=1",
            "scope": "accounting.transactions",
            "state": "s",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    location = urlsplit(answer.headers["location"])
    query = parse_qs(location.query)
    assert query["x"] == ["1"] and query["state"] == ["s"] and query["code"]

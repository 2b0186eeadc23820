"""The client asks its token source on every attempt, after the rate limiter's wait, and
answers a 401 with one refresh per request.

Driven against the real sandbox over loopback, with the real token source of a custom
connection (`ClientCredentialsTokens`) and the real shared limiter: the sandbox's admin panel
kills tokens (`expire-tokens`) and turns 503s on and off at the moments the test chooses (on
a refresh, during a backoff), so a precise 401, 503, 401, 200 sequence needs no fake HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli import errors
from xerocli.api.client import RetryPolicy, XeroClient
from xerocli.api.limiter import SharedLimiter
from xerocli.api.tokens import ClientCredentialsTokens
from xerocli.config import Endpoints
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "tokens", 3)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def calm(box: RunningSandbox) -> Iterator[None]:
    box.configure(unavailable_rate=0, error_rate=0)
    box.reset_stats()
    yield
    box.configure(unavailable_rate=0, error_rate=0)


class WatchedTokens(ClientCredentialsTokens):
    """The custom connection's real token source, which runs `on_refresh` after each refresh
    (the moment the test turns the sandbox's next answer) and remembers the tokens it got."""

    def __init__(self, box: RunningSandbox) -> None:
        super().__init__(Endpoints.for_base(box.url), DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
        self.on_refresh: Callable[[], None] = lambda: None
        self.issued: list[str] = []
        self.refreshes = 0

    def _fetch(self) -> str:
        token = super()._fetch()
        self.issued.append(token)
        return token

    def refreshed_token(self, rejected: str) -> str:
        self.refreshes += 1
        token = super().refreshed_token(rejected)
        self.on_refresh()
        return token


def client_for(box: RunningSandbox, tokens: WatchedTokens, tmp_path: Path) -> XeroClient:
    tenant = box.tenants()[0]["tenant_id"]  # the custom connection's organisation
    return XeroClient(
        Endpoints.for_base(box.url),
        tokens,
        tenant,
        retry=RetryPolicy(attempts=6, base_delay=0.01),
        limiter=SharedLimiter(tmp_path / "ratelimit.sqlite"),
    )


def test_a_rejected_token_is_refreshed_once_and_the_retry_uses_the_new_one(box, tmp_path) -> None:
    tokens = WatchedTokens(box)
    client = client_for(box, tokens, tmp_path)
    first = tokens.access_token()
    box.expire_tokens()  # 401: the first token is dead before the call

    def after_first_refresh() -> None:
        box.configure(unavailable_rate=1)  # the retry with the new token meets a 503
        tokens.on_refresh = lambda: None

    def during_backoff(_seconds: float) -> None:
        box.configure(unavailable_rate=0)

    tokens.on_refresh = after_first_refresh
    client.sleep = during_backoff
    box.reset_stats()
    answer = client.request("GET", "Invoices")
    assert answer.status == 200
    assert tokens.refreshes == 1
    assert first == tokens.issued[0] and len(set(tokens.issued)) == 2
    stats = box.stats()
    assert stats["api_calls"] == 3
    assert {k: stats["by_status"].get(k) for k in ("401", "503")} == {"401": 1, "503": 1}
    # Every slot taken from the shared limiter was given back.
    assert client.limiter.snapshot(client.tenant_id).in_flight == 0
    client.close()


def test_a_request_refreshes_at_most_once(box, tmp_path) -> None:
    """A refreshed token refused again within one request is a login problem, not a reason to
    loop (issue: refresh at most once per request)."""
    tokens = WatchedTokens(box)
    client = client_for(box, tokens, tmp_path)
    tokens.access_token()
    box.expire_tokens()

    def after_first_refresh() -> None:
        box.configure(unavailable_rate=1)
        tokens.on_refresh = lambda: None

    def during_backoff(_seconds: float) -> None:
        box.configure(unavailable_rate=0)
        box.expire_tokens()  # the second token died while the client waited

    tokens.on_refresh = after_first_refresh
    client.sleep = during_backoff
    box.reset_stats()
    with pytest.raises(errors.AuthError):
        client.request("GET", "Invoices")
    assert tokens.refreshes == 1
    stats = box.stats()
    assert {k: stats["by_status"].get(k) for k in ("401", "503")} == {"401": 2, "503": 1}
    assert client.limiter.snapshot(client.tenant_id).in_flight == 0
    client.close()


def test_a_retry_after_a_backoff_uses_the_token_source_s_current_token(box, tmp_path) -> None:
    """Another process refreshed while this one waited: the retry takes the new token from the
    source, so it is not refused for the old one (no 401, no refresh of its own)."""
    tokens = WatchedTokens(box)
    client = client_for(box, tokens, tmp_path)
    tokens.access_token()
    box.configure(unavailable_rate=1)

    def renewed_elsewhere(_seconds: float) -> None:
        box.configure(unavailable_rate=0)
        box.expire_tokens()
        tokens._fetch()  # what a concurrent refresh leaves in the source

    client.sleep = renewed_elsewhere
    box.reset_stats()
    answer = client.request("GET", "Invoices")
    assert answer.status == 200
    stats = box.stats()
    assert (stats["api_calls"], stats["by_status"].get("401")) == (2, None), stats
    assert tokens.refreshes == 0
    client.close()


def test_a_login_xero_keeps_refusing_fails_instead_of_looping(box, tmp_path) -> None:
    tokens = WatchedTokens(box)
    client = client_for(box, tokens, tmp_path)
    tokens.access_token()
    box.expire_tokens()
    tokens.on_refresh = box.expire_tokens  # every new token is dead on arrival
    box.reset_stats()
    with pytest.raises(errors.AuthError):
        client.request("GET", "Invoices")
    stats = box.stats()
    assert stats["by_status"].get("401") == stats["api_calls"] == 2  # the first try + 1
    assert tokens.refreshes == 1
    assert client.limiter.snapshot(client.tenant_id).in_flight == 0
    client.close()

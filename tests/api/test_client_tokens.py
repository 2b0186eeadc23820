"""The client asks its token source on every attempt, after the rate limiter's wait, and
answers a 401 with one refresh per request.

A precise 401, 503, 401, 200 sequence is something the sandbox cannot be made to answer on
cue (its faults are random), so this one test drives the client through httpx's
MockTransport; tests/reliability/test_token_expiry.py covers the same path end to end.
"""

from __future__ import annotations

import httpx
import pytest

from xerocli import errors
from xerocli.api.client import XeroClient
from xerocli.config import Endpoints


class RotatingTokens:
    """A token source whose tokens die when the fake Xero says so."""

    def __init__(self) -> None:
        self.current = "token-1"
        self.refreshes = 0

    def access_token(self) -> str:
        return self.current

    def refreshed_token(self, rejected: str) -> str:
        if rejected == self.current:
            self.refreshes += 1
            self.current = f"token-{self.refreshes + 1}"
        return self.current


def client_answering(statuses: list[int], tokens: RotatingTokens, seen: list[str]) -> XeroClient:
    answers = iter(statuses)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"].removeprefix("Bearer "))
        status = next(answers)
        if status == 200:
            return httpx.Response(200, json={"Invoices": []})
        return httpx.Response(status, text="no")

    client = XeroClient(
        Endpoints.for_base("http://127.0.0.1:9"), tokens, "tenant", sleep=lambda _: None
    )
    client.http = httpx.Client(transport=httpx.MockTransport(handle))
    return client


def test_a_rejected_token_is_refreshed_once_and_the_retry_uses_the_new_one() -> None:
    tokens, seen = RotatingTokens(), []
    client = client_answering([401, 503, 200], tokens, seen)
    answer = client.request("GET", "Invoices")
    assert answer.status == 200
    assert seen == ["token-1", "token-2", "token-2"]
    assert tokens.refreshes == 1


def test_a_request_refreshes_at_most_once() -> None:
    """A refreshed token that is refused again is a login problem, not a reason to loop."""
    tokens, seen = RotatingTokens(), []
    client = client_answering([401, 503, 401, 200], tokens, seen)
    with pytest.raises(errors.AuthError):
        client.request("GET", "Invoices")
    assert seen == ["token-1", "token-2", "token-2"]
    assert tokens.refreshes == 1


class SlowLimiter:
    """A limiter whose wait outlasts the token: the token source renews it meanwhile."""

    def __init__(self, tokens: RotatingTokens) -> None:
        self.tokens = tokens

    def acquire(self, tenant_id: str) -> object:
        self.tokens.current = self.tokens.current + "-renewed-during-the-wait"
        return object()

    def release(self, lease: object, headers: object) -> None:
        pass


def test_the_token_is_taken_after_the_rate_limiter_s_wait() -> None:
    tokens, seen = RotatingTokens(), []
    client = client_answering([200], tokens, seen)
    client.limiter = SlowLimiter(tokens)
    client.request("GET", "Invoices")
    assert seen == ["token-1-renewed-during-the-wait"]


def test_a_retry_after_a_backoff_uses_the_token_source_s_current_token() -> None:
    tokens, seen = RotatingTokens(), []
    client = client_answering([503, 200], tokens, seen)
    client.sleep = lambda _: setattr(tokens, "current", "renewed-while-waiting")
    client.request("GET", "Invoices")
    assert seen == ["token-1", "renewed-while-waiting"]


def test_a_login_xero_keeps_refusing_fails_instead_of_looping() -> None:
    tokens, seen = RotatingTokens(), []
    client = client_answering([401] * 10, tokens, seen)
    with pytest.raises(errors.AuthError):
        client.request("GET", "Invoices")
    assert len(seen) == 2  # the first try and one refresh

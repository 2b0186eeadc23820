"""Xero's rate limits in the sandbox: minute, concurrent, day and app-minute, with short
"minutes" and small limits so each is hit in seconds; and the control panel that sets them."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.oauth import api_headers, authorize, login, pkce_pair
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

BUDGET_HEADERS = ("X-MinLimit-Remaining", "X-DayLimit-Remaining", "X-AppMinLimit-Remaining")
DEFAULTS = {
    "minute_seconds": 60,
    "minute_limit": 60,
    "concurrent_limit": 5,
    "day_limit": 5000,
    "app_minute_limit": 10000,
    "latency_ms": 0,
}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "limits", 5)
    yield running
    running.stop()


@pytest.fixture
def app(box: RunningSandbox) -> Iterator[tuple[dict, list[str]]]:
    """A fresh app's token and the two tenant ids, with the limits put back afterwards."""
    token = login(box.url, f"app-{uuid.uuid4().hex[:12]}")
    yield token, [t["tenant_id"] for t in box.tenants()]
    box.configure(**DEFAULTS)
    box.reset_stats()


def call(box: RunningSandbox, token: dict, tenant: str, path: str = "Invoices") -> httpx.Response:
    return loopback.get(
        f"{box.url}/api.xro/2.0/{path}", headers=api_headers(token, tenant), timeout=30
    )


def assert_refused(answer: httpx.Response, problem: str) -> int:
    assert answer.status_code == 429, answer.text
    assert answer.headers["X-Rate-Limit-Problem"] == problem
    retry_after = answer.headers["Retry-After"]
    assert retry_after.isdigit(), retry_after
    for name in BUDGET_HEADERS:
        assert answer.headers[name].isdigit()
    assert answer.json()["Status"] == 429
    return int(retry_after)


def test_budget_headers_on_every_answer_and_counting_down(box, app) -> None:
    token, tenants = app
    box.configure(minute_limit=50, day_limit=400, app_minute_limit=900)
    answers = [
        call(box, token, tenants[0]),
        call(box, token, tenants[0], "Invoices/INV-0001"),
        call(box, token, tenants[0], "Invoices/no-such-invoice"),  # 404
        call(box, token, tenants[0], "Invoices?where=Nonsense%20%3D%3D"),  # 400
        call(box, token, tenants[1], "Contacts"),
    ]
    assert [a.status_code for a in answers] == [200, 200, 404, 400, 200]
    for answer in answers:
        for name in BUDGET_HEADERS:
            assert name in answer.headers, (answer.status_code, name)
    minute = [int(a.headers["X-MinLimit-Remaining"]) for a in answers]
    day = [int(a.headers["X-DayLimit-Remaining"]) for a in answers]
    app_minute = [int(a.headers["X-AppMinLimit-Remaining"]) for a in answers]
    assert minute == [49, 48, 47, 46, 49]  # per tenant
    assert day == [399, 398, 397, 396, 399]
    assert app_minute == [899, 898, 897, 896, 895]  # per app, across tenants


def test_minute_limit(box, app) -> None:
    token, tenants = app
    box.configure(minute_limit=3)
    for _ in range(3):
        assert call(box, token, tenants[0]).status_code == 200
    refused = call(box, token, tenants[0])
    retry_after = assert_refused(refused, "minute")
    assert 1 <= retry_after <= 60
    assert refused.headers["X-MinLimit-Remaining"] == "0"
    # Another tenant of the same app, and another app on this tenant, have their own budgets.
    assert call(box, token, tenants[1]).status_code == 200
    other = login(box.url, f"app-{uuid.uuid4().hex[:12]}")
    assert call(box, other, tenants[0]).status_code == 200
    # Refused calls are not counted: after Retry-After the oldest call has left the window,
    # and a minute on the whole budget is back.
    box.advance_clock(retry_after)
    assert call(box, token, tenants[0]).status_code == 200
    box.advance_clock(60)
    again = call(box, token, tenants[0])
    assert again.status_code == 200
    assert again.headers["X-MinLimit-Remaining"] == "2"
    assert box.stats()["rate_limited"]["minute"] == 1


def test_day_limit(box, app) -> None:
    token, tenants = app
    box.configure(day_limit=3)
    for _ in range(3):
        assert call(box, token, tenants[0]).status_code == 200
    refused = call(box, token, tenants[0])
    retry_after = assert_refused(refused, "day")
    day = 60 * 1440
    assert day - 60 <= retry_after <= day  # hours: the CLI must not sleep it
    assert refused.headers["X-DayLimit-Remaining"] == "0"
    assert call(box, token, tenants[1]).status_code == 200
    assert box.stats()["rate_limited"]["day"] == 1


def test_app_minute_limit_spans_tenants(box, app) -> None:
    token, tenants = app
    box.configure(app_minute_limit=3)
    assert call(box, token, tenants[0]).status_code == 200
    assert call(box, token, tenants[1]).status_code == 200
    last = call(box, token, tenants[0])
    assert last.status_code == 200
    assert last.headers["X-AppMinLimit-Remaining"] == "0"
    assert last.headers["X-MinLimit-Remaining"] == "58"  # the tenant's own budget is fine
    retry_after = assert_refused(call(box, token, tenants[1]), "appminute")
    assert 1 <= retry_after <= 60
    # Another app is not held back by this one.
    other = login(box.url, f"app-{uuid.uuid4().hex[:12]}")
    assert call(box, other, tenants[1]).status_code == 200
    assert box.stats()["rate_limited"]["appminute"] == 1


def test_concurrent_limit_with_the_threaded_server(box, app) -> None:
    """Eight calls at once: five get their slot and are held there (`hold_calls`), three are
    refused. No latency to outlast: the sandbox says when five are held and three refused."""
    token, tenants = app
    box.configure(hold_calls=True, concurrent_limit=5)
    box.reset_stats()
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def one() -> None:
        with loopback.client(timeout=60) as client:
            answer = client.get(
                f"{box.url}/api.xro/2.0/Invoices", headers=api_headers(token, tenants[0])
            )
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=one) for _ in range(8)]
    try:
        for thread in threads:
            thread.start()
        _until(lambda s: s["held"] == 5 and s["rate_limited"].get("concurrent") == 3, box)
    finally:
        box.configure(hold_calls=False)
        for thread in threads:
            thread.join()
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 5 + [429] * 3, statuses
    for answer in answers:
        if answer.status_code == 429:
            assert assert_refused(answer, "concurrent") == 1
    assert box.stats()["held"] == 0
    # Slots are given back: once the calls are done, the next one passes.
    assert call(box, token, tenants[0]).status_code == 200


def _until(condition, box, patience: float = 60.0) -> None:
    """Poll the sandbox's stats until `condition` holds (`patience` only guards a hang)."""
    deadline = time.monotonic() + patience
    while not condition(stats := box.stats()):
        assert time.monotonic() < deadline, stats
        time.sleep(0.01)


def test_config_rejects_unknown_keys_and_bad_values(box) -> None:
    url = f"{box.url}/__sandbox/config"
    for body, word in (
        ({"minute_limt": 5}, "minute_limt"),
        ({"minute_limit": "five"}, "minute_limit"),
        ({"error_rate": 1.5}, "error_rate"),
        ({"minute_seconds": 0}, "minute_seconds"),
        ({"consent": "maybe"}, "consent"),
        ({"hold_calls": "yes"}, "hold_calls"),
    ):
        answer = loopback.post(url, json=body)
        assert answer.status_code == 400, body
        assert word in answer.json()["error"]
    # A bad update changes nothing, and decimals are taken as numbers.
    assert loopback.post(url, json={"minute_limit": 7, "error_rate": 2}).status_code == 400
    assert loopback.get(url).json()["minute_limit"] == 60
    config = box.configure(latency_ms=1.5, minute_seconds=2.5)
    assert (config["latency_ms"], config["minute_seconds"]) == (1.5, 2.5)
    box.configure(**DEFAULTS)


def test_serve_options_set_limits_faults_and_consent_at_start(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("options")
    options = {
        "--token-ttl": "7",
        "--refresh-grace": "3",
        "--minute-seconds": "90.5",
        "--minute-limit": "2",
        "--concurrent-limit": "3",
        "--day-limit": "9",
        "--app-minute-limit": "11",
        "--unavailable-rate": "1",
        "--fault-seed": "5",
    }
    argv = [item for pair in options.items() for item in pair]
    running = RunningSandbox(root / "s.sqlite", root, "--invoices", "1", "--deny-consent", *argv)
    try:
        config = loopback.get(f"{running.url}/__sandbox/config").json()
        assert config["access_token_ttl"] == 7
        assert config["refresh_grace_seconds"] == 3
        assert config["minute_seconds"] == 90.5
        assert (config["minute_limit"], config["concurrent_limit"]) == (2, 3)
        assert (config["day_limit"], config["app_minute_limit"]) == (9, 11)
        assert (config["unavailable_rate"], config["fault_seed"]) == (1, 5)
        assert config["consent"] == "deny"
        _, challenge = pkce_pair()
        assert authorize(running.url, "app", challenge)["error"] == ["access_denied"]
        token = loopback.post(
            f"{running.url}/connect/token",
            data={"grant_type": "client_credentials"},
            auth=(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        ).json()
        assert token["expires_in"] == 7
        tenant = running.tenants()[0]["tenant_id"]
        assert call(running, token, tenant).status_code == 503
        running.configure(unavailable_rate=0)
        assert [call(running, token, tenant).status_code for _ in range(3)] == [200, 200, 429]
    finally:
        running.stop()

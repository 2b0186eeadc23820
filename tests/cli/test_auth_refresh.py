"""Transparent refresh: once across concurrent processes, under Xero's refresh-token rotation."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import loopback
from tests.helpers.cli import run_xero
from tests.helpers.file_keyring import read_all
from tests.helpers.login import keyring_env, login
from tests.helpers.sandbox import RunningSandbox, start_seeded

PROCESSES = 10


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory):
    """This module expires tokens, turns the refresh grace off and revokes logins."""
    running = start_seeded(tmp_path_factory, "refresh-sandbox", 30)
    yield running
    running.stop()


@pytest.fixture
def logged_in(home: Path, own_sandbox: RunningSandbox) -> dict[str, str]:
    env = keyring_env(home, XERO_SANDBOX_URL=own_sandbox.url, XERO_CLIENT_ID="cron-app")
    login(env)
    run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
    return env


def _refresh_token(home: Path) -> str:
    return read_all(home / "keyring.json")["xerocli/default:refresh_token"]


def _cache(home: Path) -> Path:
    return home / "state" / "xerocli" / "tokens" / "default.json"


def _run_together(env: dict[str, str]) -> list[tuple[int, str, str]]:
    """Ten cron jobs starting at once."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "xerocli", "invoices", "list", "--limit", "1"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    return results


def _refresh_works(sandbox: RunningSandbox, token: str) -> bool:
    answer = loopback.post(
        f"{sandbox.url}/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": token, "client_id": "cron-app"},
    )
    return answer.status_code == 200


def test_ten_processes_refresh_once_and_keep_the_newest_token(
    home: Path, own_sandbox: RunningSandbox, logged_in: dict[str, str]
) -> None:
    own_sandbox.configure(refresh_grace_seconds=0)  # a second use of a used token fails
    try:
        first = _refresh_token(home)
        own_sandbox.reset_stats()

        # Round 1: Xero says the token expired (401); each process refreshes once at most.
        loopback.post(f"{own_sandbox.url}/__sandbox/expire-tokens").raise_for_status()
        results = _run_together(logged_in)
        assert [code for code, _, _ in results] == [0] * PROCESSES, results
        assert all(len(json.loads(out)) == 1 for _, out, _ in results)
        assert own_sandbox.stats()["token_refreshes"] == 1
        second = _refresh_token(home)
        assert second != first

        # Round 2: our clock says the cached token is due (as after 30 minutes).
        cache = json.loads(_cache(home).read_text())
        cache["refresh_at"] = cache["expires_at"] = time.time() - 5
        _cache(home).write_text(json.dumps(cache))
        results = _run_together(logged_in)
        assert [code for code, _, _ in results] == [0] * PROCESSES, results
        assert own_sandbox.stats()["token_refreshes"] == 2
        third = _refresh_token(home)
        assert third != second
        for _, out, err in results:
            assert third not in out + err and second not in out + err
    finally:
        own_sandbox.configure(refresh_grace_seconds=1800)
    # The stored token is the newest: the older ones are dead (grace off), it still works.
    own_sandbox.configure(refresh_grace_seconds=0)
    try:
        assert not _refresh_works(own_sandbox, first)
        assert not _refresh_works(own_sandbox, second)
        assert _refresh_works(own_sandbox, third)
    finally:
        own_sandbox.configure(refresh_grace_seconds=1800)


def test_revoked_refresh_token_exits_4_and_says_log_in(
    home: Path, own_sandbox: RunningSandbox, logged_in: dict[str, str]
) -> None:
    loopback.post(
        f"{own_sandbox.url}/connect/revocation",
        data={"token": _refresh_token(home), "client_id": "cron-app"},
    ).raise_for_status()
    loopback.post(f"{own_sandbox.url}/__sandbox/expire-tokens").raise_for_status()
    result = run_xero("invoices", "list", "--limit", "1", env=logged_in)
    assert result.code == 4
    assert "invalid_grant" in result.stderr and "run `xero auth login`" in result.stderr
    assert result.stdout == ""
    status = run_xero("auth", "status", env=logged_in)
    assert status.code == 4 and "xero auth login" in status.stderr
    # The access token Xero answered 401 to is not handed out again: a cron job's
    # `curl -H "Authorization: Bearer $(xero auth token)"` gets exit 4, not a dead token.
    token = run_xero("auth", "token", env=logged_in)
    assert token.code == 4 and token.stdout == "" and "invalid_grant" in token.stderr
    assert not _cache(home).exists()


def test_missing_scope_names_the_scope_to_add(home: Path, own_sandbox: RunningSandbox) -> None:
    env = keyring_env(home, XERO_SANDBOX_URL=own_sandbox.url, XERO_CLIENT_ID="narrow-app")
    login(env, "--scopes", "accounting.contacts")
    run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
    assert run_xero("contacts", "list", "--limit", "1", env=env).ok().json()
    result = run_xero("invoices", "list", "--limit", "1", env=env)
    assert result.code == 4
    assert "accounting.invoices" in result.stderr and "xero auth login" in result.stderr

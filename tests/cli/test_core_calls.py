"""The shared core under every command: limits shared across processes, retries, `xero api`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox


@pytest.fixture
def small_sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = RunningSandbox(tmp_path / "small.sqlite", tmp_path, "--invoices", "100")
    yield running
    running.stop()


def test_200_calls_from_two_processes_get_no_429(small_sandbox, home) -> None:
    # Xero's limits with a short "minute" so the test runs in seconds: 2 s for the client,
    # 1 s for the sandbox, so a call's trip on a loaded machine never makes the two windows
    # disagree (what is tested is the sharing between processes, not two clocks' agreement).
    small_sandbox.configure(minute_seconds=1.0, minute_limit=60, concurrent_limit=5)
    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url, XERO_RATE_WINDOW_SECONDS="2")
    small_sandbox.reset_stats()
    command = [
        sys.executable,
        "-m",
        "xerocli",
        "--sandbox",
        "api",
        "Invoices",
        "--paginate",
        "-f",
        "pageSize=1",
    ]
    processes = [
        subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    # The generator's 100 and the invoices other seeded records made (quotes invoiced, ...).
    from xerocli.sandbox.seed import SeedOptions, tenant_records

    seeded = SeedOptions(invoices=100)
    served = sum(1 for row in tenant_records(seeded, 0) if row.kind == "Invoices")
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert len(json.loads(stdout)) == served
    stats = small_sandbox.stats()
    assert stats["api_calls"] >= 200
    assert "429" not in stats["by_status"], stats
    assert sum(stats["rate_limited"].values()) == 0


def test_faults_are_retried_and_the_result_is_exact(small_sandbox, home) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url)
    clean = run_xero("--sandbox", "api", "Invoices", "--paginate", "-f", "pageSize=10", env=env)
    expected = sorted(record["InvoiceID"] for record in clean.ok().json())
    small_sandbox.configure(unavailable_rate=0.15, error_rate=0.05, drop_rate=0.1, fault_seed=7)
    small_sandbox.reset_stats()
    result = run_xero(
        "--sandbox", "api", "Invoices", "--paginate", "-f", "pageSize=10", env=env
    ).ok()
    ids = [record["InvoiceID"] for record in result.json()]
    assert sorted(ids) == expected and len(set(ids)) == len(ids)
    faults = small_sandbox.stats()["faults"]
    assert faults["unavailable"] + faults["error"] + faults["drop"] > 0


def test_failures_that_outlast_retries_exit_8(small_sandbox, home) -> None:
    small_sandbox.configure(unavailable_rate=1.0)
    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url, XERO_RETRY_ATTEMPTS="2")
    result = run_xero("--sandbox", "invoices", "list", env=env)
    assert result.code == 8
    assert result.stderr.startswith("xero: Xero answered 503")
    assert result.stdout == ""


def test_api_escape_hatch_get_connections_and_bad_input(small_sandbox, home) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url)
    connections = run_xero("--sandbox", "api", "/connections", env=env).ok().json()
    assert {c["tenantName"] for c in connections} == {"Demo Company (NZ)", "Demo Company (Global)"}
    number = (
        run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env)
        .ok()
        .json()[0]["InvoiceNumber"]
    )
    one = run_xero("--sandbox", "api", "GET", f"Invoices/{number}", env=env).ok().json()
    assert one["Invoices"][0]["InvoiceNumber"] == number
    assert "/Date(" not in json.dumps(one)
    raw = run_xero("--sandbox", "api", f"Invoices/{number}", "--raw", env=env).ok()
    assert "/Date(" in raw.stdout
    bad = run_xero("--sandbox", "api", "-f", "nonsense", "Invoices", env=env)
    assert bad.code == 2 and "--field: 'nonsense' is not NAME=VALUE" in bad.stderr
    missing = run_xero("--sandbox", "api", "Nothing/Here", env=env)
    assert missing.code == 5

"""Ten `xero` processes on one tenant share its rate limits: no 429s, every call succeeds.

The "minute" is scaled on both sides (the sandbox's `minute_seconds` and the client's
XERO_RATE_WINDOW_SECONDS), so the budget runs out many times over in a few seconds: without
the shared limiter, ten processes paging at once would get 429s from the first window on.
The sandbox's window is a second shorter than the client's, more than any call's trip takes
on a loaded machine, so the test checks the sharing, not that two clocks agree to 0.1 s.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers.cli import run_xero
from tests.helpers.sandbox import RunningSandbox

PROCESSES = 10
WINDOW_SECONDS = 2
SLACK_SECONDS = 1
MINUTE_LIMIT = 30
CONCURRENT = 5
PAGE_SIZE = 2


def _read_contacts() -> list[str]:
    return ["--sandbox", "api", "Contacts", "--paginate", "-f", f"pageSize={PAGE_SIZE}"]


def test_ten_processes_on_one_tenant_never_see_a_429(box: RunningSandbox, box_env) -> None:
    expected = run_xero(*_read_contacts(), env=box_env).ok().json()
    ids = [contact["ContactID"] for contact in expected]
    assert len(ids) == len(set(ids)) >= 20

    box.configure(
        minute_seconds=WINDOW_SECONDS - SLACK_SECONDS,
        minute_limit=MINUTE_LIMIT,
        concurrent_limit=CONCURRENT,
        latency_ms=60,  # calls stay in flight, so the concurrent limit is reached too
    )
    box.reset_stats()
    env = {
        **box_env,
        "XERO_RATE_MINUTE_CALLS": str(MINUTE_LIMIT),
        "XERO_RATE_WINDOW_SECONDS": str(WINDOW_SECONDS),
        "XERO_RATE_CONCURRENT": str(CONCURRENT),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "xerocli", *_read_contacts()],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=150)
        outcomes.append((process.returncode, out, err))

    for code, out, err in outcomes:
        assert code == 0, err
        assert [contact["ContactID"] for contact in json.loads(out)] == ids
    stats = box.stats()
    # Several windows' worth of calls went out, none was refused, and each was answered once.
    assert stats["api_calls"] >= PROCESSES * len(ids) // PAGE_SIZE > 3 * MINUTE_LIMIT
    assert "429" not in stats["by_status"], stats
    assert set(stats["rate_limited"].values()) == {0}, stats
    assert set(stats["by_status"]) <= {"200", "204", "302"}, stats  # no 4xx or 5xx

"""`xero export`: incremental marks, pacing under Xero's limits, and failures that leave the
old file and the mark as they were (errors, SIGTERM, SIGKILL)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

NZ_TENANT_ID = None  # read from the sandbox


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def iso_ms(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mark_path(home: Path, tenant_id: str, noun: str = "invoices") -> Path:
    return home / "state" / "xerocli" / "export-marks" / "default" / tenant_id / f"{noun}.json"


def nz_tenant(sandbox: RunningSandbox) -> str:
    return next(t["tenant_id"] for t in sandbox.tenants() if t["name"] == "Demo Company (NZ)")


def partials(directory: Path) -> list[Path]:
    return sorted(directory.glob(".*.xero-partial"))


@pytest.fixture
def small_sandbox(tmp_path_factory: pytest.TempPathFactory):
    """A sandbox of its own (3 pages of invoices, a copy of the run's seeded data), for tests
    that break it."""
    running = start_seeded(tmp_path_factory, "small", 3000)
    yield running
    running.stop()


def test_incremental_sends_the_mark_and_exports_only_what_changed_since(
    sandbox, sandbox_env, home, tmp_path
) -> None:
    sandbox.reset_stats()
    tenant_id = nz_tenant(sandbox)
    first = tmp_path / "first.csv"
    run_xero(
        "--sandbox",
        "export",
        "csv",
        "invoices",
        "--incremental",
        "-o",
        str(first),
        env=sandbox_env,
    ).ok()
    rows = read_rows(first)
    updated = {row["InvoiceID"]: parse_utc(row["UpdatedDateUTC"]) for row in rows}
    assert len(rows) == len(updated) > 0
    newest = max(updated.values())
    mark = json.loads(mark_path(home, tenant_id).read_text())
    assert mark["UpdatedDateUTC"] == iso_ms(newest)
    assert mark["IDsAtMark"] == sorted(i for i, when in updated.items() if when == newest)

    # Nothing changed since: the records at the mark come back (If-Modified-Since is
    # inclusive) and are dropped as already exported; the mark stays.
    second = tmp_path / "second.csv"
    result = run_xero(
        "--sandbox",
        "--debug",
        "export",
        "csv",
        "invoices",
        "--incremental",
        "-o",
        str(second),
        env=sandbox_env,
    ).ok()
    assert f"'If-Modified-Since': '{iso_ms(newest)}'" in result.stderr
    assert read_rows(second) == []
    assert f"{len(mark['IDsAtMark'])} unchanged at the mark left out" in result.stderr
    assert json.loads(mark_path(home, tenant_id).read_text()) == mark

    # An older mark (as if the last run was before the 300 newest changes): the next run
    # asks for changes since then and gets exactly the records updated at or after it.
    cutoff = sorted(updated.values())[-300]
    mark_path(home, tenant_id).write_text(
        json.dumps({"UpdatedDateUTC": iso_ms(cutoff), "IDsAtMark": []})
    )
    third = tmp_path / "third.csv"
    result = run_xero(
        "--sandbox",
        "--debug",
        "export",
        "csv",
        "invoices",
        "--incremental",
        "-o",
        str(third),
        env=sandbox_env,
    ).ok()
    assert f"'If-Modified-Since': '{iso_ms(cutoff)}'" in result.stderr
    got = [row["InvoiceID"] for row in read_rows(third)]
    assert len(got) == len(set(got))
    assert set(got) == {i for i, when in updated.items() if when >= cutoff}
    assert json.loads(mark_path(home, tenant_id).read_text()) == mark


def test_pages_are_paced_to_the_minute_limit_without_a_429(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The sandbox's "minute" is the client's (2 s), as Xero's is 60 s for both: the client
    # paces by its own clock, stamping a call when its answer came (after Xero counted it),
    # and a call's trip must never make the two disagree. (With a sandbox minute half the
    # client's, every X-MinLimit-Remaining over-reported the limit by the calls only the
    # client still counted, and only a limit that could never rise again hid that.)
    sandbox = start_seeded(
        tmp_path_factory, "paced", 7000, "--minute-seconds", "2", "--minute-limit", "3"
    )
    try:
        env = isolated_env(
            tmp_path / "home", XERO_SANDBOX_URL=sandbox.url, XERO_RATE_WINDOW_SECONDS="2"
        )
        target = tmp_path / "paced.csv"
        run_xero("--sandbox", "export", "csv", "invoices", "-o", str(target), env=env).ok()
        held = sandbox.invoice_count()
        assert len(read_rows(target)) == held
        stats = sandbox.stats()
        assert stats["api_calls"] == -(-held // 1000)  # one call a page of 1,000
        assert stats["rate_limited"] == {"concurrent": 0, "minute": 0, "day": 0, "appminute": 0}
    finally:
        sandbox.stop()


def _first_export(sandbox: RunningSandbox, home: Path, target: Path) -> dict[str, str]:
    env = isolated_env(home, XERO_SANDBOX_URL=sandbox.url)
    target.parent.mkdir(parents=True, exist_ok=True)  # an export creates no directories
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(target), env=env
    ).ok()
    return env


def test_a_failing_export_leaves_the_old_file_no_partial_and_the_mark(
    small_sandbox, tmp_path
) -> None:
    home, target = tmp_path / "home", tmp_path / "out" / "invoices.csv"
    env = _first_export(small_sandbox, home, target)
    old = target.read_bytes()
    mark_file = mark_path(home, nz_tenant(small_sandbox))
    mark = mark_file.read_bytes()
    mark_file.write_text(json.dumps({"UpdatedDateUTC": "2020-01-01T00:00:00.000Z"}))
    mark = mark_file.read_bytes()

    # The day budget runs out after page 1: page 1 is already in the temp file when page 2
    # fails (a day 429 fails at once; it would not clear for hours).
    small_sandbox.reset_stats()
    small_sandbox.configure(day_limit=1)
    try:
        result = run_xero(
            "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(target), env=env
        )
    finally:
        small_sandbox.configure(day_limit=5000)
    assert result.code == 7, result.stderr
    assert "daily call budget" in result.stderr
    assert target.read_bytes() == old
    assert partials(target.parent) == []
    assert mark_file.read_bytes() == mark

    # The shared limiter now holds the tenant until the day budget resets; start a new "day".
    for suffix in ("", "-wal", "-shm"):
        (Path(env["XERO_STATE_DIR"]) / f"ratelimit.sqlite{suffix}").unlink(missing_ok=True)

    # Every call failing (500s, retried, then given up): same promises.
    small_sandbox.configure(error_rate=1.0, fault_seed=1)
    try:
        result = run_xero(
            "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(target), env=env
        )
    finally:
        small_sandbox.configure(error_rate=0.0)
    assert result.code == 8, result.stderr
    assert target.read_bytes() == old
    assert partials(target.parent) == []
    assert mark_file.read_bytes() == mark


def _start_slow_export(sandbox: RunningSandbox, env: dict[str, str], target: Path):
    sandbox.configure(latency_ms=1500)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xerocli",
            "--sandbox",
            "export",
            "csv",
            "invoices",
            "--incremental",
            "-o",
            str(target),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Wait until page 1 is in the temp file (bounded: the test fails rather than hangs).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = partials(target.parent)
        if found and found[0].stat().st_size > 10_000:
            return process, found[0]
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the export never got under way: " + (process.stderr.read() or ""))


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_terminated_export_removes_its_temp_file_and_keeps_old_file_and_mark(
    how, small_sandbox, tmp_path
) -> None:
    home, target = tmp_path / "home", tmp_path / "out" / "invoices.csv"
    env = _first_export(small_sandbox, home, target)
    old = target.read_bytes()
    mark_file = mark_path(home, nz_tenant(small_sandbox))
    mark_file.write_text(json.dumps({"UpdatedDateUTC": "2020-01-01T00:00:00.000Z"}))
    mark = mark_file.read_bytes()
    try:
        process, _ = _start_slow_export(small_sandbox, env, target)
        process.send_signal(getattr(signal, how))
        _, stderr = process.communicate(timeout=60)
    finally:
        small_sandbox.configure(latency_ms=0)
    assert process.returncode == (143 if how == "SIGTERM" else 130), stderr
    assert "the export was not written" in stderr
    assert target.read_bytes() == old
    assert partials(target.parent) == []
    assert mark_file.read_bytes() == mark


def test_a_killed_export_leaves_only_a_named_temp_file_that_the_next_run_removes(
    small_sandbox, tmp_path
) -> None:
    home, target = tmp_path / "home", tmp_path / "out" / "invoices.csv"
    env = _first_export(small_sandbox, home, target)
    old = target.read_bytes()
    mark_file = mark_path(home, nz_tenant(small_sandbox))
    mark_file.write_text(json.dumps({"UpdatedDateUTC": "2020-01-01T00:00:00.000Z"}))
    mark = mark_file.read_bytes()
    try:
        process, partial = _start_slow_export(small_sandbox, env, target)
        process.kill()
        process.communicate(timeout=60)
    finally:
        small_sandbox.configure(latency_ms=0)
    assert process.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    assert mark_file.read_bytes() == mark
    # What SIGKILL leaves: a hidden temp file named after the target and the dead process.
    assert partials(target.parent) == [partial]
    assert partial.name == f".invoices.csv.{process.pid}.xero-partial"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(target), env=env
    ).ok()
    assert partials(target.parent) == []
    assert len(read_rows(target)) == small_sandbox.invoice_count()
    assert os.path.getsize(target) > 0


def test_second_incremental_run_exports_exactly_the_changed_records(
    small_sandbox, home, tmp_path
) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url)
    first = tmp_path / "first.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(first), env=env
    ).ok()
    assert len(read_rows(first)) == small_sandbox.invoice_count()
    # Change two records and add one, through the CLI, as another system would.
    rows = read_rows(first)
    draft = next(r for r in rows if r["Status"] == "DRAFT")
    authorised = next(
        r
        for r in rows
        if r["Status"] == "AUTHORISED" and r["Type"] == "ACCREC" and Decimal(r["AmountPaid"]) == 0
    )
    new = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            "--contact",
            "Fresh Customer",
            "--line",
            "New work,1,10,200",
            env=env,
        )
        .ok()
        .json()[0]
    )
    run_xero(
        "--sandbox",
        "api",
        "POST",
        f"Invoices/{draft['InvoiceID']}",
        "--input",
        "-",
        input='{"Invoices": [{"Reference": "changed"}]}',
        env=env,
    ).ok()
    run_xero("--sandbox", "invoices", "void", authorised["InvoiceID"], env=env).ok()
    second = tmp_path / "second.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(second), env=env
    ).ok()
    changed = {row["InvoiceID"]: row for row in read_rows(second)}
    assert set(changed) == {new["InvoiceID"], draft["InvoiceID"], authorised["InvoiceID"]}
    assert changed[draft["InvoiceID"]]["Reference"] == "changed"
    assert changed[authorised["InvoiceID"]]["Status"] == "VOIDED"
    third = tmp_path / "third.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--incremental", "-o", str(third), env=env
    ).ok()
    assert read_rows(third) == []


def test_a_record_leaving_the_list_while_it_is_paged_is_not_lost(small_sandbox, home, tmp_path):
    """Pages go by number: an AUTHORISED invoice of page 1 voided once page 1 is answered
    moves every later record up one, so the first of page 2 is on no page. The run says so
    and keeps its mark, so the next --incremental run reads the range again; nothing lost,
    nothing written twice. (The sandbox holds the reads after page 1: no clock to race.)"""
    import threading

    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url, XERO_RATE_MINUTE_CALLS="100000")
    small_sandbox.configure(minute_limit=100000, day_limit=1000000)
    base = ("--sandbox", "--tenant", "Demo Company (NZ)")
    authorised = run_xero(*base, "invoices", "list", "--status", "AUTHORISED", "--all",
                          env=env).ok().json()  # fmt: skip
    assert len(authorised) > 1000  # two pages at least
    first_id = next(  # on page 1, and voidable (nothing paid or credited)
        i["InvoiceID"] for i in authorised[:900]
        if not i.get("Payments") and not i.get("CreditNotes") and not i.get("Prepayments")
        and not i.get("Overpayments")
    )  # fmt: skip
    void = tmp_path / "void.json"
    void.write_text('{"Invoices": [{"Status": "VOIDED"}]}')
    small_sandbox.configure(hold_reads_after=1)
    done: dict = {}
    export = threading.Thread(
        target=lambda: done.update(result=run_xero(
            *base, "export", "csv", "invoices", "--status", "AUTHORISED", "--incremental",
            "-o", str(tmp_path / "a.csv"), env=env)),
    )  # fmt: skip
    export.start()
    try:
        deadline = time.monotonic() + 60
        while small_sandbox.stats()["held"] < 1:  # page 1 answered, page 2 asked for
            assert time.monotonic() < deadline and export.is_alive()
            time.sleep(0.05)
        run_xero(*base, "api", "POST", f"Invoices/{first_id}", "--input", str(void),
                 env=env).ok()  # fmt: skip
    finally:
        small_sandbox.configure(hold_reads_after=None)
        export.join(120)
    first = done["result"].ok()
    assert (
        f"changed while they were paged ({len(authorised)} -> {len(authorised) - 1} records):"
        " one may be missing; its mark stays" in first.stderr
    )
    rows = read_rows(tmp_path / "a.csv")
    ids = [row["InvoiceID"] for row in rows]
    assert len(ids) == len(set(ids))  # none twice
    run_xero(*base, "export", "csv", "invoices", "--status", "AUTHORISED", "--incremental",
             "-o", str(tmp_path / "b.csv"), env=env).ok()  # fmt: skip
    again = {row["InvoiceID"] for row in read_rows(tmp_path / "b.csv")}
    still = {invoice["InvoiceID"] for invoice in authorised} - {first_id}
    assert still <= set(ids) | again and still - set(ids)  # the skipped one came the next time


def test_a_terminated_export_to_stdout_says_its_rows_are_no_whole_export(
    small_sandbox, tmp_path
) -> None:
    """To stdout the rows already went out: "the export was not written" read wrong there."""
    env = isolated_env(tmp_path / "home", XERO_SANDBOX_URL=small_sandbox.url)
    small_sandbox.configure(latency_ms=1500)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "xerocli", "--sandbox", "export", "csv", "invoices", "-o", "-"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"InvoiceID,")  # page 1 is out
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        small_sandbox.configure(latency_ms=0)
    assert process.returncode == 143
    assert stderr.decode().strip() == (
        "xero: terminated (SIGTERM): the rows already on stdout are not a whole export, and"
        " its mark did not move"
    )


def test_a_second_incremental_run_of_one_object_stops_while_the_first_runs(
    small_sandbox, home, tmp_path
) -> None:
    """Two overlapping cron runs of `export --incremental` both exported the same changes, and
    the later to end could move the mark back: the second now stops at once (exit 8)."""
    import threading

    env = isolated_env(home, XERO_SANDBOX_URL=small_sandbox.url, XERO_RATE_MINUTE_CALLS="100000")
    small_sandbox.configure(minute_limit=100000, day_limit=1000000)
    export = ("--sandbox", "export", "csv", "invoices", "--incremental")
    small_sandbox.configure(hold_reads_after=1)  # the first run waits after its page 1
    done: dict = {}
    first = threading.Thread(
        target=lambda: done.update(result=run_xero(*export, "-o", str(tmp_path / "a.csv"),
                                                   env=env)),
    )  # fmt: skip
    first.start()
    try:
        deadline = time.monotonic() + 60
        while small_sandbox.stats()["held"] < 1:
            assert time.monotonic() < deadline and first.is_alive()
            time.sleep(0.05)
        calls = small_sandbox.stats()["api_calls"]
        second = run_xero(*export, "-o", str(tmp_path / "b.csv"), env=env)
        assert second.code == 8 and second.stdout == ""
        assert second.stderr == (
            "xero: another `--incremental` export of invoices (profile 'default') is running;"
            " nothing was sent: run this one again once it has ended\n"
        )
        assert small_sandbox.stats()["api_calls"] == calls and not (tmp_path / "b.csv").exists()
    finally:
        small_sandbox.configure(hold_reads_after=None)
        first.join(120)
    done["result"].ok()
    run_xero(*export, "-o", str(tmp_path / "b.csv"), env=env).ok()  # the lock is free again

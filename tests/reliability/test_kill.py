"""Killed at random points (seeded): a batch create run again with the same key creates each
record once, and a killed read leaves only whole records behind.

Kill points are counted in API calls that reached the sandbox, so each one lands while a
request is in flight (the sandbox holds every call for `latency_ms`): the cruellest moment,
when the sandbox may have created a batch whose answer nobody will read.

`xero export` (atomic files) is not on this branch yet: the read half runs against
`xero invoices list --all -o ndjson`; with export, the check becomes "no file at the target".
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import loopback
from tests.helpers.cli import run_xero
from tests.helpers.sandbox import RunningSandbox
from tests.reliability.conftest import invoices_with_reference, unique
from tests.reliability.test_faults import READ_ONLY_TENANT, invoice_file

SEED = 20260425
SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)
INVOICE_COUNT = 300  # six batches of 50


def _api_calls(box: RunningSandbox) -> int:
    return loopback.get(f"{box.url}/__sandbox/stats", timeout=10).json()["api_calls"]


def run_and_kill(
    box: RunningSandbox, argv: list[str], env: dict[str, str], calls: int, sig: int, out: Path
) -> tuple[int, str]:
    """Start `xero ARGV`, send `sig` once `calls` API calls reached the sandbox."""
    box.reset_stats()
    with out.open("w") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "xerocli", *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while process.poll() is None and _api_calls(box) < calls:
            assert time.monotonic() < deadline, "the command made no progress"
            time.sleep(0.01)
        if process.poll() is None:
            process.send_signal(sig)
        _, err = process.communicate(timeout=60)
    return process.returncode, err


def _assert_died_cleanly(code: int, err: str, sig: int) -> None:
    assert "Traceback" not in err, err
    if sig == signal.SIGINT:
        assert code == 130 and "xero: interrupted" in err, (code, err)
    else:
        assert code == -sig, (code, err)


def test_killed_batch_create_rerun_with_its_key_creates_each_invoice_once(
    box: RunningSandbox, box_env, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    reference, key = unique("killed"), unique("kill-key")
    source = invoice_file(tmp_path / "invoices.json", reference, INVOICE_COUNT)
    argv = ["--sandbox", "invoices", "create", "--file", str(source), "--idempotency-key", key]
    box.configure(latency_ms=150)
    for _ in range(3):
        calls, sig = rng.randint(1, 5), rng.choice(SIGNALS)
        code, err = run_and_kill(box, argv, box_env, calls, sig, tmp_path / "out.json")
        _assert_died_cleanly(code, err, sig)
        box.configure(latency_ms=0)
        so_far = invoices_with_reference(box_env, reference)
        amounts = [invoice["LineItems"][0]["UnitAmount"] for invoice in so_far]
        assert len(amounts) == len(set(amounts)) < INVOICE_COUNT  # partly done, nothing twice
        box.configure(latency_ms=150)

    box.configure(latency_ms=0)
    done = run_xero(*argv, "-o", "ndjson", env=box_env).ok()
    # The batches the killed runs finished are answered from Xero's idempotency cache: the
    # summary counts them apart from the ones this run created, and together they are all.
    summary = re.search(r"Created (\d+) invoices?(?:; (\d+) already created)?", done.stderr)
    assert summary, done.stderr
    assert int(summary[1]) + int(summary[2] or 0) == INVOICE_COUNT, done.stderr
    stored = invoices_with_reference(box_env, reference)
    assert len(stored) == INVOICE_COUNT
    assert sorted(i["LineItems"][0]["UnitAmount"] for i in stored) == sorted(
        float(f"{n}.25") for n in range(INVOICE_COUNT)
    )
    assert {i["InvoiceID"] for i in done.ndjson()} == {i["InvoiceID"] for i in stored}


def test_killed_read_leaves_only_whole_records_and_a_rerun_is_exact(
    box: RunningSandbox, box_env, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 1)
    argv = ["--sandbox", "--tenant", READ_ONLY_TENANT, "invoices", "list", "--all", "-o", "ndjson"]
    box.configure(latency_ms=100)
    for _ in range(3):
        calls, sig = rng.randint(2, 9), rng.choice(SIGNALS)
        out = tmp_path / "invoices.ndjson"
        code, err = run_and_kill(box, argv, box_env, calls, sig, out)
        _assert_died_cleanly(code, err, sig)
        lines = out.read_text().splitlines(keepends=True)
        whole = [json.loads(line) for line in lines if line.endswith("\n")]
        assert len(whole) < box.invoice_count(READ_ONLY_TENANT)
        assert len({record["InvoiceID"] for record in whole}) == len(whole)
    box.configure(latency_ms=0)
    again = run_xero(*argv, env=box_env).ok().ndjson()
    held = box.invoice_count(READ_ONLY_TENANT)
    assert len({record["InvoiceID"] for record in again}) == len(again) == held


def test_killed_export_leaves_no_file_at_the_target_and_a_rerun_is_exact(
    box: RunningSandbox, box_env, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 2)
    target = tmp_path / "export" / "invoices.csv"
    target.parent.mkdir()
    argv = [
        "--sandbox",
        "--tenant",
        READ_ONLY_TENANT,
        "export",
        "csv",
        "invoices",
        "-o",
        str(target),
    ]
    box.configure(latency_ms=100)
    for _ in range(3):
        calls, sig = rng.randint(2, 9), rng.choice(SIGNALS)
        code, err = run_and_kill(box, argv, box_env, calls, sig, tmp_path / "stdout.txt")
        assert "Traceback" not in err, err
        if sig == signal.SIGTERM:  # export catches SIGTERM to clean up, then exits 128+15
            assert code == 143 and "xero: terminated (SIGTERM)" in err, (code, err)
        else:
            _assert_died_cleanly(code, err, sig)
        assert not target.exists()
        leftovers = sorted(p.name for p in target.parent.iterdir())
        # Only a SIGKILL can leave the hidden temp file; it never sits at the target's name.
        assert all(name.endswith(".xero-partial") for name in leftovers), leftovers
        assert not leftovers or sig == signal.SIGKILL, (leftovers, sig)
    box.configure(latency_ms=0)
    run_xero(*argv, env=box_env).ok()
    assert sorted(p.name for p in target.parent.iterdir()) == ["invoices.csv"]
    rows = target.read_text(encoding="utf-8").splitlines()
    assert len(rows) == box.invoice_count(READ_ONLY_TENANT) + 1

"""Every row of README's exit-code table, produced by the real CLI against a sandbox.

Faults and limits are turned on in a sandbox of this module's own (so they cannot leak into
other tests); signals are sent once the sandbox has seen the command's first API call, which
its latency then holds in flight: nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.errors import EXIT_CODE_MEANINGS, ExitCode

CALM = {"latency_ms": 0, "unavailable_rate": 0, "day_limit": 5000, "minute_limit": 60}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "exit-codes", 150)
    yield running
    running.stop()


@pytest.fixture
def box_env(home: Path, box: RunningSandbox) -> Iterator[dict[str, str]]:
    box.configure(**CALM)
    box.reset_stats()
    yield isolated_env(home, XERO_SANDBOX_URL=box.url, XERO_RETRY_ATTEMPTS="1")
    box.configure(**CALM)


def _closed_stdout(
    env: dict[str, str],
    box: RunningSandbox,
    argv: tuple[str, ...] = ("--sandbox", "invoices", "list", "--all", "-o", "json"),
) -> Result:
    """`xero ... | head -1`: the reader leaves after one line of a long answer."""
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    return Result(process.wait(timeout=120), "", err, list(argv))


def _signalled(sig: int) -> Callable[[dict[str, str], RunningSandbox], Result]:
    def run(env: dict[str, str], box: RunningSandbox) -> Result:
        box.configure(latency_ms=30_000)  # the first page stays in flight until the signal
        argv = ["--sandbox", "export", "csv", "invoices", "-o", str(Path(env["HOME"]) / "x.csv")]
        process = subprocess.Popen(
            [sys.executable, "-m", "xerocli", *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while box.stats()["api_calls"] < 1:
            assert process.poll() is None and time.monotonic() < deadline, process.poll()
            time.sleep(0.02)
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
        assert not list(Path(env["HOME"]).glob("*x.csv*")), "the export left a file behind"
        return Result(process.returncode, "", err, argv)

    return run


def _xero(*args: str, **config: object) -> Callable[[dict[str, str], RunningSandbox], Result]:
    def run(env: dict[str, str], box: RunningSandbox) -> Result:
        if config:
            box.configure(**config)
        return run_xero(*args, env=env)

    return run


CASES: dict[ExitCode, tuple[Callable[[dict[str, str], RunningSandbox], Result], str]] = {
    ExitCode.OK: (_closed_stdout, ""),
    ExitCode.USAGE: (_xero("--sandbox", "invoices", "list", "--status", "LOST"), "--status"),
    ExitCode.AUTH: (_xero("--sandbox", "invoices", "list", "--tenant", "Nowhere Ltd"), "Nowhere"),
    ExitCode.NOT_FOUND: (_xero("--sandbox", "api", "DELETE", "Invoices"), "405"),
    ExitCode.VALIDATION: (
        _xero("--sandbox", "invoices", "create", "--contact", "Exit Six", "--line", "x,1,10,9999"),
        "Xero rejected the invoice",
    ),
    ExitCode.RATE_LIMITED: (
        _xero("--sandbox", "invoices", "list", day_limit=0),
        "daily call budget",
    ),
    ExitCode.UNAVAILABLE: (_xero("--sandbox", "invoices", "list", unavailable_rate=1), "503"),
    ExitCode.INTERRUPTED: (_signalled(signal.SIGINT), "interrupted"),
    ExitCode.TERMINATED: (_signalled(signal.SIGTERM), "terminated"),
}


def test_every_documented_code_has_a_case() -> None:
    assert set(CASES) == set(EXIT_CODE_MEANINGS) - {ExitCode.ERROR}  # 1 is for real bugs only


@pytest.mark.parametrize("code", list(CASES), ids=[str(int(c)) for c in CASES])
def test_exit_code(code: ExitCode, box_env: dict[str, str], box: RunningSandbox) -> None:
    run, named = CASES[code]
    result = run(box_env, box)
    assert result.code == int(code), result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    if code == ExitCode.OK:
        assert result.stderr == ""
        return
    problems = [line for line in result.stderr.splitlines() if line.startswith("xero: ")]
    assert len(problems) == 1, result.stderr  # one line says what failed, once
    assert named in problems[0], problems[0]


def test_logged_out_auth_status_exits_4(xero) -> None:
    result = xero("auth", "status")
    assert result.code == 4 and "not logged in" in result.stderr


def test_unwritable_export_target_is_bad_usage_naming_it(box_env: dict[str, str]) -> None:
    result = run_xero("--sandbox", "export", "csv", "invoices", "-o", "/proc/x.csv", env=box_env)
    assert result.code == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("xero: -o /proc/x.csv: cannot write")


@pytest.mark.parametrize("target", ["typo/dir/x.csv", "typo/{tenant}.csv"])
def test_export_into_a_missing_directory_is_refused_and_creates_nothing(
    box_env: dict[str, str], tmp_path: Path, target: str
) -> None:
    result = run_xero(
        "--sandbox", "export", "csv", "invoices", "-o", target, env=box_env, cwd=tmp_path
    )
    assert result.code == 2, result.stderr
    assert "the directory typo" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_readme_table_is_the_one_the_cli_prints() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = [f"| {int(code)} | {text} |" for code, text in EXIT_CODE_MEANINGS.items()]
    assert "\n".join(["| code | meaning |", "|---|---|", *rows]) in readme


def test_an_export_to_stdout_whose_reader_leaves_exits_0_and_keeps_its_mark(
    box_env: dict[str, str], box: RunningSandbox
) -> None:
    """`xero export ... -o - | head -1` was exit 2, `cannot write it (Broken pipe)`, where every
    other command exits 0 (the table says so); the mark stays, so the next run has it all."""
    argv = ("--sandbox", "export", "ndjson", "invoices", "--incremental", "-o", "-")
    left = _closed_stdout(box_env, box, argv)
    assert left.code == 0 and left.stderr == "", left.stderr
    again = run_xero(*argv, env=box_env).ok()
    assert len(again.stdout.splitlines()) == box.invoice_count()  # the mark did not move

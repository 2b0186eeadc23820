"""Shared fixtures: an isolated home for every test, and one sandbox for the session.

The session sandbox has no minute or day limits (only Xero's 5 calls in flight): every
`sandbox_env` test uses the same demo app, and at Xero's 60 a minute they would wait on each
other's budget. Tests about limits start a sandbox of their own.
"""

from __future__ import annotations

import compileall
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers.cli import REPO, Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

# Property tests try the same inputs on every run ("ci", the default), so a red run is
# reproducible and a green one means the same thing each time; the "random" profile
# (`pytest --hypothesis-profile=random`, or XERO_HYPOTHESIS_PROFILE=random) draws new inputs,
# ten times as many, for a longer hunt on demand. Tests scale their own counts by
# `settings.default.max_examples / 100` (tests.reliability.fuzz_inputs.examples).
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "random",
    derandomize=False,
    deadline=None,
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("XERO_HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    """Compile xerocli once before the tests start their ~1,000 `python -m xerocli` processes.

    Those run with PYTHONDONTWRITEBYTECODE (tests must not race to write bytecode), so without
    this each one compiled every module it imports from source again: a third of a sandbox
    command's CPU. Up-to-date files are skipped, and Python ignores a stale .pyc by itself.
    """
    compileall.compile_dir(REPO / "xerocli", quiet=1)
    _let_children_take_ctrl_c()


def _let_children_take_ctrl_c() -> None:
    """A shell without job control starts a background command (`pytest &`, a CI step run
    that way) with SIGINT ignored, and an ignored signal stays ignored in every process it
    starts: the Ctrl-C tests' `xero` would never see theirs. A user at a terminal always
    has SIGINT, so the tests' processes get it back (handlers reset to the default at exec)."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


#: Invoices per demo company in the session sandbox: enough for 10 pages of 1,000.
SESSION_INVOICES = 10_000

#: Limits no test that does not study them reaches (Xero's 5 in flight stay).
UNLIMITED = {"minute_limit": 1_000_000, "day_limit": 10_000_000, "app_minute_limit": 10_000_000}

#: The client's shared limiter, matched to UNLIMITED (its default is Xero's 60 a minute).
UNLIMITED_CLIENT = {"XERO_RATE_MINUTE_CALLS": "1000000"}


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One `xero sandbox serve` for the whole session (tests must not depend on each other's
    writes: create what you check, and compare relative counts)."""
    running = start_seeded(tmp_path_factory, "sandbox", SESSION_INVOICES)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return isolated_env(home)


@pytest.fixture
def sandbox_env(home: Path, sandbox: RunningSandbox) -> dict[str, str]:
    """An isolated user whose every endpoint points at the session sandbox (no minute limits
    on either side)."""
    return isolated_env(home, XERO_SANDBOX_URL=sandbox.url, **UNLIMITED_CLIENT)


@pytest.fixture
def xero(env: dict[str, str]):
    def run(*args: str, **kwargs) -> Result:
        return run_xero(*args, env=kwargs.pop("env", env), **kwargs)

    return run

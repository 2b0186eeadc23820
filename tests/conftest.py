"""Shared fixtures: an isolated home for every test, and one sandbox for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox

#: Invoices per demo company in the session sandbox: enough for 10 pages of 1,000.
SESSION_INVOICES = 10_000


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One `xero sandbox serve` for the whole session (tests must not depend on each other's
    writes: create what you check, and compare relative counts)."""
    root = tmp_path_factory.mktemp("sandbox")
    running = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", str(SESSION_INVOICES))
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
    """An isolated user whose every endpoint points at the session sandbox."""
    return isolated_env(home, XERO_SANDBOX_URL=sandbox.url)


@pytest.fixture
def xero(env: dict[str, str]):
    def run(*args: str, **kwargs) -> Result:
        return run_xero(*args, env=kwargs.pop("env", env), **kwargs)

    return run

"""One small sandbox for the sandbox tests, and plain-HTTP clients for its two companies."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, start_seeded, tenant_client


@pytest.fixture(scope="package")
def small_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "accounting", 200)
    running.configure(minute_limit=100_000, day_limit=1_000_000)  # these tests are not about limits
    yield running
    running.stop()


@pytest.fixture(scope="package")
def token(small_sandbox: RunningSandbox) -> dict:
    return login(small_sandbox.url)


@pytest.fixture(scope="package")
def nz(small_sandbox: RunningSandbox, token: dict) -> Iterator[httpx.Client]:
    """The NZ demo company (NZD only)."""
    with tenant_client(small_sandbox, token, 0) as client:
        yield client


@pytest.fixture(scope="package")
def glob(small_sandbox: RunningSandbox, token: dict) -> Iterator[httpx.Client]:
    """The Global demo company (GBP base, with USD and EUR)."""
    with tenant_client(small_sandbox, token, 1) as client:
        yield client

"""Fixtures of the API-layer tests: an in-process login against the session sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sandbox import RunningSandbox
from xerocli.cli.context import AppContext, GlobalOptions


@pytest.fixture
def login(home: Path, sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch):
    """The command's login (an AppContext) for the session sandbox, with this test's own
    config, data and state folders and none of the user's XERO_* credentials."""
    for name, sub in (("STATE", "state"), ("CONFIG", "config"), ("DATA", "data")):
        monkeypatch.setenv(f"XERO_{name}_DIR", str(home / sub / "xerocli"))
    for name in ("XERO_ACCESS_TOKEN", "XERO_CLIENT_ID", "XERO_CLIENT_SECRET", "XERO_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)
    app_ctx = AppContext(GlobalOptions(sandbox=True, sandbox_url=sandbox.url))
    yield app_ctx
    app_ctx.close()

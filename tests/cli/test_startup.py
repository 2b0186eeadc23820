"""Every TAB press and one-liner runs `xero`: `--help` and `--version` must stay light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.cli import isolated_env

HEAVY = (
    "httpx",
    "keyring",
    "pydantic",
    "rich",
    "simplejson",
    "sqlite3",
    "filelock",
    "xerocli.api.client",
)

PROBE = """
import json, runpy, sys
sys.argv = ["xero", *ARGS]
try:
    runpy.run_module("xerocli", run_name="__main__")
except SystemExit:
    pass
names = NAMES
heavy = sorted(m for m in sys.modules if m.split(".")[0] in names or m in names)
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["invoices", "--help"],
        ["invoices", "list", "--help"],
        ["export", "--help"],
    ],
)
def test_help_and_version_import_nothing_heavy(args: list[str], home) -> None:
    code = PROBE.replace("ARGS", repr(args)[1:-1]).replace("NAMES", repr(HEAVY))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=isolated_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    assert json.loads(line[len("HEAVY=") :]) == []

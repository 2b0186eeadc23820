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
    code = PROBE.replace("ARGS", repr(args)).replace("NAMES", repr(HEAVY))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=isolated_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    assert json.loads(line[len("HEAVY=") :]) == []


def _imported(
    args: list[str], home, names: tuple[str, ...], **extra_env: str
) -> tuple[list[str], str]:
    """(modules of `names` imported by `xero ARGS`, its stdout)."""
    code = PROBE.replace("ARGS", repr(args)).replace("NAMES", repr(names))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=isolated_env(home, **extra_env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    return json.loads(line[len("HEAVY=") :]), completed.stdout


def test_version_does_not_even_import_typer(home) -> None:
    assert _imported(["--version"], home, (*HEAVY, "typer", "click")) == ([], "xero 0.1.0\n")


@pytest.mark.parametrize(
    "words",
    [
        "xero\ninv",
        "xero\ninvoices\n",
        "xero\ninvoices\nlist\n--out",
        "xero\ninvoices\nlist\n--output\n",
    ],
)
def test_completion_request_imports_neither_typer_nor_the_app(words: str, home) -> None:
    """Every TAB press runs `xero`: answered from the generated index, before typer."""
    names = (*HEAVY, "typer", "click", "xerocli.cli.app", "xerocli.api", "xerocli.output")
    imported, answer = _imported(
        [],
        home,
        names,
        _XERO_COMPLETE="bash_complete",
        COMP_WORDS=words,
        COMP_CWORD=str(words.count("\n")),
    )
    assert imported == []
    assert answer.startswith("plain,")

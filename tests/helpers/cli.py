"""Run the real `xero` as a user would: a subprocess, its stdout and stderr, its exit code."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import forkserver

REPO = Path(__file__).resolve().parents[2]


@functools.cache
def fork_server() -> forkserver.ForkServer:
    """This pytest process's fork server (see `tests/helpers/forkserver.py`)."""
    return forkserver.ForkServer(REPO)


@functools.cache
def one_ca_bundle() -> Path:
    """A CA file of one certificate, for the CLI processes the tests start.

    The tests only ever speak plain HTTP on loopback, yet every CLI process builds three TLS
    contexts, each parsing the whole system CA bundle: a third of a command's CPU. Pointing
    SSL_CERT_FILE at a one-certificate bundle keeps that path real and makes it cheap.
    """
    import certifi

    bundle = Path(certifi.where()).read_text(encoding="ascii")
    end = "-----END CERTIFICATE-----"
    first = bundle[bundle.index("-----BEGIN CERTIFICATE-----") : bundle.index(end) + len(end)]
    path = Path(tempfile.gettempdir()) / f"xerocli-tests-one-ca-{os.getuid()}.pem"
    if not path.exists() or path.read_text(encoding="ascii") != first + "\n":
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(first + "\n", encoding="ascii")
        partial.replace(path)
    return path


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str
    args: list[str]

    def json(self) -> Any:
        return json.loads(self.stdout)

    def ndjson(self) -> list[Any]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def ok(self) -> Result:
        assert self.code == 0, f"xero {' '.join(self.args)} exited {self.code}:\n{self.stderr}"
        return self


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: nothing of the user's config, keyring or XERO_* variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        # PYTEST_CURRENT_TEST carries the test's id, parameters and all: one over 128 KiB
        # makes every child process fail to start (E2BIG).
        if not key.startswith(("XERO_", "XDG_", "PYTHON_KEYRING", "PYTEST_")) and key != "NO_COLOR"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XERO_CONFIG_DIR=str(home / "config" / "xerocli"),
        XERO_DATA_DIR=str(home / "data" / "xerocli"),
        XERO_STATE_DIR=str(home / "state" / "xerocli"),
        NO_COLOR="1",
        COLUMNS="120",
        PYTHONPATH=str(REPO),
        PYTHONDONTWRITEBYTECODE="1",
        SSL_CERT_FILE=str(one_ca_bundle()),
    )
    env.update(extra)
    return env


def run_xero(
    *args: str,
    env: dict[str, str],
    input: str | None = None,
    timeout: float = 180,
    cwd: Path | None = None,
) -> Result:
    if forkserver.enabled():
        completed = fork_server().run(list(args), env=env, input=input, timeout=timeout, cwd=cwd)
    else:
        completed = run_cold(list(args), env=env, input=input, timeout=timeout, cwd=cwd)
    return Result(completed.returncode, completed.stdout, completed.stderr, list(args))


def run_cold(
    args: list[str], *, env: dict[str, str], input: str | None, timeout: float, cwd: Path | None
) -> subprocess.CompletedProcess:
    """`python -m xerocli ARGS` started cold, as a user's shell starts it."""
    return subprocess.run(
        [sys.executable, "-m", "xerocli", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        stdin=None if input is not None else subprocess.DEVNULL,
    )

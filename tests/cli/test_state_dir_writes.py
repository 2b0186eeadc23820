"""Writes to the state dir outside the rate-limit ledger (issue 19 leftovers): a login's token
cache and an export's high-water marks, on a read-only or full file system, are the one-line
exit-2 error every command gives (naming the directory and XERO_STATE_DIR), not exit 1.

Full and read-only directories are real tmpfs mounts (the tests run as root), as in
`test_token_files.py`: the kernel's own errors (`ENOSPC`, `EROFS`), not mocks.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.test_token_files import fill
from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.file_keyring import read_all
from tests.helpers.login import free_port, keyring_env, register_env_app
from tests.helpers.sandbox import RunningSandbox
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


@pytest.fixture
def damage() -> Iterator[Callable[[Path, str], Path]]:
    """Mount a 64 KiB tmpfs on a directory, read-only or filled up; unmounted at teardown."""
    mounted: list[Path] = []

    def mount(path: Path, how: str) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(path)], check=True
        )
        mounted.append(path)
        if how == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        else:
            fill(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=True)


def assert_state_dir_error(result: Result, state: Path) -> None:
    assert result.code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"xero: cannot write the state directory {state}")
    assert "XERO_STATE_DIR" in lines[0] and "unexpected error" not in lines[0]


@pytest.mark.parametrize("how", ["read-only", "full"])
@pytest.mark.parametrize("kind", ["browser", "client-credentials"])
def test_login_into_a_state_dir_that_cannot_be_written_is_exit_2_and_stores_nothing(
    home: Path,
    sandbox: RunningSandbox,
    damage,
    how: str,
    kind: str,
) -> None:
    state = damage(home / "state" / "xerocli", how)
    if kind == "browser":
        env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_CLIENT_ID="state-dir-app")
        register_env_app(env)
        args = ["--no-browser", "--port", str(free_port()), "--timeout", "5"]
    else:
        env = keyring_env(
            home,
            XERO_SANDBOX_URL=sandbox.url,
            XERO_CLIENT_ID=DEMO_CLIENT_ID,
            XERO_CLIENT_SECRET=DEMO_CLIENT_SECRET,
        )
        args = ["--client-credentials"]
    result = run_xero("auth", "login", *args, env=env)
    assert_state_dir_error(result, state)
    keyring = home / "keyring.json"
    assert not keyring.exists() or read_all(keyring) == {}
    config = home / "config" / "xerocli" / "config.toml"
    assert not config.exists() or "login" not in config.read_text()  # no half-made login


@pytest.mark.parametrize("how", ["read-only", "full"])
def test_incremental_export_with_marks_that_cannot_be_written_is_exit_2_before_any_file(
    home: Path,
    sandbox: RunningSandbox,
    damage,
    tmp_path: Path,
    how: str,
) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=sandbox.url)
    state = home / "state" / "xerocli"
    damage(state / "export-marks", how)
    target = tmp_path / "contacts.csv"
    target.write_text("the old export\n")
    before = sandbox.stats()["api_calls"]
    result = run_xero(
        "--sandbox", "export", "csv", "contacts", "--incremental", "-o", str(target), env=env
    )
    assert_state_dir_error(result, state)
    assert target.read_text() == "the old export\n"
    assert list(tmp_path.glob(".*.xero-partial")) == []
    assert sandbox.stats()["api_calls"] == before  # no page was fetched for nothing

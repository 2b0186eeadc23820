"""The files a login lives in, when the disk under them is full, read-only or damaged.

Full and read-only directories are real small file systems (tmpfs mounts; the tests run as
root), so the errors are the kernel's own (`ENOSPC`, `EROFS`), not mocks.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import loopback
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.login import keyring_env, login
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A small sandbox of this module's own: these tests expire every token."""
    running = start_seeded(tmp_path_factory, "token-files-sandbox", 5)
    yield running
    running.stop()


@pytest.fixture
def small_fs() -> Iterator[Callable[..., Path]]:
    """Mount a 64 KiB tmpfs on a directory (optionally read-only); unmounted at teardown."""
    mounted: list[Path] = []

    def mount(path: Path, *, read_only: bool = False) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(path)], check=True
        )
        mounted.append(path)
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=True)


def fill(directory: Path) -> Path:
    """Write a file until the file system is full; return it (unlink it to free the space)."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def expire_tokens(sandbox: RunningSandbox) -> None:
    loopback.post(f"{sandbox.url}/__sandbox/expire-tokens", timeout=10).raise_for_status()


@pytest.fixture
def file_login(home: Path, own_sandbox: RunningSandbox) -> Callable[[], dict[str, str]]:
    """Log in through the browser flow with the 0600 file store (call after mounting)."""

    def run() -> dict[str, str]:
        env = keyring_env(
            home,
            XERO_SANDBOX_URL=own_sandbox.url,
            XERO_CLIENT_ID="cron-job",
            XERO_TOKEN_STORE="file",
        )
        login(env)
        run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
        return env

    return run


def test_a_refresh_on_a_full_data_dir_finishes_the_command_and_keeps_the_login(
    home: Path, own_sandbox: RunningSandbox, small_fs, file_login
) -> None:
    data = small_fs(home / "data" / "xerocli")
    env = file_login()
    token_file = data / "credentials" / "default.json"
    stored = token_file.read_text()
    filler = fill(data)
    expire_tokens(own_sandbox)  # the next call gets a 401 and must refresh (rotate)

    result = run_xero("invoices", "list", "--limit", "1", "--json", env=env)
    assert result.code == 0, result.stderr
    assert len(result.json()) == 1  # the new access token finished the command
    assert (
        f"xero: warning: could not store the new refresh token in the file {token_file}"
        in result.stderr
    )
    assert "No space left on device" in result.stderr and "grace period" in result.stderr
    assert "unexpected error" not in result.stderr
    assert token_file.read_text() == stored  # the old refresh token is intact

    # Space freed within the grace period: the next command refreshes with the old refresh
    # token, stores its successor, and says nothing more.
    filler.unlink()
    again = run_xero("invoices", "list", "--limit", "1", env=env).ok()
    assert "could not store" not in again.stderr
    assert token_file.read_text() != stored
    expire_tokens(own_sandbox)
    run_xero("invoices", "list", "--limit", "1", env=env).ok()


@pytest.mark.parametrize("damage", ["read-only", "full"])
def test_a_state_dir_that_cannot_be_written_is_named_with_exit_2(
    home: Path, own_sandbox: RunningSandbox, small_fs, damage: str
) -> None:
    state = small_fs(home / "state" / "xerocli", read_only=damage == "read-only")
    if damage == "full":
        fill(state)
    env = isolated_env(home, XERO_SANDBOX_URL=own_sandbox.url)
    result = run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env)
    assert result.code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"xero: cannot write the state directory {state}"
    )
    assert "XERO_STATE_DIR" in lines[0]


def test_a_damaged_token_cache_is_discarded_and_refreshed(
    home: Path, own_sandbox: RunningSandbox, file_login
) -> None:
    env = file_login()
    cache = home / "state" / "xerocli" / "tokens" / "default.json"
    record = json.loads(cache.read_text())
    cache.write_text(json.dumps({**record, "refresh_at": "soon"}))
    refreshes = own_sandbox.stats()["token_refreshes"]
    result = run_xero("invoices", "list", "--limit", "1", "--json", env=env)
    assert result.code == 0, result.stderr
    assert own_sandbox.stats()["token_refreshes"] == refreshes + 1
    assert isinstance(json.loads(cache.read_text())["refresh_at"], float)
    assert run_xero("auth", "status", env=env).code == 0


@pytest.mark.parametrize("content", ["[1]", '{"refresh_token": 7}', "null", "{"])
def test_a_damaged_token_file_is_a_one_line_error_naming_it(
    home: Path, own_sandbox: RunningSandbox, file_login, content: str
) -> None:
    env = file_login()
    token_file = home / "data" / "xerocli" / "credentials" / "default.json"
    token_file.write_text(content)
    (home / "state" / "xerocli" / "tokens" / "default.json").unlink()  # force a refresh
    result = run_xero("invoices", "list", "--limit", "1", env=env)
    assert result.code == 4, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(token_file) in lines[0], lines
    assert "xero auth login" in lines[0]


def test_xeros_own_folders_are_private_whatever_the_umask(home: Path, sandbox) -> None:
    """Under a umask of 000 (or 022) the config, data and state folders xero creates are
    0700: they hold the profiles, the stored secrets, export marks and the rate ledger, and
    another user of the machine could read them, or swap a mark so a cron export skips what
    changed. A folder that already exists is left as its owner made it."""
    shared = home / "shared-data"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    env = isolated_env(
        home,
        XERO_SANDBOX_URL=sandbox.url,
        XERO_CLIENT_ID=DEMO_CLIENT_ID,
        XERO_CLIENT_SECRET=DEMO_CLIENT_SECRET,
        XERO_TOKEN_STORE="file",
    )

    def xero(*args: str, env: dict[str, str] = env) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "xerocli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: os.umask(0),  # what a careless shell or container may have
        )

    login = xero("auth", "login", "--client-credentials")
    assert login.returncode == 0, login.stderr
    listed = xero("invoices", "list", "--limit", "1", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    for name in ("config", "data", "state"):
        folder = home / name / "xerocli"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, (folder, oct(folder.stat().st_mode))
    assert any((home / "data" / "xerocli").iterdir())  # the stored secret's folder is in it
    assert (home / "state" / "xerocli" / "ratelimit.sqlite").exists()
    again = xero("invoices", "list", "--limit", "1", env={**env, "XERO_STATE_DIR": str(shared)})
    assert again.returncode == 0, again.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # the user's own folder, untouched


def test_the_default_mirror_is_in_a_private_folder(home: Path, sandbox) -> None:
    """`xero sync` to its default SQLite file: the mirror is every invoice of the
    organisation, so the data folder it makes is 0700 (umask 022 made it 0755)."""
    env = isolated_env(home, XERO_SANDBOX_URL=sandbox.url)
    synced = subprocess.run(
        [sys.executable, "-m", "xerocli", "--sandbox", "sync", "currencies"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert synced.returncode == 0, synced.stderr
    folder = home / "data" / "xerocli"
    assert any(folder.glob("*.sqlite")), list(folder.iterdir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

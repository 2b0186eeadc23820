"""The tests' fork server runs a command as a cold `python -m xerocli` would.

Every other test trusts `run_xero`, which forks commands from a warm interpreter
(`tests/helpers/forkserver.py`): these compare the two ways, byte for byte, on what a command
can see of its start: arguments, environment, working directory, stdin, exit codes, an
uncaught error, and a command that talks to the sandbox.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import fork_server, isolated_env, run_cold


def _cold(args: list[str], env: dict[str, str], cwd: Path, input: str | None) -> tuple:
    completed = run_cold(args, env=env, input=input, timeout=120, cwd=cwd)
    return completed.returncode, completed.stdout, completed.stderr


def _forked(args: list[str], env: dict[str, str], cwd: Path, input: str | None) -> tuple:
    completed = fork_server().run(args, env=env, input=input, timeout=120, cwd=cwd)
    return completed.returncode, completed.stdout, completed.stderr


def test_a_forked_command_sees_what_a_cold_one_sees(sandbox_env, tmp_path) -> None:
    (tmp_path / "rows.csv").write_text("not,a,known\r\ncolumn,set,here\r\n", encoding="utf-8")
    cases = [
        (["--version"], None),
        (["invoices", "get", ""], None),  # exit 2, one line on stderr
        (["--sandbox", "contacts", "list", "-o", "json", "--limit", "3"], None),
        (["--sandbox", "contacts", "list", "-o", "csv", "--limit", "2"], None),  # \r\n kept as \n
        (["contacts", "create", "--file", "rows.csv", "--dry-run"], None),  # a relative path
        (["invoices", "create", "--file", "-", "--dry-run"], '{"Invoices": [{"Type": 1}]}'),
        (["contacts", "list", "-o", "json", "--limit", "2"], None),  # XERO_SANDBOX_URL from env
        (["auth", "status"], None),  # HOME and XDG_* from env: not logged in
    ]
    for args, stdin in cases:
        cold = _cold(args, sandbox_env, tmp_path, stdin)
        forked = _forked(args, sandbox_env, tmp_path, stdin)
        assert forked == cold, args
    assert _cold(["contacts", "list", "--limit", "1"], sandbox_env, tmp_path, None)[0] != 0


def test_each_forked_command_has_its_own_environment(sandbox, tmp_path) -> None:
    """Two commands in a row from one server, each with its own HOME and profile: neither sees
    the other's (nor the server's) environment."""
    for name in ("first", "second"):
        home = tmp_path / name
        home.mkdir()
        env = isolated_env(home, XERO_PROFILE=name)
        forked = _forked(["auth", "status"], env, home, None)
        assert forked == _cold(["auth", "status"], env, home, None)
        code, stdout, _stderr = forked
        assert code == 4
        assert f"Profile:        {name} ({home}/config/xerocli/config.toml)" in stdout

"""Play a person logging in: run `xero auth login --no-browser`, be the browser, read the end.

The CLI prints the authorize URL on stderr; the test GETs it from the sandbox (which consents
by itself), reads the redirect's Location (the CLI's callback server) and GETs that.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx

from tests.helpers import loopback
from tests.helpers.cli import Result, isolated_env
from tests.helpers.file_keyring import BACKEND, ENV_FILE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def keyring_env(home: Path, **extra: str) -> dict[str, str]:
    """An isolated user whose keyring is a JSON file in its home (never the real keyring)."""
    return isolated_env(
        home,
        PYTHON_KEYRING_BACKEND=BACKEND,
        **{ENV_FILE: str(home / "keyring.json")},
        **extra,
    )


def register_env_app(env: dict[str, str], args: tuple[str, ...] = ()) -> None:
    """Register the user's app (`--client-id`, else XERO_CLIENT_ID) with their sandbox, as a
    developer would at developer.xero.com: the sandbox only logs registered apps in."""
    from tests.helpers.oauth import register_app

    given = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--client-id"]
    client_id = given[-1] if given else env.get("XERO_CLIENT_ID")
    base = env.get("XERO_SANDBOX_URL") or env.get("XERO_LOGIN_URL")
    if client_id and base:
        register_app(base, client_id)


class LoginProcess:
    """`xero auth login --no-browser --port P ...` running in the background."""

    def __init__(self, env: dict[str, str], *args: str, port: int | None = None) -> None:
        self.port = port or free_port()
        register_env_app(env, args)
        self.args = ["auth", "login", "--no-browser", "--port", str(self.port), *args]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "xerocli", *self.args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.early_stderr: list[str] = []

    def authorize_url(self) -> str:
        """The URL the CLI printed on stderr (read line by line until it appears)."""
        assert self.process.stderr is not None
        while True:
            line = self.process.stderr.readline()
            if not line:
                raise AssertionError("login ended before printing a URL:\n" + self.stderr_so_far())
            self.early_stderr.append(line)
            if line.startswith("http") and "/identity/connect/authorize" in line:
                return line.strip()

    def stderr_so_far(self) -> str:
        return "".join(self.early_stderr)

    def finish(self, timeout: float = 60) -> Result:
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
            raise AssertionError("login did not end:\n" + self.stderr_so_far() + err) from None
        return Result(self.process.returncode, out, self.stderr_so_far() + err, self.args)


def with_params(url: str, **params: str) -> str:
    """The URL with some query parameters added or replaced."""
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(params)
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def consent(authorize_url: str) -> str:
    """Be the browser at Xero: the Location Xero redirects to (the CLI's callback)."""
    answer = loopback.get(authorize_url, follow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def deliver(callback_url: str) -> httpx.Response:
    """Be the browser at the redirect URI: the CLI's callback server answers."""
    return loopback.get(callback_url, follow_redirects=False, timeout=30)


def login(env: dict[str, str], *args: str) -> Result:
    """A whole successful browser login."""
    running = LoginProcess(env, *args)
    page = deliver(consent(running.authorize_url()))
    assert page.status_code == 200, page.text
    return running.finish().ok()

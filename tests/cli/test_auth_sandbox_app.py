"""`xero auth login` against `xero sandbox serve` with no client id: the demo app the banner
names is used, for a browser login and for a custom connection."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.login import LoginProcess, consent, deliver, keyring_env, query_of
from tests.helpers.sandbox import URL_RE

BANNER_APP = re.compile(r"demo app client id: (\S+)")
BANNER_CONNECTION = re.compile(r"custom connection client id: (\S+)")


class Served:
    """`xero sandbox serve` with its whole banner kept (the URL and the client ids it names)."""

    def __init__(self, root: Path) -> None:
        serve = ("sandbox", "serve", "--port", "0", "--data", str(root / "box.sqlite"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "xerocli", *serve, "--invoices", "3"],
            env=isolated_env(root),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stderr is not None
        self.banner = ""
        for line in self.process.stderr:
            self.banner += line
            if line.startswith("Ctrl-C"):
                break
        self.url = URL_RE.search(self.banner).group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stderr.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    running = Served(tmp_path_factory.mktemp("served"))
    yield running
    running.stop()


def test_a_browser_login_uses_the_demo_app_the_banner_names(home: Path, served: Served) -> None:
    [app_id] = BANNER_APP.findall(served.banner)
    env = keyring_env(home, XERO_SANDBOX_URL=served.url)
    running = LoginProcess(env)
    url = running.authorize_url()
    assert query_of(url)["client_id"] == app_id
    assert deliver(consent(url)).status_code == 200
    done = running.finish().ok()
    assert app_id in done.stderr
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["login"] == "pkce" and status["client_id"] == app_id


def test_a_custom_connection_login_uses_the_demo_connection(home: Path, served: Served) -> None:
    [connection_id] = BANNER_CONNECTION.findall(served.banner)
    from xerocli.sandbox.config import DEMO_CLIENT_SECRET  # the README's sandbox-only secret

    env = keyring_env(home, XERO_SANDBOX_URL=served.url, XERO_CLIENT_SECRET=DEMO_CLIENT_SECRET)
    run_xero("auth", "login", "--client-credentials", env=env).ok()
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["login"] == "client_credentials" and status["client_id"] == connection_id


def test_without_a_sandbox_a_client_id_is_still_required(home: Path) -> None:
    result = run_xero("auth", "login", "--no-browser", env=keyring_env(home))
    assert result.code == 2 and "no client id" in result.stderr

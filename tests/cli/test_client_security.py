"""Where the login's token may go, and which keys may become paths: nothing leaves for a URL
elsewhere, and no empty or path-like key reaches Xero."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A small sandbox of this module's own: its request counters are read exactly."""
    root = tmp_path_factory.mktemp("security-sandbox")
    running = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", "30")
    yield running
    running.stop()


@pytest.fixture
def box_env(home: Path, own_sandbox: RunningSandbox) -> dict[str, str]:
    own_sandbox.reset_stats()
    return isolated_env(home, XERO_SANDBOX_URL=own_sandbox.url)


class Listener:
    """A loopback HTTP server on a second port that only records what reached it."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                owner.received.append({"path": self.path, "body": body})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_GET = do_POST = do_PUT = do_DELETE = _record

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.stop()


@pytest.mark.parametrize(
    "args",
    [
        ("api", "{url}/x"),
        ("api", "POST", "{url}/Invoices", "-f", "Reference=x"),
        ("api", "GET", "{url}/connections", "--paginate"),
        ("api", "//127.0.0.1:{port}/x"),
    ],
)
def test_api_sends_nothing_to_a_url_outside_xero(
    box_env, own_sandbox: RunningSandbox, listener: Listener, args
) -> None:
    port = listener.url.rsplit(":", 1)[1]
    argv = [a.format(url=listener.url, port=port) for a in args]
    env = {**box_env, "XERO_ACCESS_TOKEN": "secret-token-of-the-user"}
    result = run_xero("--tenant", "Demo Company (NZ)", *argv, env=env)
    assert result.code == 2, result.stderr
    assert "not at Xero's API" in result.stderr and "nothing was sent" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listener.received == []
    assert "secret-token-of-the-user" not in result.stderr + result.stdout


def test_api_takes_an_absolute_url_at_the_configured_origin(
    box_env, own_sandbox: RunningSandbox
) -> None:
    url = f"{own_sandbox.url}/api.xro/2.0/Invoices"
    result = run_xero("--sandbox", "api", url, "-f", "page=1", "-f", "pageSize=2", env=box_env)
    assert len(result.ok().json()["Invoices"]) == 2

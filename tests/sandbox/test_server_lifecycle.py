"""Starting and stopping the sandbox server in-process, as `xero --sandbox ...` does."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.helpers import loopback
from xerocli.sandbox.seed import SeedOptions
from xerocli.sandbox.server import Sandbox, SandboxServer, wait_until_ready

#: Far longer than any test may take: a stop that waits for a poll would hang, not be slow.
HOUR = 3600.0


def tiny_server(tmp_path: Path) -> SandboxServer:
    return SandboxServer(Sandbox.open(tmp_path / "box.sqlite", SeedOptions(invoices=0)))


def stop_in_thread(server: SandboxServer) -> threading.Thread:
    stopper = threading.Thread(target=server.stop, daemon=True)
    stopper.start()
    stopper.join(timeout=60)
    return stopper


def test_stop_wakes_the_loop_instead_of_waiting_for_its_poll_interval(tmp_path: Path) -> None:
    server = tiny_server(tmp_path)
    loop = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": HOUR})
    loop.daemon = True
    loop.start()
    wait_until_ready(server.url)
    assert loopback.get(f"{server.url}/__sandbox/config", timeout=10).status_code == 200
    stopper = stop_in_thread(server)
    assert not stopper.is_alive(), "stop() waited for the serving loop to poll"
    loop.join(timeout=60)
    assert not loop.is_alive()


def test_a_stop_right_after_a_background_start_ends_the_loop(tmp_path: Path) -> None:
    """No request in between: the loop may not even have begun when stop() is called."""
    server = tiny_server(tmp_path)
    loop = server.start_background()
    stopper = stop_in_thread(server)
    assert not stopper.is_alive()
    loop.join(timeout=60)
    assert not loop.is_alive()

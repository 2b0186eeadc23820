"""SIGTERM stops `xero webhooks listen` wherever in the accept loop it lands.

The listener's SIGTERM handler raises `Terminated` in the main thread. Under load it often
lands while socketserver is starting a connection's thread; an `Exception` raised there went
to `handle_error` ("handler error: _Terminated()") and the listener served on until killed.
"""

from __future__ import annotations

import socket

import pytest

from xerocli.api.webhook_server import Terminated, WebhookReceiver


def test_a_stop_raised_while_a_connection_is_accepted_ends_serving(monkeypatch) -> None:
    problems: list[str] = []
    receiver = WebhookReceiver("127.0.0.1", 0, "/webhooks", "key", lambda d: None, problems.append)
    try:

        def stopped_while_starting_its_thread(request, client_address) -> None:
            raise Terminated

        monkeypatch.setattr(receiver, "process_request", stopped_while_starting_its_thread)
        client = socket.create_connection(receiver.server_address[:2], timeout=5)
        with client, pytest.raises(Terminated):
            receiver._handle_request_noblock()  # one turn of serve_forever's loop
        assert problems == []  # not reported as a handler error and served on
    finally:
        assert receiver.finish(wait=5)

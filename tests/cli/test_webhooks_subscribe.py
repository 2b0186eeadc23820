"""`webhooks subscribe` to a URL that fails Xero's intent-to-receive check says so and fails:
the subscription is inactive, so no event would ever reach the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.webhooks import KEY, Listener, Recorder
from xerocli.sandbox.seed import SeedOptions
from xerocli.sandbox.server import Sandbox, SandboxServer


@pytest.fixture
def sandbox_url(tmp_path: Path):
    """A sandbox of its own: the inactive subscriptions made here stay out of the session's."""
    sandbox = Sandbox.open(tmp_path / "s.sqlite", SeedOptions(invoices=1, contacts=1))
    server = SandboxServer(sandbox)
    server.start_background()
    yield server.url
    server.stop()


@pytest.mark.parametrize(
    ("answer", "code", "said"),
    [
        (401, 4, "answered 401 (Xero wants 200)"),  # another key: it refuses our signature
        (200, 8, "another key answered 200 (Xero wants 401)"),  # takes any signature
        (None, 8, "signed with the key got no answer"),  # nothing listens there
    ],
)
def test_a_url_failing_the_intent_check_is_reported(
    home: Path, sandbox_url: str, answer: int | None, code: int, said: str
) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox_url)
    receiver = Recorder(answer) if answer else None
    to = receiver.url if receiver else "http://127.0.0.1:9/hooks"
    try:
        result = run_xero("webhooks", "subscribe", "--to", to, env=env)
    finally:
        if receiver:
            receiver.stop()
    assert result.code == code, result.stderr
    assert result.stderr.count("\n") == 1 and said in result.stderr, result.stderr
    assert result.stderr.startswith(f"xero: {to} failed the intent-to-receive check")
    assert "now sends" not in result.stderr and KEY not in result.stderr


def test_the_wording_names_credit_notes_which_the_sandbox_sends_too(
    home: Path, sandbox_url: str
) -> None:
    """The sandbox sends INVOICE, CONTACT and CREDITNOTE events, and --fetch fetches all three:
    the help and the subscription's message named only invoices and contacts."""
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox_url)
    subscribe_help = " ".join(
        run_xero("webhooks", "subscribe", "--help", env=env).ok().stdout.split()
    )
    assert "invoices, contacts or credit notes change" in subscribe_help
    listen_help = " ".join(run_xero("webhooks", "listen", "--help", env=env).ok().stdout.split())
    assert "invoice, contact or credit note instead of the event" in listen_help

    listener = Listener(env)
    try:
        result = run_xero("webhooks", "subscribe", "--to", listener.url, env=env)
    finally:
        listener.stop()
    assert result.code == 0, result.stderr
    assert "now sends invoice, contact and credit note changes to" in result.stderr

"""`xero webhooks listen|trigger|subscribe`: Xero's webhook deliveries in a shell pipeline.

`listen` is a receiver like `stripe listen`: every event of every verified delivery is one
NDJSON line on stdout (or, with `--fetch`, the invoice, contact or credit note it points at),
and `--forward-to` relays each delivery, re-signed, to an app under development. `trigger` and
`subscribe` ask a sandbox to send signed deliveries, so all of it works offline.

What `listen` answers Xero is what it printed (the contract is in `listen`'s help): a delivery
is printed once though Xero sends it again, a delivery stdout's reader left too soon to see is
answered 503 so that Xero sends it again, and one acknowledged but never printed is named.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

import typer

from xerocli.cli.choices import OfferedText

if TYPE_CHECKING:
    from xerocli.api.webhook_server import WebhookReceiver
    from xerocli.api.webhooks import Delivery

app = typer.Typer(
    name="webhooks",
    no_args_is_help=True,
    help="Receive, forward and trigger Xero webhook deliveries.",
)

CATEGORIES = ("INVOICE", "CONTACT", "CREDITNOTE")
EVENT_TYPES = ("CREATE", "UPDATE")


#: Control characters shown escaped: a message is one line, and a client's bytes (a path
#: with a newline or a terminal escape) cannot forge a line or drive the terminal.
_UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
_UNPRINTABLE.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_UNPRINTABLE.update({0x2028: "\\u2028", 0x2029: "\\u2029"})
#: The listener's handler threads all report here: one writer at a time, one write a line.
_SAY_LOCK = threading.Lock()


def _say(message: str) -> None:
    """One whole `xero: ...` line on stderr, never interleaved with another thread's."""
    line = f"xero: {message.translate(_UNPRINTABLE)}\n"
    with _SAY_LOCK:
        sys.stderr.write(line)
        sys.stderr.flush()


def webhook_key() -> str:
    """XERO_WEBHOOK_KEY, then the keyring, then a hidden prompt on a terminal. Never a flag."""
    from xerocli import errors
    from xerocli.api import webhooks

    key = webhooks.key_from_env()
    if key:
        return key
    keyring_problem: errors.XeroCliError | None = None
    try:
        key = webhooks.key_from_keyring()
    except errors.UsageError as exc:
        keyring_problem = exc
    if key:
        return key
    if not sys.stdin.isatty():
        raise keyring_problem or errors.UsageError(
            f"no webhook key (and no terminal to ask on): {webhooks.NO_KEY_HINT}"
        )
    import getpass

    key = getpass.getpass("Webhook key (from the webhook's page on developer.xero.com): ")
    if not key.strip():
        raise errors.UsageError(f"no webhook key given: {webhooks.NO_KEY_HINT}")
    return key.strip()


@app.command("listen")
def listen(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8760, "--port", help="Port to listen on (0 picks a free one)."),
    path: str = typer.Option("/webhooks", "--path", help="The path Xero posts to."),
    forward_to: str | None = typer.Option(
        None, "--forward-to", help="Relay each verified delivery, re-signed, to this URL."
    ),
    fetch: bool = typer.Option(
        False,
        "--fetch",
        help="Print each event's invoice, contact or credit note instead of the event.",
    ),
    max_body: int = typer.Option(
        1024 * 1024, "--max-body", min=1, help="Largest body accepted, in bytes (else 413)."
    ),
    read_timeout: float = typer.Option(
        5.0,
        "--read-timeout",
        min=0.1,
        help="Seconds a client has to send its body, and the longest pause it may make (408).",
    ),
    header_timeout: float = typer.Option(
        5.0,
        "--header-timeout",
        min=0.1,
        help="Seconds a client has to send its request line and headers, in all (408).",
    ),
    max_connections: int = typer.Option(
        64,
        "--max-connections",
        min=1,
        help="Open connections served at once; past them a new one is answered 503.",
    ),
) -> None:
    """Receive deliveries, verify x-xero-signature, print every event as an NDJSON line.

    Answers Xero's intent-to-receive check (200 for a good signature, 401 for a bad one), every
    answer with an empty body. Ctrl-C or SIGTERM stops it.

    A delivery is answered 200 once its events are printed (written to stdout), or after 3 s
    if they are not printed yet; with --fetch or --forward-to, too slow to wait for, at once.

    A delivery Xero sends again (the same events and sequence numbers) is answered 200 and not
    printed or forwarded again; a stderr line says so. The last 10,000 are remembered.

    When stdout's reader has left (`| head -3`), a delivery not printed is answered 503, so
    Xero sends it again later, and the listener stops, with exit 0. A delivery answered 200
    but never printed (the reader left after the answer, or the stop came first) is named on
    stderr by its sequence numbers, as Xero will not send it again, and the exit is 8.
    """
    import signal

    from xerocli import errors
    from xerocli.api.webhook_server import ACK_WAIT, Terminated, WebhookReceiver

    if forward_to and not forward_to.startswith(("http://", "https://")):
        raise errors.UsageError(f"--forward-to {forward_to!r}: give an http:// or https:// URL")
    key = webhook_key()
    client = ctx.obj.client() if fetch else None  # fail now, not at the first event
    forwarder = None
    if forward_to:
        from xerocli.api.webhooks import Forwarder

        forwarder = Forwarder(forward_to, key)
    processor = _Processor(client, forwarder)
    try:
        receiver = WebhookReceiver(
            host,
            port,
            path,
            key,
            processor.process,
            _say,
            max_body=max_body,
            read_timeout=read_timeout,
            header_timeout=header_timeout,
            max_connections=max_connections,
            # Waiting for the print fits in Xero's 5 s only when nothing slow comes first.
            ack_wait=0.0 if fetch or forward_to else ACK_WAIT,
            output_closed=_stdout_closed,
        )
    except (OSError, OverflowError) as exc:  # OverflowError: a port past 65535
        raise errors.UsageError(
            f"--host {host} --port {port}: cannot listen ({getattr(exc, 'strerror', None) or exc})"
        ) from None
    extra = f"forwarding to {forward_to}; " if forward_to else ""

    def on_sigterm(signum: int, frame: Any) -> None:
        raise Terminated

    # Before the "listening" line: a SIGTERM sent as soon as it is read stops cleanly too.
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    interrupted = False
    try:
        _say(f"listening on {receiver.url} ({extra}Ctrl-C stops)")
        receiver.serve_forever()
    except KeyboardInterrupt:
        interrupted = True
    except Terminated:
        pass
    finally:
        try:
            receiver.finish(wait=30)
        except (KeyboardInterrupt, Terminated):
            interrupted = True
        signal.signal(signal.SIGTERM, previous)
        if forwarder is not None:
            forwarder.close()
        if not receiver.output_gone:
            processor.flush()
    lost = receiver.unprinted()
    for delivery in lost:
        _say(f"{delivery.label}: answered 200 but not printed; Xero will not send it again")
    _say(_stopped_line(receiver, processor, len(lost)))
    if receiver.output_gone or processor.pipe_closed:
        from xerocli.cli.runner import quiet_stdout

        quiet_stdout()
    if interrupted:
        raise KeyboardInterrupt
    if lost:
        what = "delivery" if len(lost) == 1 else "deliveries"
        raise errors.UnavailableError(
            f"{len(lost)} {what} answered 200 but not printed (named above)"
        )


def _stopped_line(receiver: WebhookReceiver, processor: _Processor, lost: int) -> str:
    """`stopped: 3 deliveries, 5 events, 1 repeat, 2 refused, 1 not printed`: the counts past
    the first two only when they are not 0."""
    from xerocli.cli.wording import count

    counts = [
        (receiver.repeats, "repeat", "repeats"),
        (sum(receiver.refusals.values()), "refused", "refused"),
        (lost, "not printed", "not printed"),
    ]
    shown = "".join(f", {count(n, one, many)}" for n, one, many in counts if n)
    deliveries = count(receiver.accepted, "delivery", "deliveries")
    return f"stopped: {deliveries}, {count(processor.events, 'event')}{shown}"


def _stdout_closed() -> bool:
    """True when stdout's reader has left, known before a write fails: a pipe whose reader
    exited polls as an error. Asked for every delivery, so that one is answered 503 rather
    than acknowledged and then lost. False wherever poll cannot tell (Windows, no file)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), 0)  # no events asked: only errors and hang-ups
        ready = poller.poll(0)
    except (AttributeError, OSError, ValueError):
        return False
    return any(mask & (select.POLLERR | select.POLLHUP) for _, mask in ready)


class _Processor:
    """The worker's job for one delivery: forward it, then print its events in order."""

    def __init__(self, client: Any, forwarder: Any) -> None:
        self.client = client
        self.forwarder = forwarder
        self.events = 0
        self.pipe_closed = False
        self._resources: dict[str, Any] = {}

    def process(self, delivery: Delivery) -> bool:
        """True when the delivery is printed; False when stdout's reader has left (the
        receiver then answers 503 to what is not printed, and stops)."""
        if self.pipe_closed:
            return False
        if self.forwarder is not None:
            result = self.forwarder.forward(delivery)
            if not result.ok:
                why = f"answered {result.status}" if result.status else f"failed: {result.problem}"
                _say(f"{delivery.label}: forward to {self.forwarder.url} {why}")
        lines = []
        for event in delivery.events:
            record = self._fetch(delivery, event) if self.client is not None else event
            if record is not None:
                lines.append(record)
        return self._write(lines)

    def _fetch(self, delivery: Delivery, event: dict) -> dict | None:
        from xerocli import errors
        from xerocli.api.webhooks import event_resource

        target = event_resource(event)
        if target is None:
            _say(f"{delivery.label}: {event.get('eventCategory')} event has no resource to fetch")
            return None
        collection, resource_id = target
        client = self.client
        default_tenant = client.tenant_id
        tenant = event.get("tenantId")
        if isinstance(tenant, str) and tenant:
            client.tenant_id = tenant
        try:
            return client.get_one(self._resource(collection), resource_id)
        except errors.XeroCliError as exc:
            _say(f"{delivery.label}: could not fetch {collection} {resource_id}: {exc.message}")
            return None
        finally:
            client.tenant_id = default_tenant

    def _resource(self, collection: str) -> Any:
        if not self._resources:
            from xerocli.api.resources import RESOURCES

            self._resources = {resource.name: resource for resource in RESOURCES}
        return self._resources[collection]

    def _write(self, records: list[dict]) -> bool:
        """Write and flush the lines: True once they are on stdout (a reader that leaves
        with them unread in the pipe is past knowing)."""
        from xerocli.output.jsonfmt import dumps_compact

        if not records:
            return True
        try:
            sys.stdout.write("".join(dumps_compact(record) + "\n" for record in records))
            sys.stdout.flush()
        except BrokenPipeError:
            # `xero webhooks listen | head -3`: the reader left.
            self.pipe_closed = True
            return False
        self.events += len(records)
        return True

    def flush(self) -> None:
        if self.pipe_closed:
            return
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            self.pipe_closed = True


def _sandbox_url(ctx: typer.Context, command: str) -> str:
    from xerocli import errors

    app_ctx = ctx.obj
    if app_ctx.options.sandbox:
        app_ctx.endpoints()  # starts the embedded sandbox when no URL is given
    url = app_ctx.sandbox_url()
    if not url:
        raise errors.UsageError(
            f"`xero webhooks {command}` talks to a sandbox: pass --sandbox-url URL (or set"
            " XERO_SANDBOX_URL), or use `xero --sandbox`"
        )
    return url


@app.command("trigger")
def trigger(
    ctx: typer.Context,
    to: str | None = typer.Option(
        None, "--to", help="Receiver URL (default: the sandbox's subscriptions)."
    ),
    category: str = typer.Option(
        "INVOICE",
        "--category",
        help="INVOICE, CONTACT or CREDITNOTE.",
        case_sensitive=False,
        click_type=OfferedText(CATEGORIES),
    ),
    event_type: str = typer.Option(
        "UPDATE", "--event-type", help="CREATE or UPDATE.", click_type=OfferedText(EVENT_TYPES)
    ),
    resource_id: str | None = typer.Option(
        None, "--resource-id", help="The record the event names (default: one of the sandbox's)."
    ),
    tenant_id: str | None = typer.Option(
        None, "--tenant-id", help="The organisation (default: the sandbox's first)."
    ),
) -> None:
    """Make the sandbox send a signed test delivery (signed with XERO_WEBHOOK_KEY)."""
    from xerocli import errors
    from xerocli.api.webhooks import trigger_sandbox

    category, event_type = category.upper(), event_type.upper()
    if category not in CATEGORIES:
        raise errors.UsageError(f"--category {category}: use one of {', '.join(CATEGORIES)}")
    if event_type not in EVENT_TYPES:
        raise errors.UsageError(f"--event-type {event_type}: use CREATE or UPDATE")
    if to and not to.startswith(("http://", "https://")):
        raise errors.UsageError(f"--to {to!r}: give an http:// or https:// URL")
    url = _sandbox_url(ctx, "trigger")
    key = webhook_key()
    report = trigger_sandbox(
        url,
        key=key,
        to=to,
        category=category,
        event_type=event_type,
        resource_id=resource_id,
        tenant_id=tenant_id,
    )
    deliveries = report.get("deliveries") or []
    if not deliveries:
        raise errors.UsageError(
            "the sandbox has no webhook subscription: pass --to URL or run `xero webhooks"
            " subscribe --to URL`"
        )
    failed = []
    for delivery in deliveries:
        status = delivery.get("status")
        problem = delivery.get("problem")
        answer = f"answered {status}" if status else f"failed: {problem}"
        if status and problem:  # a redirect, reported and not followed
            answer += f" ({problem})"
        _say(f"sent {category} {event_type} to {delivery.get('url')}: {answer}")
        if not status or not 200 <= int(status) < 300:
            failed.append(delivery)
    if failed:
        hint = (
            " (does the receiver use the same webhook key?)"
            if any(d.get("status") == 401 for d in failed)
            else ""
        )
        # A receiver that refused the signature is an auth failure (4); one that could not be
        # reached, or answered anything else, is unavailable (8).
        refused = all(d.get("status") in (401, 403) for d in failed)
        failure = errors.AuthError if refused else errors.UnavailableError
        raise failure(f"{len(failed)} of {len(deliveries)} deliveries failed{hint}")


@app.command("subscribe")
def subscribe(
    ctx: typer.Context,
    to: str = typer.Option(..., "--to", help="Receiver URL for the sandbox's deliveries."),
) -> None:
    """Make the sandbox send a URL a delivery when invoices, contacts or credit notes change.

    Each delivery is signed with XERO_WEBHOOK_KEY. The URL first gets Xero's intent-to-receive
    check, and no event is sent to it until it passes.
    """
    from xerocli import errors
    from xerocli.api.webhooks import subscribe_sandbox

    if not to.startswith(("http://", "https://")):
        raise errors.UsageError(f"--to {to!r}: give an http:// or https:// URL")
    url = _sandbox_url(ctx, "subscribe")
    answer = subscribe_sandbox(url, key=webhook_key(), to=to)
    if answer.get("active") is False:
        raise intent_check_failure(to, answer.get("intent") or {})
    _say(f"the sandbox at {url} now sends invoice, contact and credit note changes to {to}")


def intent_check_failure(to: str, intent: dict) -> Exception:
    """The error for a URL that failed Xero's intent-to-receive check (a delivery signed with
    the key must get 200, one signed with another key 401): no events go to it until it
    passes. The code follows `trigger`: the receiver refused the signature -> 4, anything else
    (unreachable, or a receiver that takes any signature) -> 8."""
    from xerocli import errors

    good, bad = intent.get("good"), intent.get("bad")

    def got(status: Any) -> str:
        return f"answered {status}" if status else "got no answer"

    message = (
        f"{to} failed the intent-to-receive check, so no events are sent to it: a delivery"
        f" signed with the key {got(good)} (Xero wants 200), one signed with another key"
        f" {got(bad)} (Xero wants 401)"
    )
    if good in (401, 403):
        return errors.AuthError(message + "; does the receiver use the same webhook key?")
    if good == 200:
        message += "; the receiver must refuse a bad signature with 401"
    return errors.UnavailableError(message + "; fix it and subscribe again")

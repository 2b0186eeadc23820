"""The receiver answers Xero what happened to a delivery's printing.

200 once `process` printed it (or when the wait for it runs out, or at once when there is no
wait); 503 when it was not printed (the output gone, `process` failing), so that Xero sends it
again; and a delivery answered 200 that was never printed is listed by `unprinted()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.helpers import loopback
from tests.helpers.webhooks import KEY, delivery, event, sign
from xerocli.api.webhook_server import WebhookReceiver
from xerocli.api.webhooks import Delivery, parse_delivery

#: Each receiver's `serve_forever` thread.
SERVING: dict[WebhookReceiver, threading.Thread] = {}


@contextmanager
def serving(
    process: Callable[[Delivery], bool], problems: list[str], **options: object
) -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(
        "127.0.0.1", 0, "/webhooks", KEY, process, problems.append, **options
    )
    server = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05})
    server.start()
    SERVING[receiver] = server
    try:
        yield receiver
    finally:
        receiver.shutdown()
        server.join(5)
        receiver.finish(wait=5)
        del SERVING[receiver]


def post(receiver: WebhookReceiver, body: bytes) -> int:
    headers = {"Content-Type": "application/json", "x-xero-signature": sign(body)}
    return loopback.post(receiver.url, content=body, headers=headers, timeout=10).status_code


def test_with_a_wait_200_comes_after_the_delivery_is_printed() -> None:
    printed: list[int | None] = []
    problems: list[str] = []

    def process(d: Delivery) -> bool:
        time.sleep(0.2)  # a slow reader of stdout
        printed.append(d.first_sequence)
        return True

    with serving(process, problems, ack_wait=2.0) as receiver:
        assert post(receiver, delivery(event(), sequence=4)) == 200
        assert printed == [4]  # printed before the answer, not after
        assert receiver.unprinted() == []


def test_a_delivery_that_could_not_be_printed_is_answered_503_and_the_rest_too() -> None:
    problems: list[str] = []
    calls: list[int | None] = []

    def stdout_gone(d: Delivery) -> bool:
        calls.append(d.first_sequence)
        return False

    with serving(stdout_gone, problems, ack_wait=2.0) as receiver:
        assert post(receiver, delivery(event(), sequence=4)) == 503
        assert receiver.output_gone
        # Answered 503 while it still serves, and it stops serving by itself.
        answer = receiver.accept(parse_delivery(delivery(event(), sequence=5)))
        assert answer == "stdout is closed, so it cannot be printed (Xero sends it again)"
        SERVING[receiver].join(5)
        assert not SERVING[receiver].is_alive(), "it kept serving without an output"
        assert receiver.unprinted() == [] and receiver.accepted == 0
    assert calls == [4]
    assert any("stdout was closed" in line for line in problems)
    assert any("delivery #4: not printed (Xero sends it again)" in line for line in problems)


def test_an_output_known_closed_refuses_before_queueing() -> None:
    problems: list[str] = []
    calls: list[Delivery] = []
    closed = threading.Event()

    def process(d: Delivery) -> bool:
        calls.append(d)
        return True

    # A wait for the print: answered 200 once #1 is printed, so the worker is done with it
    # before the reader leaves (without it, #1 could still be queued then, and not printed).
    with serving(process, problems, output_closed=closed.is_set, ack_wait=5.0) as receiver:
        assert post(receiver, delivery(event(), sequence=1)) == 200
        closed.set()  # the reader left, before anything more was written
        assert post(receiver, delivery(event(), sequence=2)) == 503
    assert [d.first_sequence for d in calls] == [1]
    assert any("delivery #2: stdout is closed" in line for line in problems)


def test_a_delivery_failing_to_print_after_its_200_is_named_as_lost() -> None:
    """No wait (a slow `process`): 200 at once, and a print that fails later is a lost
    delivery, the caller's to name; as is one the stop came before."""
    problems: list[str] = []
    release = threading.Event()

    def slow_then_gone(d: Delivery) -> bool:
        release.wait(5)
        return False

    with serving(slow_then_gone, problems) as receiver:
        assert post(receiver, delivery(event(), sequence=8)) == 200
        release.set()
        deadline = time.monotonic() + 5
        while not receiver.output_gone:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    assert [d.first_sequence for d in receiver.unprinted()] == [8]


def test_a_stop_that_gives_up_on_the_worker_lists_what_it_did_not_print() -> None:
    problems: list[str] = []
    release = threading.Event()
    receiver = WebhookReceiver(
        "127.0.0.1", 0, "/webhooks", KEY, lambda d: release.wait(5), problems.append
    )
    server = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05})
    server.start()
    try:
        assert post(receiver, delivery(event(), sequence=1)) == 200  # the worker holds it
        assert post(receiver, delivery(event(), sequence=2)) == 200  # queued behind it
    finally:
        receiver.shutdown()
        server.join(5)
    assert receiver.finish(wait=0.2) is False
    release.set()
    assert [d.first_sequence for d in receiver.unprinted()] == [1, 2]
    receiver.worker.join(5)
    # The worker, let go, prints nothing more: #2 stays unprinted, as it was named.
    assert [d.first_sequence for d in receiver.unprinted()] == [2]


def test_process_raising_is_answered_503_and_not_remembered() -> None:
    problems: list[str] = []
    outcomes = iter([RuntimeError("boom"), True])
    printed: list[Delivery] = []

    def flaky(d: Delivery) -> bool:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        printed.append(d)
        return outcome

    body = delivery(event(), sequence=3)
    with serving(flaky, problems, ack_wait=2.0) as receiver:
        assert post(receiver, body) == 503
        assert post(receiver, body) == 200  # Xero's retry prints: the failure was not printed
        assert post(receiver, body) == 200  # and the next retry is a repeat
    assert len(printed) == 1
    assert any("processing failed: RuntimeError: boom" in line for line in problems)
    assert sum("a repeat of an already printed delivery" in line for line in problems) == 1


def test_a_repeat_queued_behind_the_delivery_it_repeats_is_not_printed_twice() -> None:
    """Xero's retry can come while the first is still queued (--fetch being slow): the
    worker, not only the handler, knows it for a repeat."""
    problems: list[str] = []
    release = threading.Event()
    printed: list[Delivery] = []

    def slow(d: Delivery) -> bool:
        release.wait(5)
        printed.append(d)
        return True

    body = delivery(event(), sequence=11)
    with serving(slow, problems) as receiver:
        assert post(receiver, body) == 200  # no wait: answered while it is being processed
        assert post(receiver, body) == 200  # the retry, queued behind it
        release.set()
    assert len(printed) == 1
    assert receiver.repeats == 1 and receiver.accepted == 2
    assert sum("#11: a repeat of an already printed" in line for line in problems) == 1

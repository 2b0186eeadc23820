"""`xero webhooks listen` prints a delivery once, though Xero sends it again.

Xero sends a delivery again (the same events, the same firstEventSequence/lastEventSequence)
when its answer did not reach Xero in time; a consumer of stdout must not see its events twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env
from tests.helpers.webhooks import KEY, Listener, delivery, event


@pytest.fixture
def listener(home: Path) -> Iterator[Listener]:
    running = Listener(isolated_env(home, XERO_WEBHOOK_KEY=KEY), "--read-timeout", "1")
    yield running
    running.stop()


def test_a_delivery_sent_again_is_answered_200_and_printed_once(listener: Listener) -> None:
    first, second = event(), event(category="CONTACT")
    body = delivery(first, second, sequence=7)
    assert listener.post(body).status_code == 200
    assert listener.take(2) == [first, second]

    # Xero's retry: the same delivery, here with another entropy and another key order.
    payload = json.loads(body)
    payload["entropy"] = "ANOTHERENTROPYVALUE0"
    again = json.dumps(dict(reversed(list(payload.items())))).encode()
    assert listener.post(body).status_code == 200
    assert listener.post(again).status_code == 200
    # Other deliveries still print: new numbers, and the same numbers with other events.
    later, same_numbers = event(), event()
    assert listener.post(delivery(later, sequence=9)).status_code == 200
    assert listener.post(delivery(same_numbers, sequence=7)).status_code == 200
    assert listener.take(1) == [later]  # the repeats were not printed
    assert listener.take(1) == [same_numbers]

    assert listener.stop() == 0
    listener.assert_no_more_lines()
    repeats = [line for line in listener.stderr if "a repeat of" in line]
    assert (
        repeats
        == [
            "xero: delivery #7-8: a repeat of an already printed delivery (Xero sent it again):"
            " not printed again\n"
        ]
        * 2
    )
    assert "stopped: 5 deliveries, 4 events, 2 repeats" in "".join(listener.stderr)


def test_intent_to_receive_deliveries_are_never_repeats(listener: Listener) -> None:
    intent = delivery()  # no events: Xero sends it alike, again and again
    assert [listener.post(intent).status_code for _ in range(3)] == [200] * 3
    sent = event()
    assert listener.post(delivery(sent, sequence=0)).status_code == 200
    assert listener.next_json() == sent
    assert listener.stop() == 0
    assert not any("repeat" in line for line in listener.stderr)


def test_the_memory_is_bounded_and_forgets_the_oldest() -> None:
    from xerocli.api.webhooks import ReplayMemory, parse_delivery

    memory = ReplayMemory(size=2)
    deliveries = [parse_delivery(delivery(event(), sequence=n)) for n in range(3)]
    for printed in deliveries:
        memory.remember(printed)
    assert len(memory) == 2
    assert [memory.seen(d) for d in deliveries] == [False, True, True]
    memory.remember(deliveries[0])  # printed again: the newest now
    assert [memory.seen(d) for d in deliveries] == [True, False, True]
    empty = parse_delivery(delivery())
    memory.remember(empty)
    assert not memory.seen(empty) and len(memory) == 2

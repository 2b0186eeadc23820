"""The in-process pacer follows the minute limit Xero reports, down and back up.

A unit test of `InProcessLimiter` on a fake clock: what it is given is Xero's
`X-MinLimit-Remaining` header, and another program's busy minute (what lowers it) is not
something to wait a real minute for.
"""

from __future__ import annotations

from xerocli.api.pacing import InProcessLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _call(pacer: InProcessLimiter, time: FakeTime, remaining: int) -> None:
    lease = pacer.acquire("tenant")
    time.now += 0.2  # the call's round trip
    pacer.release(lease, {"X-MinLimit-Remaining": str(remaining)})


def test_a_limit_lowered_by_another_programs_minute_comes_back() -> None:
    time = FakeTime()
    pacer = InProcessLimiter(minute_limit=60, concurrent=1, clock=time.clock, sleep=time.sleep)
    _call(pacer, time, remaining=1)  # another program spent 58 of this minute's 60
    _call(pacer, time, remaining=0)
    _call(pacer, time, remaining=58)  # waited the minute out; the other's calls aged out too
    assert sum(time.slept) > 55  # the wait for the busy minute
    time.slept.clear()
    for left in range(57, 27, -1):  # thirty calls more, well within Xero's 60 a minute
        _call(pacer, time, remaining=left)
    assert time.slept == []  # kept at the lowest limit, it waited a minute every two calls


def test_a_limit_still_spent_by_another_program_is_kept() -> None:
    time = FakeTime()
    pacer = InProcessLimiter(minute_limit=60, concurrent=1, clock=time.clock, sleep=time.sleep)
    _call(pacer, time, remaining=1)
    _call(pacer, time, remaining=0)
    before = time.now
    _call(pacer, time, remaining=0)  # the third call of the minute waits for the first two
    assert time.now - before > 55

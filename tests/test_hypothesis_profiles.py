"""Property tests are repeatable by default: the same inputs on every run (profile "ci"), and
new ones only when asked (`--hypothesis-profile=random`, or XERO_HYPOTHESIS_PROFILE=random)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reliability.fuzz_inputs import examples


def draws() -> list[str]:
    seen: list[str] = []

    @given(st.text(min_size=1))
    def probe(text: str) -> None:
        seen.append(text)

    probe()
    return seen


def test_two_runs_of_a_property_test_try_the_same_inputs_unless_random_is_asked() -> None:
    first, second = draws(), draws()
    if settings.default.derandomize:
        assert first == second
        assert settings.default.max_examples == 100 and examples(400) == 400
    else:  # the "random" profile: a longer hunt with new inputs each time
        assert first != second
        assert settings.default.max_examples == 1000 and examples(400) == 4000

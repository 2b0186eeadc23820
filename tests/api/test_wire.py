"""`wire.loads` is fast (issue 18) and gives exactly what the former one-regex pass gave.

The reference (tests/api/wire_reference.py) is that former implementation, copied: every
generated text must come out of both the same, Decimals digit for digit (compared by `repr`),
quirks included.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.api.wire_reference import old_iso_dates, old_loads, old_ms_date_to_iso
from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, tenant_client
from xerocli.api import wire

# --- Xero-like JSON text ------------------------------------------------------------------------
XERO_KEYS = st.sampled_from(
    ["Date", "DueDate", "UpdatedDateUTC", "DateTimeUTC", "FullyPaidOnDate", "ExpiryUtc", "_", ""]
)
ODD_KEYS = st.sampled_from(["Due-Date", "Dátum", "日付", 'Odd"', "a\\", "Date ", "٣Date", "a/b"])
KEYS = st.one_of(XERO_KEYS, XERO_KEYS, ODD_KEYS, st.text(max_size=6))
OFFSETS = st.sampled_from(["", "+0000", "-0000", "+1300", "-0530", "+0945", "+1", "-٠٠٠٠"])
MS = st.integers(-(10**13), 10**13) | st.sampled_from([0, -1, 1539993600000, -2208988800000])


@st.composite
def date_value(draw: st.DrawFn) -> str:
    """A `/Date(...)/` string literal as Xero writes it (escaped slashes or not), or a near miss."""
    ms, offset = draw(MS), draw(OFFSETS)
    opening, closing = draw(st.sampled_from([("/", "/"), ("\\/", "\\/"), ("\\/", "/"), ("/", "")]))
    digits = draw(st.sampled_from([str(ms), str(ms), str(ms).replace("1", "١"), f"{ms} "]))
    return f'"{opening}Date({digits}{offset}){closing}"'


LOOK_ALIKES = st.sampled_from(
    [
        "Paid /Date(1539993600000+0000)/ late",
        "/Date(1539993600000+0000)/ and more",
        '"Date":"/Date(0)/"',
        '{"DueDate":"\\/Date(86400000)\\/"}',
        'x":"/Date(5)/',
        "/Date(",
        ')/"',
    ]
)
STRINGS = st.one_of(st.text(max_size=12), LOOK_ALIKES).flatmap(
    lambda text: st.sampled_from([json.dumps(text), json.dumps(text, ensure_ascii=False)])
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(0, 12)
    .flatmap(lambda places: st.decimals(allow_nan=False, allow_infinity=False, places=places))
    .map(lambda number: f"{number:f}"),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["12.3400", "-0.0", "1.000000", "1e5", "-1.5E-7", "0.10"]),
)
SCALARS = st.one_of(
    date_value(), date_value(), date_value(), STRINGS, NUMBERS, st.sampled_from(["true", "null"])
)
SEPARATORS = st.sampled_from([":", ":", ":", ": "])


def _obj(pairs: list[tuple[str, str, str]]) -> str:
    return "{" + ",".join(f"{json.dumps(key)}{colon}{value}" for key, colon, value in pairs) + "}"


JSON_TEXT = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]")
        | st.lists(st.tuples(KEYS, SEPARATORS, date_value() | inner), max_size=5).map(_obj)
    ),
    max_leaves=25,
)


def compact(value: Any) -> str:
    """JSON as Xero writes it: no space after the colon (the date pass needs `":"`)."""
    return json.dumps(value, separators=(",", ":"))


def outcome(parse, text: str) -> str:
    """What a parse gave, exactly (repr keeps Decimal digits), or the exception's type."""
    try:
        return repr(parse(text))
    except Exception as error:  # the same failure is part of "the same result"
        return type(error).__name__


@settings(max_examples=200, deadline=None)
@given(JSON_TEXT)
@example('{"ExpiryUtc":"/Date(0)/","StartDateTime":"\\/Date(86400000+0000)\\/","Date":"/Date(0)/"}')
def test_loads_equals_the_former_loads_on_xero_like_json(text: str) -> None:
    assert outcome(wire.loads, text) == outcome(old_loads, text)
    assert outcome(wire.loads, text.encode()) == outcome(old_loads, text)


FRAGMENTS = st.sampled_from(
    ['"', '"', ":", '":"', '":"', "\\", "/", "/Date(", "\\/Date(", ")", ")/", ')/"', ')\\/"',
     "-", "+0000", "-0530", "+13", "1", "42", "Date", "UTC", "a", "_", "é", "٣", " ", ",", "{",
     '"Date":"/Date(1539993600000+0000)/"', '"UpdatedDateUTC":"\\/Date(-1)\\/"',
     'Due":"/Date(0)/"', '_":"\\/Date(7+1300)\\/"']
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
@example('"Date":"/Date(0)/"DueDate":"/Date(0)/"')  # pairs may not overlap
@example('{"a\\"":"/Date(0)/"}')  # the key is what follows the last quote
def test_date_conversion_equals_the_former_regex_pass_on_any_text(text: str) -> None:
    """Not only JSON: overlapping pairs, keys after escaped quotes, Unicode digits."""
    assert wire.iso_dates(text) == old_iso_dates(text)


@settings(max_examples=500, deadline=None)
@given(
    st.integers(-(10**15), 10**15)
    | st.integers(-(10**25), 10**25)
    | st.integers(-720_000, 2_940_000).map(lambda day: day * 86_400_000),
    st.sampled_from([None, "", "+0000", "-0000", "+1300", "-0530", "+0000 ", "+٠٠٠٠"]),
    st.booleans(),
)
@example(253_402_300_799_999, None, True)  # the last millisecond of year 9999
@example(253_402_300_800_000, "+0000", False)  # year 10000: OverflowError, as before
@example(-62_135_596_800_000, "", False)  # 0001-01-01
@example(-62_135_596_800_001, "", True)  # before year 1
def test_one_date_converts_as_before(ms: int, offset: str | None, timestamp: bool) -> None:
    """Midnights, milliseconds, pre-1970 and dates past datetime's years (the same error)."""
    expected = outcome(lambda _: old_ms_date_to_iso(ms, offset, timestamp), "")
    assert outcome(lambda _: wire.ms_date_to_iso(ms, offset, timestamp), "") == expected


def test_a_date_inside_a_longer_string_is_left_as_it_was() -> None:
    text = compact(
        {
            "Reference": "Paid /Date(1539993600000+0000)/ late",
            "Note": '"DueDate":"/Date(1539993600000+0000)/"',
            "Date": "/Date(1539993600000+0000)/",
        }
    )
    payload = wire.loads(text)
    assert payload == old_loads(text)
    assert payload["Reference"] == "Paid /Date(1539993600000+0000)/ late"
    assert payload["Note"] == '"DueDate":"/Date(1539993600000+0000)/"'
    assert payload["Date"] == "2018-10-20"


def test_escaped_slashes_pre_1970_and_offsets_convert_as_before() -> None:
    text = (
        '{"Date":"\\/Date(-2208988800000+0000)\\/","UpdatedDateUTC":"\\/Date(-1)\\/",'
        '"DueDate":"/Date(1539993600000-0530)/","Total":-0.0100}'
    )
    payload = wire.loads(text)
    assert repr(payload) == repr(old_loads(text))
    assert payload["Date"] == "1900-01-01"
    assert payload["UpdatedDateUTC"] == "1969-12-31T23:59:59.999Z"
    assert payload["DueDate"] == "2018-10-19T18:30:00-05:30"
    assert repr(payload["Total"]) == "Decimal('-0.0100')"


# --- the structure that makes it fast (no timing is asserted) -----------------------------------
def test_the_date_search_starts_at_the_literal_not_at_every_quote() -> None:
    """A pattern that begins with a literal lets the regex engine jump between `/Date(`s; the
    former one began with `"` and so started a match attempt at every quote of the page."""
    assert wire._DATE_VALUE.pattern.startswith("/Date\\(")


def test_a_pair_seen_before_is_not_converted_again(monkeypatch) -> None:
    calls: list[int] = []
    convert = wire.ms_date_to_iso

    def counting(ms: int, offset: str | None, timestamp: bool) -> str:
        calls.append(ms)
        return convert(ms, offset, timestamp)

    monkeypatch.setattr(wire, "ms_date_to_iso", counting)
    page = compact(
        [
            {"Date": f"/Date({day * 86_400_000}+0000)/", "DueDate": "/Date(0+0000)/"}
            for day in range(50)
        ]
    )
    first = wire.loads(page)
    assert first[1] == {"Date": "1970-01-02", "DueDate": "1970-01-01"}
    assert len(calls) <= 51  # 50 distinct dates and one shared due date, not 100
    calls.clear()
    assert wire.loads(page) == first
    assert calls == []


def test_the_conversion_caches_stay_bounded() -> None:
    """Values per kind of key, and keys: a hostile page of distinct keys grows nothing."""
    many = wire._CONVERTED_MAX + 500
    page = compact(
        [{"Date": f"/Date({n * 1000})/", f"UTC{n}": f"/Date({n * 1000})/"} for n in range(many)]
        + [{"UpdatedDateUTC": f"/Date({n})/"} for n in range(many)]
    )
    payload = wire.loads(page)
    assert payload[many - 1]["Date"] == "1970-01-01T01:16:35Z"  # converted
    seconds, milliseconds = divmod(many - 1, 1000)
    assert payload[-1]["UpdatedDateUTC"] == f"1970-01-01T00:00:0{seconds}.{milliseconds:03d}Z"
    for cache in (wire._AS_DATE, wire._AS_TIMESTAMP, wire._KEY_KINDS):
        assert 0 < len(cache) <= wire._CONVERTED_MAX


# --- a real page ----------------------------------------------------------------------------------
def test_a_sandbox_page_parses_as_before(sandbox: RunningSandbox) -> None:
    token = login(sandbox.url)
    with tenant_client(sandbox, token, 0) as client:
        answer = client.get("/Invoices", params={"page": 1, "pageSize": 100})
    assert answer.status_code == httpx.codes.OK
    text = answer.text
    assert text.count("/Date(") > 300
    assert repr(wire.loads(text)) == repr(old_loads(text))
    escaped = text.replace("/Date(", "\\/Date(").replace(')/"', ')\\/"')  # as real Xero sends it
    assert repr(wire.loads(escaped)) == repr(old_loads(text))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.tuples(st.integers(-(10**13), 253_402_300_799_999), st.sampled_from(["+0000", ""]))
        .map(lambda pair: f"/Date({pair[0]}{pair[1]})/"),
        st.text(alphabet=st.sampled_from(list("/Date()+-0123456789١ x")), max_size=20),
        st.sampled_from(["/Date(+0000)/", "/Date(1+0000)/ ", "/Date(١٢+0000)/", "/Date(1-0530)/"]),
    ),
    st.sampled_from(["Date", "UpdatedDateUTC", "StartDateTime", "Reference"]),
)  # fmt: skip
def test_a_string_value_converts_as_the_text_pass_converts_it(value: str, key: str) -> None:
    """`date_text` (a fields page's dates, converted after decoding) gives what `iso_dates`
    makes of the same value under the same key: its UTC shortcut and the regex alike. (The
    value as Xero writes it, not `\\u`-escaped: the text pass never saw through an escape.)"""
    wire.clear_caches()
    text = json.dumps({key: value}, ensure_ascii=False, separators=(",", ":"))
    expected = json.loads(wire.iso_dates(text))[key]
    assert wire.date_text(value, wire.date_kind(key) == 1) == expected
    assert wire.date_text(value, wire.date_kind(key) == 1) == expected  # and once cached

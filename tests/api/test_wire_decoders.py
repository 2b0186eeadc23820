"""msgspec's decoder gives exactly the standard library's values (issue 18).

`wire.parse_json` parses with msgspec (`float_hook=Decimal`) and falls back to
`json.loads(parse_float=Decimal)` for what msgspec refuses. Compared by `repr`, so a Decimal's
digits, int against Decimal, and key order count; an error must be the standard library's.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, tenant_client
from xerocli.api import wire


def outcome(parse, text: str) -> str:
    """What a parse gave, exactly, or the exception's type."""
    try:
        return repr(parse(text))
    except Exception as error:
        return type(error).__name__


def msgspec_alone(text: str) -> Any:
    """The fast decoder without the fallback."""
    decode = wire._fast_decoder()
    assert decode is not None, "msgspec is a dependency: pip install msgspec"
    return decode(text)


def same_values(text: str) -> None:
    """parse_json is the standard library's parse; msgspec alone gives it too, or refuses."""
    expected = outcome(wire.stdlib_parse_json, text)
    assert outcome(wire.parse_json, text) == expected
    assert outcome(wire.parse_json, text + " " * wire.FAST_MIN_CHARS) == expected  # msgspec's
    try:
        fast = repr(msgspec_alone(text))
    except ValueError:
        return  # refused: parse_json fell back (checked above)
    assert fast == expected


# --- JSON text of every shape --------------------------------------------------------------------
NUMBERS = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1]).map(str),
    st.integers(0, 30)
    .flatmap(lambda places: st.decimals(allow_nan=False, allow_infinity=False, places=places))
    .map(lambda number: f"{number:f}"),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["-0", "-0.0", "0e0", "1e5", "1E+5", "-1.5E-7", "1e400", "12.3400", "0.10"]),
)
ODD_NUMBERS = st.sampled_from(["NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10"])
STRINGS = st.one_of(
    st.text(max_size=10).map(lambda text: json.dumps(text, ensure_ascii=False)),
    st.text(max_size=10).map(json.dumps),  # \uXXXX escapes, surrogate pairs
    st.sampled_from(
        ['"\\ud800"', '"\\udfff x"', '"\\ud83d\\ude00"', '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
         '"Dátum 日付 😀"', '"2026-02-06T12:17:43.202Z"', '"/Date(0+0000)/"', '"a\x01b"',
         '"\\x41"', '"tab\there"']
    ),
)  # fmt: skip
SCALARS = st.one_of(
    NUMBERS, NUMBERS, ODD_NUMBERS, STRINGS, STRINGS, st.sampled_from(["true", "false", "null"])
)
SPACE = st.sampled_from(["", "", " ", "\n", "\t ", "\r\n"])
KEYS = st.one_of(STRINGS, st.sampled_from(['"Date"', '"Total"', '"LineItems"', '""']))


@st.composite
def _object(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    pairs = draw(st.lists(st.tuples(KEYS, SPACE, inner), max_size=5))
    return "{" + ",".join(f"{key}{space}:{space}{value}" for key, space, value in pairs) + "}"


JSON_TEXT = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]") | _object(inner)
    ),
    max_leaves=30,
)
BROKEN = st.sampled_from(["", " ", "[1,]", '{"a":1,}', "{", '{"a"}', "[1] [2]", "tru", "\ufeff[]"])


@settings(max_examples=300, deadline=None)
@given(SPACE, JSON_TEXT, SPACE)
@example("", '{"a":1,"a":2.50}', "")  # the last of a repeated key, as json.loads keeps it
@example("", "[" + "[" * 200 + "]" * 200 + "]", "")
def test_msgspec_gives_the_standard_librarys_values(before: str, text: str, after: str) -> None:
    same_values(before + text + after)


@settings(max_examples=100, deadline=None)
@given(JSON_TEXT, BROKEN)
def test_a_text_neither_takes_fails_as_the_standard_library_fails(text: str, broken: str) -> None:
    same_values(broken)
    same_values(text + broken)
    same_values(text[: len(text) // 2])


def test_every_field_shape_of_a_page_is_decoded_by_msgspec_itself() -> None:
    """A page-like answer that msgspec takes (no fallback): nested records, ISO dates, Decimals
    with many places and exponents, big ints, Unicode and escapes, as the stdlib gives them."""
    text = (
        '{"Id":"x","Status":"OK",'
        '"ProviderName":"Tést \\u00e9 日付 \\ud83d\\ude00 \\"q\\" \\\\ \\/",'
        '"pagination":{"page":1,"pageSize":1000,"pageCount":102,"itemCount":101058},'
        '"Invoices":[{"InvoiceID":"5b2b","Date":"2026-02-06","UpdatedDateUTC":'
        '"2026-02-06T12:17:43.202Z","Total":1234.5600,"CurrencyRate":1.0000000000000000000001,'
        '"Tiny":1E-30,"Huge":-1.5e+300,"Over":1e400,"Zero":0.00,"NegZero":-0.0,"Count":-0,'
        '"Big":123456789012345678901234567890,"Int64":9223372036854775808,"Neg":-9223372036854775809,'
        '"HasAttachments":false,"Reference":null,"LineItems":[{"Quantity":2.0000,"Tracking":[]},'
        '{"Description":"line\\nbreak\\ttab","Tracking":[{"Name":"Région","Option":"Nörd"}]}],'
        '"Empty":{},"List":[1,2.5,"3",[4,[5.50]]]}]}'
    )
    fast = msgspec_alone(text)
    assert repr(fast) == repr(wire.stdlib_parse_json(text))
    invoice = fast["Invoices"][0]
    assert repr(invoice["Total"]) == "Decimal('1234.5600')"
    assert repr(invoice["CurrencyRate"]) == "Decimal('1.0000000000000000000001')"
    assert [repr(invoice[key]) for key in ("Tiny", "Huge", "Over")] == [
        "Decimal('1E-30')", "Decimal('-1.5E+300')", "Decimal('1E+400')"
    ]  # fmt: skip
    assert type(invoice["Big"]) is int and invoice["Big"] == 123456789012345678901234567890
    assert type(invoice["Count"]) is int and type(fast["pagination"]["page"]) is int
    assert invoice["LineItems"][1]["Tracking"][0]["Name"] == "Région"


def test_what_msgspec_refuses_the_standard_library_still_reads() -> None:
    """NaN and a lone surrogate are read as before (msgspec refuses both): no error is new."""
    for text in ('{"a":NaN}', '["\\ud800"]', '"\ud800"', "[Infinity, -Infinity]"):
        with pytest.raises(ValueError):
            msgspec_alone(text)
        assert outcome(wire.parse_json, text) == outcome(wire.stdlib_parse_json, text)
    assert repr(wire.loads('{"a":NaN,"b":1.10}')) == "{'a': nan, 'b': Decimal('1.10')}"


def test_only_a_big_text_is_worth_importing_msgspec(monkeypatch) -> None:
    """An export's page (1,000 records, ~1.5 MB) is parsed by msgspec; a small answer (a
    record, a page of 100) by the standard library, without importing msgspec (15-25 ms)."""
    used: list[int] = []
    fast = wire._fast_decoder()

    def counting() -> Any:
        used.append(1)
        return fast

    monkeypatch.setattr(wire, "_fast_decoder", counting)
    small = '{"Invoices":[' + ",".join(['{"Total":1.50}'] * 1000) + "]}"
    assert len(small) < wire.FAST_MIN_CHARS and wire.parse_json(small)["Invoices"][999]
    assert used == []
    page = small.replace("1.50", "1.50" + "0" * 600)
    assert len(page) >= wire.FAST_MIN_CHARS
    assert repr(wire.parse_json(page)) == repr(wire.stdlib_parse_json(page)) and used == [1]
    assert 256 * 1024 <= wire.FAST_MIN_CHARS <= 1024 * 1024  # a page of 1,000 is ~1.5 MB


def test_without_msgspec_the_standard_library_parses(monkeypatch) -> None:
    monkeypatch.setattr(wire, "_FAST", [None])
    text = '{"Date":"/Date(1539993600000+0000)/","Total":12.3400,"N":7}'
    expected = "{'Date': '2018-10-20', 'Total': Decimal('12.3400'), 'N': 7}"
    assert repr(wire.loads(text + " " * wire.FAST_MIN_CHARS)) == expected


def test_a_sandbox_page_decodes_alike(sandbox: RunningSandbox) -> None:
    token = login(sandbox.url)
    with tenant_client(sandbox, token, 0) as client:
        answer = client.get("/Invoices", params={"page": 1, "pageSize": 100, "unitdp": 4})
    assert answer.status_code == httpx.codes.OK
    text = wire.iso_dates(answer.text)
    fast = msgspec_alone(text)
    assert repr(fast) == repr(wire.stdlib_parse_json(text))
    assert any(type(value) is Decimal for value in fast["Invoices"][0].values())

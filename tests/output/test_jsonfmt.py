"""JSON output and request bodies: Decimals exact, and written without simplejson's namedtuple
probing (a lookup of `_asdict` on the values it writes, ~8x the time of a page of invoices)."""

from __future__ import annotations

from decimal import Decimal

import simplejson

from xerocli.api.client import wire_dumps
from xerocli.output import jsonfmt


class LooksLikeANamedTuple(tuple):
    """What simplejson's namedtuple probe looks for: a tuple with `_asdict`."""

    def _asdict(self) -> dict:
        return {"probed": True}


def test_json_is_written_as_before_without_probing_for_namedtuples() -> None:
    record = {
        "InvoiceNumber": "INV-0001 ÷ café",
        "Total": Decimal("1234.5000"),
        "LineItems": [{"UnitAmount": Decimal("0.0001"), "Tracking": []}, {"Quantity": 1}],
        "IsDiscounted": False,
        "Reference": None,
    }
    assert jsonfmt.dumps_pretty(record) == simplejson.dumps(
        record, use_decimal=True, ensure_ascii=False, indent=2
    )
    compact = simplejson.dumps(record, use_decimal=True, ensure_ascii=False, separators=(",", ":"))
    assert jsonfmt.dumps_compact(record) == compact
    assert '"Total":1234.5000' in compact
    assert wire_dumps(record) == simplejson.dumps(record, use_decimal=True, ensure_ascii=False)
    probe = LooksLikeANamedTuple((1, 2))
    assert jsonfmt.dumps_compact({"x": probe}) == '{"x":[1,2]}'
    assert wire_dumps([probe]) == "[[1, 2]]"

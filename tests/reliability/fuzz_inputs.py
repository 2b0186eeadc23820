"""Hypothesis strategies for `invoices create --file`: invoices as JSON and CSV, mostly
almost right (one field wrong, missing, extra, mistyped), sometimes plain wrong."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st


def examples(base: int) -> int:
    """`base` examples in the default (derandomized) profile, scaled with the profile's
    `max_examples` (100 in "ci", 1000 in "random": ten times as many)."""
    return max(1, base * settings.default.max_examples // 100)


GOOD_LINE = {"Description": "Widget", "Quantity": "2", "UnitAmount": "10.50", "AccountCode": "200"}

#: Values a careless file holds: right, wrong type, wrong format, too precise, not finite.
JSON_VALUES = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            0,
            -1,
            7,
            10**30,
            1.5,
            1e308,
            "",
            " ",
            "abc",
            "1.23456",
            "12.3456",
            "-5",
            "1e3",
            "NaN",
            "Infinity",
            "2026-05-01",
            "2026-02-30",
            "01/05/2026",
            "2026-05-01T10:00:00",
            "ACCREC",
            "ACCPAY",
            "AUTHORISED",
            "DRAFT",
            "PAID",
            "nzd",
            "NZD",
            "ZZ",
            [],
            {},
            [1],
            {"Name": "x"},
            "é漢字",
            "\u0000",
            "=1+1",
        ]
    ),
    st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=6).map(str),
)
INVOICE_FIELDS = [
    "Type",
    "Contact",
    "LineItems",
    "Date",
    "DueDate",
    "LineAmountTypes",
    "Status",
    "CurrencyCode",
    "CurrencyRate",
    "InvoiceNumber",
    "SentToContact",
    "Bogus",
]
LINE_FIELDS = ["Description", "Quantity", "UnitAmount", "AccountCode", "DiscountRate", "Extra"]


def good_invoice(reference: str, number: int) -> dict[str, Any]:
    return {
        "Type": "ACCREC",
        "Contact": {"Name": "Fuzz Customer"},
        "Reference": reference,
        "Date": "2026-05-01",
        "DueDate": "2026-05-31",
        "LineItems": [{**GOOD_LINE, "Description": f"Widget {number}"}],
    }


@st.composite
def mutated_invoice(draw, reference: str, number: int) -> dict[str, Any]:
    invoice = good_invoice(reference, number)
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.sampled_from(["invoice", "line", "contact", "drop"]))
        if where == "invoice":
            invoice[draw(st.sampled_from(INVOICE_FIELDS))] = draw(JSON_VALUES)
        elif where == "line" and isinstance(invoice.get("LineItems"), list):
            lines = invoice["LineItems"]
            if lines and isinstance(lines[0], dict):
                lines[0][draw(st.sampled_from(LINE_FIELDS))] = draw(JSON_VALUES)
        elif where == "contact":
            invoice["Contact"] = {
                draw(st.sampled_from(["Name", "ContactID", "X"])): draw(JSON_VALUES)
            }
        else:
            invoice.pop(draw(st.sampled_from(["Contact", "LineItems", "Date", "Type"])), None)
    return invoice


@st.composite
def json_file(draw, reference: str) -> str:
    count = draw(st.integers(1, 4))
    invoices = [draw(mutated_invoice(reference, n)) for n in range(count)]
    shape = draw(st.sampled_from(["list", "envelope", "single", "raw"]))
    if shape == "envelope":
        return json.dumps({"Invoices": invoices})
    if shape == "single":
        return json.dumps(invoices[0])
    if shape == "raw":
        return draw(st.sampled_from(["", "[", "{}", "[1, 2]", "null", '"x"', "[{}]", "{,}"]))
    return json.dumps(invoices)


CSV_COLUMNS = [
    "Contact.Name",
    "Reference",
    "Date",
    "DueDate",
    "Type",
    "Status",
    "CurrencyCode",
    "LineItem.Description",
    "LineItem.Quantity",
    "LineItem.UnitAmount",
    "LineItem.AccountCode",
]
CSV_ODD_COLUMNS = [
    "Contact",
    "Contact.Name.First",
    "LineItem",
    "LineItem.",
    "LineItem.Tracking",
    "Bogus",
    "",
    "Contact..Name",
    ".Reference",
    "LineItems.0.Quantity",
]
CSV_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "1",
            "2.5",
            "10.12345",
            "abc",
            "-3",
            "NaN",
            "Infinity",
            "1e400",
            "2026-05-01",
            "2026-13-01",
            "ACCREC",
            "AUTHORISED",
            "200",
            "Fuzz Customer",
            '"',
            "\u00e9",
            "=1+1",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8),
)


@st.composite
def csv_file(draw, reference: str) -> str:
    columns = list(CSV_COLUMNS)
    for _ in range(draw(st.integers(0, 2))):
        action = draw(st.sampled_from(["drop", "odd", "duplicate"]))
        if action == "drop" and len(columns) > 1:
            columns.remove(draw(st.sampled_from([c for c in columns if c != "Reference"])))
        elif action == "odd":
            columns.append(draw(st.sampled_from(CSV_ODD_COLUMNS)))
        elif action == "duplicate":
            columns.append(draw(st.sampled_from(columns)))
    good = {
        "Contact.Name": "Fuzz Customer",
        "Reference": reference,
        "Date": "2026-05-01",
        "DueDate": "2026-05-31",
        "Type": "ACCREC",
        "Status": "DRAFT",
        "CurrencyCode": "NZD",
        "LineItem.Description": "Widget",
        "LineItem.Quantity": "1",
        "LineItem.UnitAmount": "12.5",
        "LineItem.AccountCode": "200",
    }
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = [good.get(column) or draw(st.sampled_from(["", "x"])) for column in columns]
        if draw(st.booleans()):
            index = draw(st.integers(0, len(row) - 1))
            if columns[index] != "Reference":
                row[index] = draw(CSV_CELLS)
        if draw(st.integers(0, 9)) == 0:
            row = row[:-1] if draw(st.booleans()) else [*row, "extra"]
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()

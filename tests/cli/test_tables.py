"""Tables for people, over the real CLI and sandbox: widths, totals, caps, detail views, and the
default delimited columns."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from decimal import Decimal

import pytest

from tests.helpers.cli import run_xero
from xerocli.api.resources import RESOURCES
from xerocli.cli.objects import TABLE_CAP
from xerocli.output.table import NOT_COUNTED, money_text

NOUNS = [resource.noun for resource in RESOURCES if not resource.singleton]  # a singleton: no list
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DATE_IN = re.compile(r"  \d{4}-\d{2}-\d{2}  ")
CODE = re.compile(r"[A-Z0-9][A-Z0-9_\-./]*")


def _table(noun: str, width: int, env: dict, *args: str) -> list[str]:
    result = run_xero(
        "--sandbox", noun, "list", "--limit", "12", "-o", "table", *args,
        env={**env, "COLUMNS": str(width)},
    )  # fmt: skip
    return result.ok().stdout.splitlines()


def _records(noun: str, env: dict, *args: str) -> list[dict]:
    """What the table shows, as JSON with exact amounts."""
    result = run_xero("--sandbox", noun, "list", *args, env=env).ok()
    return json.loads(result.stdout, parse_float=Decimal)


def _whole(column, value) -> str | None:
    """The text a column must show uncut: amounts, statuses, dates, numbers and codes."""
    if value is None or value == "":
        return None
    if column.money:
        return money_text(value)
    if isinstance(value, Decimal | int | bool) or column.style_by_status:
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, str) and (
        DATE.match(value) or re.fullmatch(r"[A-Z0-9][A-Z0-9_\-./]*", value)
    ):
        return value
    return None


_SEEN: dict[str, list[dict]] = {}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("noun", NOUNS)
def test_numbers_dates_statuses_and_amounts_are_never_cut(noun, width, sandbox_env) -> None:
    resource = next(r for r in RESOURCES if r.noun == noun)
    if noun not in _SEEN:  # the same records at both widths: fetch them once
        _SEEN[noun] = _records(noun, sandbox_env, "--limit", "12")
    records = _SEEN[noun]
    lines = _table(noun, width, sandbox_env)
    header, rows = lines[1], lines[2 : 2 + len(records)]
    assert all(len(line.rstrip()) <= width for line in lines), lines
    header = header.rstrip()
    shown = [
        c for c in resource.columns if re.search(rf"(^|  ){re.escape(c.header)}(  |$)", header)
    ]
    # Amounts and statuses are always shown; GUID columns go before any name is cut.
    assert all(c in shown for c in resource.columns if c.money or c.style_by_status), header
    if any("…" in row for row in rows):
        assert not any(c.path.endswith("ID") for c in shown), header
    for record, row in zip(records, rows, strict=True):
        for column in shown:
            value = record
            for part in column.path.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            text = _whole(column, value)
            if text is not None:
                assert text in row, (column.path, text, row)


def test_at_80_columns_invoices_show_numbers_dates_and_statuses_whole(sandbox_env) -> None:
    lines = _table("invoices", 80, sandbox_env)
    text = "\n".join(lines)
    assert not re.search(r"INV-0…|BILL-…|20\d\d-0…|AUTHOR…", text), text
    assert "InvoiceID" not in lines[1]


def test_totals_are_per_kind_of_document_and_currency(sandbox_env) -> None:
    kinds = {
        "invoices": ("Type", {"ACCREC": "Total receivable", "ACCPAY": "Total payable"}),
        "bank-transactions": ("Type", {"RECEIVE": "Total received", "SPEND": "Total spent"}),
        "credit-notes": (
            "Type",
            {"ACCRECCREDIT": "Total to customers", "ACCPAYCREDIT": "Total from suppliers"},
        ),
    }
    for noun, (path, labels) in kinds.items():
        records = _records(noun, sandbox_env, "--limit", "60")
        table = run_xero(
            "--sandbox", noun, "list", "--limit", "60", "-o", "table", env=sandbox_env
        ).ok().stdout  # fmt: skip
        assert "Total by currency" not in table
        for kind, label in labels.items():
            counted = [r for r in records if r[path] == kind and r["Status"] not in NOT_COUNTED]
            assert counted, f"the demo company has {noun} of type {kind}"
            per_currency: dict[str, Decimal] = {}
            for r in counted:
                per_currency[r["CurrencyCode"]] = (
                    per_currency.get(r["CurrencyCode"], 0) + r["Total"]
                )
            expected = ", ".join(
                f"{money_text(amount)} {currency}"
                for currency, amount in sorted(per_currency.items())
            )
            assert f"{label} ({kind}): {expected}" in table, table


def test_items_have_no_total_of_prices(sandbox_env) -> None:
    table = run_xero("--sandbox", "items", "list", "-o", "table", env=sandbox_env).ok().stdout
    assert "by currency" not in table and "Sale price" in table


def test_a_table_of_all_pages_is_one_page_with_a_way_to_the_rest(sandbox, sandbox_env) -> None:
    sandbox.reset_stats()
    result = run_xero("--sandbox", "invoices", "list", "--all", "-o", "table", env=sandbox_env)
    rows = [line for line in result.ok().stdout.splitlines() if DATE_IN.search(line)]
    assert len(rows) == TABLE_CAP
    assert sandbox.stats()["api_calls"] == 1
    assert "-o ndjson" in result.stderr and "--limit" in result.stderr
    assert f"Showing the first {TABLE_CAP} invoices" in result.stderr


def test_get_on_a_terminal_shows_a_document_with_its_lines_and_payments(sandbox_env) -> None:
    invoices = _records("invoices", sandbox_env, "--status", "PAID", "--limit", "5")
    paid = next(i for i in invoices if i["Payments"])
    shown = run_xero(
        "--sandbox", "invoices", "get", paid["InvoiceNumber"], "-o", "table", env=sandbox_env
    ).ok().stdout  # fmt: skip
    assert f"Invoice {paid['InvoiceNumber']} · Demo Company (NZ)" in shown
    assert re.search(rf"Contact:\s+{re.escape(paid['Contact']['Name'])}", shown)
    assert re.search(rf"Total:\s+{re.escape(money_text(paid['Total']))} NZD", shown)
    assert f"Line items ({len(paid['LineItems'])})" in shown
    for line in paid["LineItems"]:
        assert line["Description"] in shown and money_text(line["LineAmount"]) in shown
    assert f"Payments ({len(paid['Payments'])})" in shown
    assert paid["Payments"][0]["PaymentID"] in shown
    # Piped, it is still one JSON object.
    got = run_xero("--sandbox", "invoices", "get", paid["InvoiceNumber"], env=sandbox_env)
    assert got.ok().json()["InvoiceID"] == paid["InvoiceID"]


def test_credit_notes_and_journals_show_their_lines(sandbox_env) -> None:
    for noun, title in (("credit-notes", "Line items"), ("manual-journals", "Journal lines")):
        first = run_xero("--sandbox", noun, "list", "--limit", "1", env=sandbox_env).ok().json()[0]
        resource = next(r for r in RESOURCES if r.noun == noun)
        shown = run_xero(
            "--sandbox", noun, "get", first[resource.id_field], "-o", "table", env=sandbox_env
        ).ok().stdout  # fmt: skip
        lines = first[resource.lines_field]
        assert f"{title} ({len(lines)})" in shown, shown


def test_delimited_views_of_documents_name_their_id_and_currency(sandbox_env) -> None:
    for fmt in ("csv", "tsv"):
        result = run_xero(
            "--sandbox", "--tenant", "Demo Company (Global)", "invoices", "list",
            "--limit", "30", "-o", fmt, env=sandbox_env,
        )  # fmt: skip
        dialect = {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if fmt == "tsv" else {}
        rows = list(csv.DictReader(io.StringIO(result.ok().stdout, newline=""), **dialect))
        assert {row["CurrencyCode"] for row in rows} >= {"GBP", "USD"}, rows[:3]
        assert all(re.fullmatch(r"[0-9a-f-]{36}", row["InvoiceID"]) for row in rows)


def test_quiet_drops_info_on_stderr_but_never_errors(sandbox_env, tmp_path) -> None:
    # The default page of 100 says there is more (an explicit --limit N would not: as asked).
    loud = run_xero("--sandbox", "invoices", "list", env=sandbox_env).ok()
    assert "Showing the first 100 invoices" in loud.stderr
    quiet = run_xero("--sandbox", "invoices", "list", "-q", env=sandbox_env)
    assert quiet.ok().stderr == "" and quiet.json() == loud.json()
    failed = run_xero(
        "--sandbox", "--quiet", "invoices", "list", "--fields", "Nope", env=sandbox_env
    )
    assert failed.code == 2 and "'Nope' is not a field" in failed.stderr
    target = tmp_path / "contacts.csv"
    exported = run_xero(
        "--sandbox", "-q", "export", "csv", "contacts", "-o", str(target), env=sandbox_env
    )
    assert exported.ok().stderr == "" and target.read_text(encoding="utf-8").startswith("ContactID")


def test_a_name_with_a_line_break_is_shown_whole_on_a_wide_terminal(sandbox_env) -> None:
    """A newline is measured as the space it is shown as: it used to count as no cell, so the
    column came out one cell short and cut the name (`Line Break …`) even at 250 columns."""
    name = f"Line\nBreak Co {uuid.uuid4().hex[:6]}"
    email = f"{uuid.uuid4().hex[:8]}@example.com"
    run_xero("--sandbox", "contacts", "create", "--name", name, "--email", email, env=sandbox_env)
    lines = _table("contacts", 250, sandbox_env, "--where", f'EmailAddress=="{email}"')
    assert any(name.replace("\n", " ") in line for line in lines), lines

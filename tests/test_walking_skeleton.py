"""The first thing a new user runs: `xero --sandbox invoices list`, end to end."""

from __future__ import annotations

import re

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_embedded_sandbox_lists_demo_invoices_as_json(xero) -> None:
    result = xero("--sandbox", "invoices", "list").ok()
    invoices = result.json()
    assert len(invoices) == 100  # the default limit
    first = invoices[0]
    assert first["InvoiceNumber"] == "INV-0001"
    assert ISO_DATE.match(first["Date"]) and "/Date(" not in result.stdout
    assert first["LineItems"], "paged lists carry line items"
    assert "Showing the first 100 invoices" in result.stderr


def test_embedded_sandbox_keeps_its_state_between_commands(xero) -> None:
    first = xero("--sandbox", "invoices", "list", "--limit", "3").ok().json()
    second = xero("--sandbox", "invoices", "list", "--limit", "3").ok().json()
    assert [i["InvoiceID"] for i in first] == [i["InvoiceID"] for i in second]


def test_table_on_request_shows_tenant_and_currency(xero) -> None:
    result = xero("--sandbox", "invoices", "list", "--limit", "5", "-o", "table").ok()
    assert "Invoices · Demo Company (NZ)" in result.stdout
    assert "NZD" in result.stdout
    assert "Total receivable (ACCREC):" in result.stdout


def test_sandbox_url_points_every_endpoint_at_a_served_sandbox(xero, sandbox_env) -> None:
    result = xero("--sandbox", "invoices", "list", "--limit", "2", env=sandbox_env).ok()
    assert len(result.json()) == 2
    global_company = xero(
        "--sandbox",
        "--tenant",
        "Demo Company (Global)",
        "invoices",
        "list",
        "--limit",
        "50",
        "-o",
        "csv",
        "--fields",
        "InvoiceNumber,CurrencyCode,Total",
        env=sandbox_env,
    ).ok()
    lines = global_company.stdout.splitlines()
    assert lines[0] == "InvoiceNumber,CurrencyCode,Total"
    currencies = {line.split(",")[1] for line in lines[1:]}
    assert {"GBP", "USD", "EUR"} <= currencies


def test_get_by_number_and_missing_record(xero, sandbox_env) -> None:
    got = xero("--sandbox", "invoices", "get", "INV-0002", env=sandbox_env).ok().json()
    assert got["InvoiceNumber"] == "INV-0002"
    missing = xero("--sandbox", "invoices", "get", "INV-99999999", env=sandbox_env)
    assert missing.code == 5
    assert missing.stdout == ""
    assert missing.stderr.startswith("xero: no invoice 'INV-99999999'")


def test_not_logged_in_says_how_to_fix_it(xero, sandbox_env) -> None:
    result = xero("invoices", "list", env=sandbox_env)
    assert result.code == 4
    assert "xero auth login" in result.stderr
    assert result.stdout == ""

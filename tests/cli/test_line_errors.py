"""Xero's refused element repeats each line's errors on the element: each is reported once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import run_xero


def test_a_bad_line_is_reported_once_on_its_line(sandbox_env, tmp_path: Path) -> None:
    line = {"Description": "ok", "Quantity": 1, "UnitAmount": 5, "AccountCode": "200"}
    bad = {**line, "Description": "bad", "AccountCode": "99999"}
    invoice = {"Type": "ACCREC", "Contact": {"Name": "Bad Co"}, "LineItems": [line, bad]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([invoice]), encoding="utf-8")
    result = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
    assert result.code == 6, result.stderr
    problems = [text for text in result.stderr.splitlines() if "rejected:" in text]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith("record 1: rejected: line 2: Account code '99999'"), problems


def test_an_update_refused_for_a_line_names_the_line_once(sandbox_env, tmp_path: Path) -> None:
    line = {"Description": "ok", "Quantity": 1, "UnitAmount": 5, "AccountCode": "200"}
    made = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            "--contact",
            "Line Co",
            "--line",
            "ok,1,5,200",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    invoice_id = made[0]["InvoiceID"]
    change = {"LineItems": [line, {**line, "AccountCode": "99999"}]}
    path = tmp_path / "change.json"
    path.write_text(json.dumps([change]), encoding="utf-8")
    result = run_xero(
        "--sandbox", "invoices", "update", invoice_id, "--file", str(path), env=sandbox_env
    )
    assert result.code == 6, result.stderr
    assert result.stderr.count("99999") == 1, result.stderr
    assert "line 2: Account code '99999'" in result.stderr, result.stderr


def test_a_line_break_outside_quotes_in_line_is_a_usage_error(sandbox_env) -> None:
    """`--line $'Multi\\nline,1,80,200'` was exit 1, `unexpected error: Error: new-line
    character seen in unquoted field`; quoted, the line break is kept."""
    args = ("--sandbox", "invoices", "create", "--contact", "Ben Brown", "--dry-run", "--line")
    bare = run_xero(*args, "Multi\nline,1,80,200", env=sandbox_env)
    assert bare.code == 2 and bare.stdout == "", bare.stderr
    assert bare.stderr == (
        "xero: --line 1: 'Multi\\nline,1,80,200': a line break in a field must be inside"
        " double quotes\n"
    )
    quoted = run_xero(*args, '"Multi\nline",1,80,200', env=sandbox_env).ok()
    assert quoted.json()[0]["LineItems"][0]["Description"] == "Multi\nline"

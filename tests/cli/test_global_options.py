"""Global options anywhere on the line (`xero invoices list --tenant X`), and every output
format of every command that takes `-o`, before or after the subcommand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from xerocli.cli.global_options import GLOBAL_OPTIONS, hoist


def test_global_options_after_the_subcommand_are_read_by_the_root(xero) -> None:
    result = xero(
        "invoices", "list", "--limit", "1", "--sandbox", "--tenant", "Demo Company (NZ)", "--debug"
    ).ok()
    assert len(result.json()) == 1
    assert "debug: > GET" in result.stderr  # --debug after the subcommand traced the calls
    nowhere = xero("invoices", "list", "--sandbox", "--tenant=Nowhere Ltd")
    assert "Nowhere Ltd" in nowhere.stderr and "No such option" not in nowhere.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "csv", "--sandbox", "invoices", "list", "--limit", "2"],
        ["invoices", "-o", "csv", "list", "--limit", "2", "--sandbox"],
        ["--sandbox", "invoices", "list", "--limit", "2", "-o", "csv", "-q", "--no-color"],
        ["invoices", "list", "--limit", "2", "--sandbox", "--output=csv", "--quiet"],
    ],
)
def test_output_and_quiet_work_before_and_after_the_subcommand(xero, args: list[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(xero(*args).ok().stdout)))
    assert len(rows) == 2 and rows[0]["InvoiceNumber"]


def test_a_value_that_looks_like_a_global_option_stays_a_value() -> None:
    # --reference takes a value: `--debug` is that value, not the root's flag.
    line = ["invoices", "create", "--reference", "--debug", "--tenant", "Acme"]
    assert hoist(line) == ["--tenant", "Acme", "invoices", "create", "--reference", "--debug"]
    # Nothing after `--` moves, and an attached value travels with its option.
    assert hoist(["api", "Invoices", "--tenant=Acme", "--", "--sandbox"]) == [
        "--tenant=Acme",
        "api",
        "Invoices",
        "--",
        "--sandbox",
    ]
    assert hoist(["-ojson", "tenants", "list"]) == ["tenants", "list", "-ojson"]


def test_an_option_a_command_declares_itself_is_left_to_it() -> None:
    index = {
        "": {"options": [(("--tenant",), True, (), "", "", False)], "commands": {"run": ""}},
        "run": {"options": [(("--tenant",), False, (), "", "", False)], "arguments": []},
    }
    # `run --tenant` is run's own flag (it takes no value here): it neither moves nor eats "x".
    assert hoist(["run", "--tenant", "x"], index) == ["run", "--tenant", "x"]


def test_every_root_global_is_an_option_of_the_root_command() -> None:
    from xerocli.cli import tree

    root = {name for p in tree.root_command().params for name in p.opts}
    for option in GLOBAL_OPTIONS:
        assert set(option.names) <= root or option.on_command, option.names


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "ndjson", "tsv"])
def test_payments_apply_dry_run_prints_every_format(xero, tmp_path: Path, fmt: str) -> None:
    payouts = tmp_path / "payouts.csv"
    payouts.write_text("Reference,Amount\nNO-SUCH-ORDER,10.00\n", encoding="utf-8")
    args = ["payments", "apply", "--file", str(payouts), "--account", "090", "--dry-run"]
    result = xero("--sandbox", *args, "-o", fmt)
    assert result.code == 6, result.stderr  # the unmatched row, not a crash
    assert "unexpected error" not in result.stderr
    assert "NO-SUCH-ORDER" in result.stdout
    assert "1 row unmatched or ambiguous" in result.stderr

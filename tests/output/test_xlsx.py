"""`-o xlsx` and `xero export xlsx`: workbooks read back with openpyxl give the numbers of
`-o csv`, as numbers and dates, with the header frozen and totals in bold."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import REPO, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli import errors
from xerocli.output.streams import binary_stdout
from xerocli.output.xlsx import ACCOUNTING, sheet_name


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    """A sandbox of 200 invoices a company: the session one's 10,000 make exports slow."""
    running = start_seeded(tmp_path_factory, "xlsx", 200)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def sandbox_env(home: Path, small: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=small.url, **UNLIMITED_CLIENT)


def xero_to_file(env: dict, target: Path, *args: str) -> None:
    """`xero ARGS > target`, as a user sends a workbook to a file."""
    with target.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "xerocli", *args],
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr


def test_a_report_workbook_has_the_numbers_of_its_csv(sandbox_env, tmp_path: Path) -> None:
    args = ("--sandbox", "reports", "trial-balance", "--date", "2026-10-31")
    text = run_xero(*args, "-o", "csv", env=sandbox_env).ok().stdout
    expected = list(csv.reader(io.StringIO(text)))
    workbook_path = tmp_path / "tb.xlsx"
    xero_to_file(sandbox_env, workbook_path, *args, "-o", "xlsx")
    sheet = openpyxl.load_workbook(workbook_path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == expected[0] and len(rows) == len(expected)
    for got, want in zip(rows[1:], expected[1:], strict=True):
        assert list(got[:4]) == [w or None for w in want[:4]]
        for value, text_value in zip(got[4:], want[4:], strict=True):
            if text_value == "":
                assert value is None
            else:
                assert isinstance(value, (int, float)), value
                assert Decimal(f"{value:.2f}") == Decimal(text_value)
    assert sheet.freeze_panes == "A2"
    amounts = [
        c for row in sheet.iter_rows(min_row=2, min_col=5) for c in row if c.value is not None
    ]
    assert amounts and all(c.number_format == ACCOUNTING for c in amounts)
    assert sheet.cell(1, 1).font.b
    total_at = next(i for i, r in enumerate(rows, start=1) if r[1] == "SummaryRow")
    assert sheet.cell(total_at, 3).font.b and not sheet.cell(total_at - 1, 3).font.b
    assert sheet.cell(2, 1).font.b  # a section's first row


def test_consolidation_and_export_workbooks(sandbox_env, tmp_path: Path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n2026-03-31,GBP,2.05\n2026-10-31,GBP,2.15\n")
    book = tmp_path / "group.xlsx"
    xero_to_file(
        sandbox_env, book, "--sandbox", "reports", "consolidate", "balance-sheet",
        "--all-tenants", "--currency", "NZD", "--date", "2026-10-31", "--rates", str(rates),
        "-o", "xlsx",
    )  # fmt: skip
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Demo Company (NZ)", "Demo Company (Global)", "Consolidated"]
    consolidated = list(workbook["Consolidated"].iter_rows(values_only=True))
    head = list(consolidated[0])
    by_name = {r[2]: dict(zip(head, r, strict=True)) for r in consolidated[1:]}
    assert by_name["Net Assets"]["Consolidated"] == pytest.approx(
        by_name["Total Equity"]["Consolidated"], abs=0.001
    )
    assert by_name["GBP closing 2026-10-31"]["Rate"] == 2.15

    exported = tmp_path / "invoices.xlsx"
    run_xero("--sandbox", "export", "xlsx", "invoices", "-o", str(exported), env=sandbox_env).ok()
    sheet = openpyxl.load_workbook(exported).worksheets[0]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert isinstance(first["Date"], datetime) and isinstance(first["Total"], (int, float))
    assert sheet.freeze_panes == "A2" and sheet.max_row > 2


def test_a_workbook_is_not_written_to_a_terminal_and_is_imported_only_for_xlsx() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with pytest.raises(errors.UsageError) as refused:
        binary_stdout(Terminal())
    assert "send it to a file (> report.xlsx)" in str(refused.value)
    assert sheet_name("Demo: [NZ]/Group " * 3, set()) == "Demo- -NZ--Group Demo- -NZ--Gro"
    probe = (
        "import sys, io; from xerocli.output.writer import RecordView, write_records;"
        "from xerocli.output.table import TableColumn;"
        "write_records([{'a': 1}], RecordView([TableColumn('a', 'a')]), fmt='csv',"
        " out=io.StringIO());"
        "print('xlsxwriter' in sys.modules)"
    )
    lazy = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert lazy.stdout.strip() == "False"


def test_list_and_get_workbooks_hold_the_nested_columns_of_their_csv(
    sandbox_env, tmp_path: Path
) -> None:
    """`-o xlsx` of `list`/`get` holds what `-o csv` holds, nested fields too: the Contact.Name
    column, `--fields Addresses[POBOX].City` and `LineItems[0].Description` were blank in
    every row."""
    cases = {
        "list": ("--sandbox", "invoices", "list", "--limit", "3"),
        "get": ("--sandbox", "invoices", "get", "INV-0001"),
        "fields": (
            "--sandbox",
            "contacts",
            "list",
            "--limit",
            "3",
            "--fields",
            "Name,Addresses[POBOX].City,ContactPersons",
        ),
        "lines": (
            "--sandbox",
            "invoices",
            "list",
            "--limit",
            "2",
            "--fields",
            "InvoiceNumber,Contact.Name,LineItems[0].Description,LineItems[0].LineAmount",
        ),
    }
    for name, args in cases.items():
        text = run_xero(*args, "-o", "csv", env=sandbox_env).ok().stdout
        expected = list(csv.reader(io.StringIO(text)))
        book = tmp_path / f"{name}.xlsx"
        xero_to_file(sandbox_env, book, *args, "-o", "xlsx")
        rows = list(openpyxl.load_workbook(book).worksheets[0].iter_rows(values_only=True))
        assert list(rows[0]) == expected[0], name
        nested = [i for i, column in enumerate(expected[0]) if "." in column or "[" in column]
        assert nested or name == "fields", expected[0]
        for got, want in zip(rows[1:], expected[1:], strict=True):
            for i, text_value in enumerate(want):
                value = got[i]
                if isinstance(value, datetime):
                    assert text_value.startswith(value.date().isoformat()), (name, i)
                elif isinstance(value, (int, float)):
                    assert Decimal(text_value) == Decimal(str(value)), (name, i)
                else:
                    assert (value or "") == text_value, (name, expected[0][i], value, text_value)
        filled = [got[i] for got in rows[1:] for i in nested]
        assert any(v not in (None, "") for v in filled), (name, filled)

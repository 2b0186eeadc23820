"""Xero's reports: which ones the CLI names, their parameters, and their rows made flat.

Xero answers every report in one shape (`ReportWithRows`): a Header row naming the columns,
Sections of Rows and SummaryRows, and cells that are text ("1020.22", "") with the account's
ID in an attribute. Shell users and loaders want records instead, so each row becomes one:
`{"Section": ..., "RowType": ..., "Account": ..., "AccountID": ..., <column>: Decimal | None}`
keyed by the header's own column names, amounts exact. Like the resource table, one entry here
is all a new report needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from xerocli import errors

if TYPE_CHECKING:
    from xerocli.api.client import XeroClient

#: The keys every flattened row has, before the report's own columns.
ROW_KEYS = ("Section", "RowType", "Account", "AccountID")
_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class ReportParam:
    """A report option and the query parameter Xero calls it."""

    option: str  # "from" -> --from
    target: str  # "fromDate"
    help: str
    kind: str = "date"  # "date" (YYYY-MM-DD) or "flag" (true when given)


@dataclass(frozen=True)
class Report:
    name: str  # Xero's path segment: "TrialBalance"
    noun: str  # the CLI command: "trial-balance"
    title: str  # "Trial balance"
    help: str
    #: The granular scope for this report (apps from March 2026), then the legacy one.
    scopes: tuple[str, ...]
    params: tuple[ReportParam, ...] = ()

    @property
    def path(self) -> str:
        return f"/Reports/{self.name}"


REPORTS: tuple[Report, ...] = (
    Report(
        name="TrialBalance",
        noun="trial-balance",
        title="Trial balance",
        help="Debit or credit of every account, for the month and the year to date.",
        scopes=("accounting.reports.trialbalance.read", "accounting.reports.read"),
        params=(
            ReportParam("date", "date", "As at this date (YYYY-MM-DD; default today)."),
            ReportParam("payments-only", "paymentsOnly", "Cash basis.", kind="flag"),
        ),
    ),
    Report(
        name="ProfitAndLoss",
        noun="profit-and-loss",
        title="Profit and loss",
        help="Income, cost of sales, expenses and net profit for a period.",
        scopes=("accounting.reports.profitandloss.read", "accounting.reports.read"),
        params=(
            ReportParam("from", "fromDate", "First day (YYYY-MM-DD; default the 1st)."),
            ReportParam("to", "toDate", "Last day (YYYY-MM-DD; default today)."),
        ),
    ),
    Report(
        name="BalanceSheet",
        noun="balance-sheet",
        title="Balance sheet",
        help="Assets, liabilities and equity as at a date.",
        scopes=("accounting.reports.balancesheet.read", "accounting.reports.read"),
        params=(ReportParam("date", "date", "As at this date (YYYY-MM-DD; default today)."),),
    ),
)

BY_NOUN: dict[str, Report] = {report.noun: report for report in REPORTS}


@dataclass
class FlatReport:
    """A report as records: its titles, its value columns (in Xero's order) and its rows."""

    titles: list[str]
    columns: list[str]
    rows: list[dict[str, Any]]


def build_params(
    report: Report, values: dict[str, Any], extra: list[str] | None = None
) -> dict[str, str]:
    """Query parameters from the report's options and raw `-p key=value` pairs."""
    from xerocli.api.query import parse_date

    params: dict[str, str] = {}
    for spec in report.params:
        value = values.get(spec.option)
        if value in (None, False, ""):
            continue
        if spec.kind == "flag":
            params[spec.target] = "true"
        else:
            params[spec.target] = parse_date(spec.option, str(value)).isoformat()
    for pair in extra or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise errors.UsageError(f"-p: {pair!r} is not KEY=VALUE")
        params[key] = value
    return params


def fetch(client: XeroClient, report: Report, params: dict[str, str]) -> dict:
    """The report object of Xero's answer (`Reports[0]`)."""
    answer = client.request("GET", report.path, params=params, scope_hint=report.scopes[0])
    found = (answer.payload or {}).get("Reports") if isinstance(answer.payload, dict) else None
    if not found:
        raise errors.XeroCliError(f"Xero sent no {report.title.lower()} report")
    return found[0]


def flatten(report: dict) -> FlatReport:
    """Rows of Xero's nested report as flat records keyed by the header's column names."""
    columns: list[str] = []
    rows: list[dict[str, Any]] = []

    def visit(row: dict, section: str) -> None:
        kind = row.get("RowType")
        if kind == "Header":
            cells = [str(cell.get("Value") or "") for cell in row.get("Cells") or []]
            columns[:] = _column_names(cells[1:])
        elif kind == "Section":
            title = row.get("Title") or ""
            for child in row.get("Rows") or []:
                visit(child, title)
        elif kind in ("Row", "SummaryRow"):
            rows.append(_record(row, section, kind, columns))

    for row in report.get("Rows") or []:
        visit(row, "")
    return FlatReport([str(t) for t in report.get("ReportTitles") or []], columns, rows)


def _column_names(headers: list[str]) -> list[str]:
    """Header texts as record keys: blank or repeated ones get a number, so none is lost."""
    names: list[str] = []
    for index, header in enumerate(headers, start=1):
        name = header.strip() or f"Column{index}"
        while name in names or name in ROW_KEYS:
            name = f"{name} ({index})"
        names.append(name)
    return names


def _record(row: dict, section: str, kind: str, columns: list[str]) -> dict[str, Any]:
    cells = row.get("Cells") or []
    first = cells[0] if cells else {}
    record: dict[str, Any] = {
        "Section": section,
        "RowType": kind,
        "Account": first.get("Value") or "",
        "AccountID": _account_id(first),
    }
    for name, cell in zip(columns, cells[1:], strict=False):
        record[name] = _amount(cell.get("Value"))
    return record


def _account_id(cell: dict) -> str | None:
    for attribute in cell.get("Attributes") or []:
        if attribute.get("Id") == "account":
            return attribute.get("Value")
    return None


def _amount(value: Any) -> Decimal | str | None:
    """Xero's cell text: an amount becomes an exact Decimal, "" None, other text stays."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    text = str(value).replace(",", "")
    if _AMOUNT.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return str(value)
    return str(value)

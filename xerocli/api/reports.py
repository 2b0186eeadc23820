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
#: The keys of a report of documents rather than accounts (a contact's aged receivables:
#: its header's first column is "Date", each cell names the invoice or credit note).
DOCUMENT_ROW_KEYS = ("Section", "RowType", "Date", "DocumentID")
_DOCUMENT_IDS = ("invoiceID", "creditNoteID")
#: A cell's date as Xero writes it in a report (`2018-05-13T00:00:00`): shown as a date.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00$")
#: The keys of a 1099 record (one per form and contact), before its boxes.
FORM_KEYS = ("Form", "Contact", "ContactID", "FederalTaxIDType", "TaxID")
_BOX = re.compile(r"^Box(\d+)$")
_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class ReportParam:
    """A report option and the query parameter Xero calls it."""

    option: str  # "from" -> --from
    target: str  # "fromDate"
    help: str
    #: "date" (YYYY-MM-DD), "flag" (true when given), "periods" (1-12), "timeframe"
    #: (MONTH|QUARTER|YEAR), "months" (the same words, sent as 1, 3 or 12), "guid", "year".
    kind: str = "date"


@dataclass(frozen=True)
class Report:
    name: str  # Xero's path segment: "TrialBalance"
    noun: str  # the CLI command: "trial-balance"
    title: str  # "Trial balance"
    help: str
    #: The granular scope for this report (apps from March 2026), then the legacy one.
    scopes: tuple[str, ...]
    params: tuple[ReportParam, ...] = ()
    #: "rows" (Xero's sections of rows) or "forms" (the 1099: a report per form, of contacts).
    shape: str = "rows"

    @property
    def path(self) -> str:
        return f"/Reports/{self.name}"


def _p(option: str, target: str, help_text: str, kind: str = "date") -> ReportParam:
    return ReportParam(option, target, help_text, kind)


_AS_AT = _p("date", "date", "As at this date (YYYY-MM-DD; default today).")
_FROM = _p("from", "fromDate", "First day (YYYY-MM-DD; default the 1st of --to's month).")
_TO = _p("to", "toDate", "Last day (YYYY-MM-DD; default today).")
_PERIODS = _p("periods", "periods", "Earlier periods to compare, a column each (1-12).", "periods")
_TIMEFRAME = _p(
    "timeframe", "timeframe", "Length of each period: MONTH, QUARTER or YEAR.", "timeframe"
)
_CASH = _p("payments-only", "paymentsOnly", "Cash basis (only what is paid).", "flag")
_STANDARD = _p(
    "standard-layout", "standardLayout", "Xero's standard layout, not a custom one.", "flag"
)
_AGED = (
    _p("contact", "contactId", "One contact's documents (its ContactID).", "guid"),
    _AS_AT,
    _p("from", "fromDate", "Only documents dated from this day (YYYY-MM-DD)."),
    _p("to", "toDate", "Only documents dated up to this day (YYYY-MM-DD)."),
)
_AGED_SCOPES = ("accounting.reports.aged.read", "accounting.reports.read")

REPORTS: tuple[Report, ...] = (
    Report(
        name="TrialBalance",
        noun="trial-balance",
        title="Trial balance",
        help="Debit or credit of every account, for the month and the year to date.",
        scopes=("accounting.reports.trialbalance.read", "accounting.reports.read"),
        params=(_AS_AT, _CASH),
    ),
    Report(
        name="ProfitAndLoss",
        noun="profit-and-loss",
        title="Profit and loss",
        help="Income, cost of sales, expenses and net profit for a period (and earlier ones).",
        scopes=("accounting.reports.profitandloss.read", "accounting.reports.read"),
        params=(
            _FROM,
            _TO,
            _PERIODS,
            _TIMEFRAME,
            _p(
                "tracking-category",
                "trackingCategoryID",
                "A column per option of this tracking category (its ID).",
                "guid",
            ),
            _p("tracking-category-2", "trackingCategoryID2", "A second category (its ID).", "guid"),
            _p("tracking-option", "trackingOptionID", "Only lines with this option (ID).", "guid"),
            _p("tracking-option-2", "trackingOptionID2", "And with this option (ID).", "guid"),
            _STANDARD,
            _CASH,
        ),
    ),
    Report(
        name="BalanceSheet",
        noun="balance-sheet",
        title="Balance sheet",
        help="Assets, liabilities and equity as at a date (and earlier ones).",
        scopes=("accounting.reports.balancesheet.read", "accounting.reports.read"),
        params=(
            _AS_AT,
            _PERIODS,
            _TIMEFRAME,
            _p("tracking-option", "trackingOptionID1", "Only lines with this option (ID).", "guid"),
            _p("tracking-option-2", "trackingOptionID2", "And with this option (ID).", "guid"),
            _STANDARD,
            _CASH,
        ),
    ),
    Report(
        name="AgedReceivablesByContact",
        noun="aged-receivables",
        title="Aged receivables",
        help="What customers owe as at a date, aged by due date (per contact or per invoice).",
        scopes=_AGED_SCOPES,
        params=_AGED,
    ),
    Report(
        name="AgedPayablesByContact",
        noun="aged-payables",
        title="Aged payables",
        help="What is owed to suppliers as at a date, aged by due date.",
        scopes=_AGED_SCOPES,
        params=_AGED,
    ),
    Report(
        name="BankSummary",
        noun="bank-summary",
        title="Bank summary",
        help="Each bank account's opening balance, money in and out, and closing balance.",
        scopes=("accounting.reports.banksummary.read", "accounting.reports.read"),
        params=(_FROM, _TO),
    ),
    Report(
        name="BudgetSummary",
        noun="budget-summary",
        title="Budget summary",
        help="The overall budget, a column per period from --date's month.",
        scopes=("accounting.reports.budgetsummary.read", "accounting.reports.read"),
        params=(
            _p("date", "date", "The first period is this date's month (YYYY-MM-DD)."),
            _p("periods", "periods", "How many periods (1-12).", "periods"),
            _p("timeframe", "timeframe", "Each period: MONTH, QUARTER or YEAR.", "months"),
        ),
    ),
    Report(
        name="ExecutiveSummary",
        noun="executive-summary",
        title="Executive summary",
        help="Cash, profitability, position and performance: a month beside the one before.",
        scopes=("accounting.reports.executivesummary.read", "accounting.reports.read"),
        params=(_p("date", "date", "The month of this date (YYYY-MM-DD; default today)."),),
    ),
    Report(
        name="TenNinetyNine",
        noun="ten-ninety-nine",
        title="1099 report",
        help="US 1099 amounts paid to contractors in a year (US organisations only).",
        scopes=("accounting.reports.tenninetynine.read", "accounting.reports.read"),
        params=(_p("year", "reportYear", "The tax year, e.g. 2026.", "year"),),
        shape="forms",
    ),
)

#: `GET /Reports` (the published tax returns) and `GET /Reports/{ReportID}`.
PUBLISHED = Report(
    name="",
    noun="published",
    title="Published report",
    help="The published reports (GST, BAS or VAT returns); with an ID, that report's rows.",
    scopes=("accounting.reports.taxreports.read", "accounting.reports.read"),
)

BY_NOUN: dict[str, Report] = {report.noun: report for report in REPORTS}


@dataclass
class FlatReport:
    """A report as records: its titles, its value columns (in Xero's order) and its rows."""

    titles: list[str]
    columns: list[str]
    rows: list[dict[str, Any]]
    #: The keys before the value columns: `ROW_KEYS`, or `DOCUMENT_ROW_KEYS`.
    keys: tuple[str, ...] = ROW_KEYS


def build_params(
    report: Report, values: dict[str, Any], extra: list[str] | None = None
) -> dict[str, str]:
    """Query parameters from the report's options and raw `-p key=value` pairs."""
    params: dict[str, str] = {}
    for spec in report.params:
        value = values.get(spec.option)
        if value in (None, False, ""):
            continue
        params[spec.target] = _param_value(spec, value)
    # Xero's names match in any case: a name given twice would send one value and drop one.
    options = {spec.target: f"--{spec.option}" for spec in report.params}
    given = {key.lower(): options[key] for key in params}
    for pair in extra or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise errors.UsageError(f"-p: {pair!r} is not KEY=VALUE")
        if key.lower() in given:
            raise errors.UsageError(
                f"-p {pair}: {given[key.lower()]} already gives {key}; give it once"
            )
        given[key.lower()] = f"-p {pair}"
        params[key] = value
    return params


_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
TIMEFRAMES = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}


def _param_value(spec: ReportParam, value: Any) -> str:
    """An option's value as Xero takes it, or a one-line usage error naming the option."""
    from xerocli.api.query import parse_date

    text = str(value).strip()
    if spec.kind == "flag":
        return "true"
    if spec.kind == "date":
        return parse_date(spec.option, text).isoformat()
    if spec.kind == "periods":
        if not text.isdigit() or not 1 <= int(text) <= 12:
            raise errors.UsageError(f"--{spec.option}: {text!r} is not a number from 1 to 12")
        return str(int(text))
    if spec.kind in ("timeframe", "months"):
        months = TIMEFRAMES.get(text.upper())
        if months is None:
            raise errors.UsageError(f"--{spec.option}: {text!r} is not MONTH, QUARTER or YEAR")
        return str(months) if spec.kind == "months" else text.upper()
    if spec.kind == "guid":
        if not _GUID.match(text):
            raise errors.UsageError(f"--{spec.option}: {text!r} is not an ID (a GUID)")
        return text
    if spec.kind == "year":
        if not (len(text) == 4 and text.isdigit()):
            raise errors.UsageError(f"--{spec.option}: {text!r} is not a year, e.g. 2026")
        return text
    return text


def fetch(client: XeroClient, report: Report, params: dict[str, str]) -> dict:
    """The report object of Xero's answer (`Reports[0]`)."""
    found = fetch_all(client, report.path, params, report.scopes[0])
    if not found:
        raise errors.XeroCliError(f"Xero sent no {report.title.lower()} report")
    return found[0]


def fetch_all(client: XeroClient, path: str, params: dict[str, str], scope: str) -> list[dict]:
    """The `Reports` list of Xero's answer (one report, or the published ones)."""
    answer = client.request("GET", path, params=params, scope_hint=scope)
    found = (answer.payload or {}).get("Reports") if isinstance(answer.payload, dict) else None
    return list(found or [])


def published_path(report_id: str | None) -> str:
    """`/Reports`, or `/Reports/{ReportID}` for a published report's ID (checked first)."""
    if report_id is None:
        return "/Reports"
    if not _GUID.match(report_id.strip()):
        raise errors.UsageError(f"REPORT_ID: {report_id!r} is not a report's ID (a GUID)")
    return f"/Reports/{report_id.strip()}"


def flatten(report: dict) -> FlatReport:
    """Rows of Xero's nested report as flat records keyed by the header's column names."""
    columns: list[str] = []
    rows: list[dict[str, Any]] = []
    keys: tuple[str, ...] = ROW_KEYS

    def visit(row: dict, section: str) -> None:
        nonlocal keys
        kind = row.get("RowType")
        if kind == "Header":
            cells = [str(cell.get("Value") or "") for cell in row.get("Cells") or []]
            # A report of documents (a contact's aged receivables) is keyed by its own first
            # column, not "Account": its rows are dated invoices, not accounts.
            keys = DOCUMENT_ROW_KEYS if cells[:1] == ["Date"] else ROW_KEYS
            columns[:] = _column_names(cells[1:], keys)
        elif kind == "Section":
            title = row.get("Title") or ""
            for child in row.get("Rows") or []:
                visit(child, title)
        elif kind in ("Row", "SummaryRow"):
            rows.append(_record(row, section, kind, columns, keys))

    for row in report.get("Rows") or []:
        visit(row, "")
    titles = [str(t) for t in report.get("ReportTitles") or []]
    return FlatReport(titles, columns, rows, keys)


def flatten_forms(forms: list[dict]) -> FlatReport:
    """The 1099's reports (one per form, each of `Contacts` with `Box1`...) as one record per
    form and contact: `Form`, `Contact`, `ContactID`, `FederalTaxIDType`, `TaxID`, then a key
    per box any form has, in box order (a box the record's form lacks is None)."""
    keys = {key for form in forms for contact in form.get("Contacts") or [] for key in contact}
    boxes = sorted((key for key in keys if _BOX.match(key)), key=lambda key: int(key[3:]))
    rows = []
    for form in forms:
        name = str(form.get("ReportName") or "").removesuffix(" report")
        for contact in form.get("Contacts") or []:
            record: dict[str, Any] = {
                "Form": name,
                "Contact": contact.get("Name") or "",
                "ContactID": contact.get("ContactId"),
                "FederalTaxIDType": contact.get("FederalTaxIDType"),
                "TaxID": contact.get("TaxID"),
            }
            for box in boxes:
                record[box] = _amount(contact[box]) if box in contact else None
            rows.append(record)
    period = next((str(form["ReportDate"]) for form in forms if form.get("ReportDate")), "")
    return FlatReport(["1099 report", *([period] if period else [])], boxes, rows)


def _column_names(headers: list[str], keys: tuple[str, ...] = ROW_KEYS) -> list[str]:
    """Header texts as record keys: blank or repeated ones get a number, so none is lost."""
    names: list[str] = []
    for index, header in enumerate(headers, start=1):
        name = header.strip() or f"Column{index}"
        while name in names or name in keys:
            name = f"{name} ({index})"
        names.append(name)
    return names


def _record(
    row: dict, section: str, kind: str, columns: list[str], keys: tuple[str, ...] = ROW_KEYS
) -> dict[str, Any]:
    cells = row.get("Cells") or []
    first = cells[0] if cells else {}
    _, _, name_key, id_key = keys
    documents = keys == DOCUMENT_ROW_KEYS
    value = first.get("Value") or ""
    record: dict[str, Any] = {
        "Section": section,
        "RowType": kind,
        name_key: _amount(value) if documents and value else value,
        id_key: _attribute(first, _DOCUMENT_IDS if documents else ("account",)),
    }
    for name, cell in zip(columns, cells[1:], strict=False):
        record[name] = _amount(cell.get("Value"))
    return record


def _attribute(cell: dict, ids: tuple[str, ...]) -> str | None:
    """The value of the cell's first attribute named one of `ids` (`account`, `invoiceID`)."""
    for attribute in cell.get("Attributes") or []:
        if attribute.get("Id") in ids:
            return attribute.get("Value")
    return None


def _amount(value: Any) -> Decimal | str | None:
    """Xero's cell text: an amount becomes an exact Decimal, "" None, other text stays."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    midnight = _MIDNIGHT.match(str(value))
    if midnight:  # a document's date in a report of documents
        return midnight.group(1)
    text = str(value).replace(",", "")
    if _AMOUNT.fullmatch(text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return str(value)
    return str(value)

"""`GET /api.xro/2.0/Reports[/{name or ReportID}]`: every report Xero serves, from the books.

The figures come from the tenant's posted documents by double-entry rules (`ledger.py`), kept
per account and day in books brought up to date from what each write changed (`books.py`),
and laid out as Xero
lays them out (`statements.py`, `aged.py`, `cash_reports.py`, `budgets.py`, `published.py`).
The route sits in the same API pipeline as the Accounting endpoints: token, tenant, scope
(reports need `accounting.reports.read` or the report's own granular scope), limits, faults.

Every parameter Xero documents for a report is honoured or refused with a 400, and one it does
not document is refused too (names match case-insensitively):
- TrialBalance: `date`, `paymentsOnly` (cash basis: see books.py).
- ProfitAndLoss: `fromDate`, `toDate` (default the 1st of toDate's month, and today),
  `periods` (1-12 earlier periods, a column each) and `timeframe` (MONTH, QUARTER, YEAR),
  `trackingCategoryID` / `trackingCategoryID2` (a column per option of the category, then
  Unassigned and Total; not with `periods`), `trackingOptionID` / `trackingOptionID2` (only
  the lines with that option), `standardLayout` (the sandbox has only the standard layout, so
  true and false give it alike), `paymentsOnly`.
- BalanceSheet: `date`, `periods`, `timeframe`, `trackingOptionID1` / `trackingOptionID2`,
  `standardLayout`, `paymentsOnly`.
- AgedReceivablesByContact / AgedPayablesByContact: `contactId`, `date`, `fromDate`, `toDate`.
- BankSummary: `fromDate`, `toDate`. ExecutiveSummary: `date`.
- BudgetSummary: `date`, `periods`, `timeframe` (1, 3 or 12): the budget is in budgets.py.
- TenNinetyNine: `reportYear` (default this year): the 1099 forms of a US organisation (the
  one `us_company.py` adds), computed in ten_ninety_nine.py; for any other organisation a 400
  saying so (as Xero refuses it outside the US).
- `GET /Reports` lists the published tax returns, `GET /Reports/{ReportID}` shows one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from itertools import product

from xerocli.sandbox.accounting import bad_request, not_found
from xerocli.sandbox.aged import PARAMS as AGED_PARAMS
from xerocli.sandbox.aged import aged_rows
from xerocli.sandbox.books import ACCRUAL, CASH, Books
from xerocli.sandbox.books_cache import BooksCache
from xerocli.sandbox.budgets import PARAMS as BUDGET_PARAMS
from xerocli.sandbox.budgets import budget_summary_rows
from xerocli.sandbox.cash_reports import (
    BANK_SUMMARY_PARAMS,
    EXECUTIVE_SUMMARY_PARAMS,
    bank_summary_rows,
    executive_summary_rows,
)
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.published import tax_return_rows, tax_returns
from xerocli.sandbox.report_params import (
    BadParameter,
    Params,
    comparison_dates,
    comparison_ranges,
)
from xerocli.sandbox.statements import (
    balance_sheet_rows,
    long_date,
    pnl_column,
    profit_and_loss_rows,
    short_date,
    trial_balance_rows,
)
from xerocli.sandbox.store import Store
from xerocli.sandbox.ten_ninety_nine import ten_ninety_nine_reports
from xerocli.sandbox.us_company import ten_ninety_nine_setup
from xerocli.sandbox.xerojson import dumps, envelope, loads, ms_date

__all__ = ["REPORTS", "BadParameter", "Reports"]
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Built:
    """A report's rows and the period its last title names."""

    rows: list[dict]
    period: str
    #: Reports of another shape than rows, answered as they are (the 1099's forms).
    reports: list[dict] | None = None


@dataclass
class Asked:
    """One report request: the tenant's books, its parameters, today and the organisation."""

    books: Books
    params: Params
    today: date
    tenant: dict
    store: Store
    tenant_id: str


def _basis(asked: Asked) -> str:
    return CASH if asked.params.flag("paymentsOnly") else ACCRUAL


def _trial_balance(asked: Asked) -> Built:
    as_at = asked.params.date("date", asked.today)
    ledger = asked.books.ledger(_basis(asked))
    return Built(trial_balance_rows(ledger, as_at), f"As at {long_date(as_at)}")


# --- tracking ------------------------------------------------------------------------------
def _known_tracking(asked: Asked) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Option ID -> category ID, category ID -> name, and option ID -> name: from the lines
    that carry them and from any TrackingCategories the store keeps (so an option no line
    uses yet is a column with its name, not its ID)."""
    options = {o.option_id: o.category_id for o in asked.books.tracking.values()}
    names = {o.category_id: o.category for o in asked.books.tracking.values()}
    labels = {o.option_id: o.option for o in asked.books.tracking.values()}
    for body in asked.store.select_bodies(asked.tenant_id, "TrackingCategories"):
        category = loads(body)
        category_id = str(category.get("TrackingCategoryID") or "").lower()
        names[category_id] = str(category.get("Name") or "")
        for option in category.get("Options") or []:
            option_id = str(option.get("TrackingOptionID") or "").lower()
            options[option_id] = category_id
            labels[option_id] = str(option.get("Name") or option_id)
    return options, names, labels


def _option_filter(asked: Asked, names: tuple[str, ...]) -> Callable | None:
    wanted = []
    options, _, _ = _known_tracking(asked)
    for name in names:
        option = asked.params.text(name).lower()
        if not option:
            continue
        if option not in options:
            raise BadParameter(f"{name} '{option}' is not a tracking option of this organisation")
        wanted.append(option)
    if not wanted:
        return None
    return lambda tagged: all(option in tagged for option in wanted)


def _category_columns(asked: Asked) -> list[tuple[str, Callable]] | None:
    """One (label, filter) per option of the category (or per pair of options of the two
    categories), then Unassigned; None when no category is asked for."""
    options, names, label = _known_tracking(asked)
    categories = []
    for name in ("trackingCategoryID", "trackingCategoryID2"):
        category = asked.params.text(name).lower()
        if not category:
            continue
        if category not in names:
            raise BadParameter(
                f"{name} '{category}' is not a tracking category of this organisation"
            )
        categories.append(category)
    if not categories:
        return None
    if asked.params.text("trackingCategoryID2") and not asked.params.text("trackingCategoryID"):
        raise BadParameter("trackingCategoryID2 needs trackingCategoryID")
    per_category = []
    for category in categories:
        ids = sorted(
            (o for o, c in options.items() if c == category), key=lambda o: label.get(o, o)
        )
        per_category.append([*ids, None])  # None: no option of this category (Unassigned)

    def matches(tagged: tuple[str, ...], category: str, option: str | None) -> bool:
        if option is not None:
            return option in tagged
        return not any(options.get(t) == category for t in tagged)

    columns = []
    for combination in product(*per_category):
        text = " - ".join(label.get(o, o) if o else "Unassigned" for o in combination)
        pairs = list(zip(categories, combination, strict=False))
        columns.append(
            (text, lambda tagged, pairs=pairs: all(matches(tagged, c, o) for c, o in pairs))
        )
    return columns


# --- profit and loss and balance sheet -----------------------------------------------------
def _profit_and_loss(asked: Asked) -> Built:
    params = asked.params
    end = params.date("toDate", asked.today)
    start = params.date("fromDate", end.replace(day=1))
    if start > end:
        raise BadParameter(f"fromDate {start.isoformat()} is after toDate {end.isoformat()}")
    periods, months = params.periods(), params.timeframe_months()
    params.flag("standardLayout")  # checked: the sandbox's only layout is the standard one
    basis = _basis(asked)
    only = _option_filter(asked, ("trackingOptionID", "trackingOptionID2"))
    split = _category_columns(asked)
    period = f"For the period {long_date(start)} to {long_date(end)}"
    if split is not None:
        if periods:
            raise BadParameter("periods cannot be combined with trackingCategoryID")
        columns = []
        for label, chosen in split:

            def both(tagged, chosen=chosen):
                return chosen(tagged) and (only is None or only(tagged))

            ledger = asked.books.ledger(basis, both)
            columns.append(pnl_column(ledger, start, end, label))
        ledger = asked.books.ledger(basis, only)
        columns.append(pnl_column(ledger, start, end, "Total"))
        return Built(profit_and_loss_rows(ledger, columns), period)
    ledger = asked.books.ledger(basis, only)
    ranges = comparison_ranges(start, end, periods, months)
    columns = [pnl_column(ledger, first, last) for first, last in ranges]
    return Built(profit_and_loss_rows(ledger, columns), period)


def _balance_sheet(asked: Asked) -> Built:
    params = asked.params
    as_at = params.date("date", asked.today)
    dates = comparison_dates(as_at, params.periods(), params.timeframe_months())
    params.flag("standardLayout")
    only = _option_filter(asked, ("trackingOptionID1", "trackingOptionID2"))
    ledger = asked.books.ledger(_basis(asked), only)
    labels = [short_date(day) for day in dates]
    return Built(balance_sheet_rows(ledger, dates, labels), f"As at {long_date(as_at)}")


def _aged(which: str) -> Callable[[Asked], Built]:
    def build(asked: Asked) -> Built:
        rows, period = aged_rows(asked.books, which, asked.params, asked.today)
        return Built(rows, period)

    return build


def _from(rows_of) -> Callable[[Asked], Built]:
    def build(asked: Asked) -> Built:
        rows, period = rows_of(asked.books, asked.params, asked.today)
        return Built(rows, period)

    return build


def _ten_ninety_nine(asked: Asked) -> Built:
    """The 1099 forms of a US organisation for `reportYear` (default this year): see
    ten_ninety_nine.py. Outside the US it is refused, as Xero refuses it."""
    year = asked.params.text("reportYear")
    if year and not _YEAR.match(year):
        raise BadParameter(f"reportYear must be a year such as 2026, not '{year}'")
    setup = ten_ninety_nine_setup(asked.store, asked.tenant_id)
    country = asked.tenant.get("country", "")
    if country != "US" or setup is None:
        raise BadParameter(
            f"The 1099 report is for organisations in the United States; this one is in {country}"
        )
    chosen = int(year) if year else asked.today.year
    period = f"1 Jan {chosen} to 31 Dec {chosen}"
    forms = ten_ninety_nine_reports(asked.store, asked.tenant_id, chosen, setup, period)
    return Built([], period, forms)


@dataclass(frozen=True)
class ReportSpec:
    report_type: str
    name: str
    params: tuple[str, ...]
    build: Callable[[Asked], Built]


#: Path segment (lower case) -> the report.
REPORTS: dict[str, ReportSpec] = {
    spec.report_type.lower(): spec
    for spec in (
        ReportSpec("TrialBalance", "Trial Balance", ("date", "paymentsOnly"), _trial_balance),
        ReportSpec(
            "ProfitAndLoss",
            "Profit and Loss",
            (
                "fromDate",
                "toDate",
                "periods",
                "timeframe",
                "trackingCategoryID",
                "trackingCategoryID2",
                "trackingOptionID",
                "trackingOptionID2",
                "standardLayout",
                "paymentsOnly",
            ),
            _profit_and_loss,
        ),
        ReportSpec(
            "BalanceSheet",
            "Balance Sheet",
            (
                "date",
                "periods",
                "timeframe",
                "trackingOptionID1",
                "trackingOptionID2",
                "standardLayout",
                "paymentsOnly",
            ),
            _balance_sheet,
        ),
        ReportSpec(
            "AgedReceivablesByContact",
            "Aged Receivables By Contact",
            AGED_PARAMS,
            _aged("receivables"),
        ),
        ReportSpec(
            "AgedPayablesByContact", "Aged Payables By Contact", AGED_PARAMS, _aged("payables")
        ),
        ReportSpec("BankSummary", "Bank Summary", BANK_SUMMARY_PARAMS, _from(bank_summary_rows)),
        ReportSpec("BudgetSummary", "Budget Summary", BUDGET_PARAMS, _from(budget_summary_rows)),
        ReportSpec(
            "ExecutiveSummary",
            "Executive Summary",
            EXECUTIVE_SUMMARY_PARAMS,
            _from(executive_summary_rows),
        ),
        ReportSpec("TenNinetyNine", "1099 Report", ("reportYear",), _ten_ninety_nine),
    )
}


class Reports:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache = BooksCache(store)

    def register(self, router: Router) -> None:
        """Register before the Accounting routes: their `/{collection}/{record_id}` get would
        otherwise take `/Reports/TrialBalance` for a record of a collection called Reports."""
        router.add("GET", "/api.xro/2.0/Reports", self.published)
        router.add("GET", "/api.xro/2.0/Reports/{report}", self.get)
        router.add("GET", "/__sandbox/reports", self.admin_stats)
        router.add("POST", "/__sandbox/reports/reread", self.admin_reread)

    def admin_reread(self, req: Request) -> Response:
        """For tests: forget every tenant's books, so the next report reads them whole (what
        the updated books must equal)."""
        self.cache.forget()
        return Response(204)

    def admin_stats(self, req: Request) -> Response:
        """For tests: how often the books were built and reused, and documents parsed."""
        return Response.json(200, self.cache.stats())

    def _today(self) -> datetime:
        return datetime.now(timezone.utc)

    def get(self, req: Request) -> Response:
        segment = req.params.get("report", "")
        spec = REPORTS.get(segment.lower())
        tenant_id = req.context["tenant_id"]
        now = self._today()
        if spec is None:
            return self._published_one(req, segment, tenant_id, now)
        tenant = self.store.tenant(tenant_id) or {}
        try:
            params = Params(req, spec.params)
            with self.cache.lock:  # the books do not move while a report reads them
                asked = Asked(
                    self.cache.books(tenant_id), params, now.date(), tenant, self.store, tenant_id
                )
                built = spec.build(asked)
        except BadParameter as exc:
            return bad_request(str(exc))
        if built.reports is not None:
            forms = [dumps(form) for form in built.reports]
            return Response.json(200, envelope("Reports", forms, now, None))
        report = self._report(spec.report_type, spec.name, spec.report_type, tenant, built, now)
        return Response.json(200, envelope("Reports", [dumps(report)], now, None))

    @staticmethod
    def _report(
        report_id: str, name: str, report_type: str, tenant: dict, built: Built, now: datetime
    ) -> dict:
        return {
            "ReportID": report_id,
            "ReportName": name,
            "ReportType": report_type,
            "ReportTitles": [name, tenant.get("name", ""), built.period],
            "ReportDate": long_date(now.date()),
            "UpdatedDateUTC": ms_date(now),
            "Fields": [],
            "Rows": built.rows,
        }

    def _returns(self, tenant_id: str, now: datetime):
        tenant = self.store.tenant(tenant_id) or {}
        books = self.cache.books(tenant_id)
        return tenant, books, tax_returns(books, tenant_id, tenant.get("country", ""), now.date())

    def published(self, req: Request) -> Response:
        tenant_id = req.context["tenant_id"]
        now = self._today()
        if req.query:
            return bad_request(f"Reports takes no parameters, not {', '.join(sorted(req.query))}")
        with self.cache.lock:
            tenant, _, returns = self._returns(tenant_id, now)
        listed = [
            dumps(
                {
                    "ReportID": found.report_id,
                    "ReportName": found.name,
                    "ReportType": found.report_type,
                    "ReportTitles": [found.name, tenant.get("name", ""), found.period],
                    "ReportDate": long_date(found.end),
                    "UpdatedDateUTC": ms_date(now),
                }
            )
            for found in returns
        ]
        return Response.json(200, envelope("Reports", listed, now, None))

    def _published_one(self, req: Request, segment: str, tenant_id: str, now: datetime) -> Response:
        with self.cache.lock:
            tenant, books, returns = self._returns(tenant_id, now)
            found = next((r for r in returns if r.report_id == segment.lower()), None)
            if found is None:
                return not_found()
            if req.query:
                return bad_request("A published report takes no parameters")
            built = Built(tax_return_rows(books, found), found.period)
        report = self._report(found.report_id, found.name, found.report_type, tenant, built, now)
        return Response.json(200, envelope("Reports", [dumps(report)], now, None))

"""`GET /api.xro/2.0/Reports/{TrialBalance|ProfitAndLoss|BalanceSheet}`, computed on each call.

The figures come from the tenant's stored records by double-entry rules (`ledger.py`), laid out
as Xero lays them out (`statements.py`), so they move as soon as a record is written. The route
sits in the same API pipeline as the Accounting endpoints: token, tenant, scope (reports need
`accounting.reports.read` or the report's own granular scope), rate limits and faults.

Parameters, as Xero names them (matched case-insensitively):
- TrialBalance: `date` (as at; default today, UTC) and `paymentsOnly`, accepted and ignored: the
  sandbox reports on an accrual basis only.
- ProfitAndLoss: `fromDate` and `toDate` (default the 1st of toDate's month, and today).
- BalanceSheet: `date` (as at; default today).
Xero's comparison periods, timeframes, tracking and layout options are not emulated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from xerocli.sandbox.accounting import bad_request, not_found
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.ledger import read_ledger
from xerocli.sandbox.statements import (
    balance_sheet_rows,
    long_date,
    profit_and_loss_rows,
    trial_balance_rows,
)
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope, ms_date

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadParameter(ValueError):
    """A query parameter Xero would refuse; answered with a 400."""


@dataclass(frozen=True)
class Built:
    """A report's rows and the period its third title names."""

    rows: list[dict]
    period: str


def _date_arg(req: Request, name: str, default: date) -> date:
    raw = (req.arg(name) or "").strip()
    if not raw:
        return default
    if _ISO_DATE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise BadParameter(f"{name} must be a date written YYYY-MM-DD, not '{raw}'")


def _trial_balance(store: Store, tenant_id: str, req: Request, today: date) -> Built:
    as_at = _date_arg(req, "date", today)
    # `paymentsOnly` (cash basis) is accepted and ignored: the sandbox books on accrual only.
    ledger = read_ledger(store, tenant_id, as_at)
    return Built(trial_balance_rows(ledger, as_at), f"As at {long_date(as_at)}")


def _profit_and_loss(store: Store, tenant_id: str, req: Request, today: date) -> Built:
    end = _date_arg(req, "toDate", today)
    start = _date_arg(req, "fromDate", end.replace(day=1))
    if start > end:
        raise BadParameter(f"fromDate {start.isoformat()} is after toDate {end.isoformat()}")
    ledger = read_ledger(store, tenant_id, end)
    period = f"For the period {long_date(start)} to {long_date(end)}"
    return Built(profit_and_loss_rows(ledger, start, end), period)


def _balance_sheet(store: Store, tenant_id: str, req: Request, today: date) -> Built:
    as_at = _date_arg(req, "date", today)
    ledger = read_ledger(store, tenant_id, as_at)
    return Built(balance_sheet_rows(ledger, as_at), f"As at {long_date(as_at)}")


Builder = Callable[[Store, str, Request, date], Built]
#: Path segment (lower case) -> (ReportType, ReportName, builder).
REPORTS: dict[str, tuple[str, str, Builder]] = {
    "trialbalance": ("TrialBalance", "Trial Balance", _trial_balance),
    "profitandloss": ("ProfitAndLoss", "Profit and Loss", _profit_and_loss),
    "balancesheet": ("BalanceSheet", "Balance Sheet", _balance_sheet),
}


class Reports:
    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, router: Router) -> None:
        """Register before the Accounting routes: their `/{collection}/{record_id}` get would
        otherwise take `/Reports/TrialBalance` for a record of a collection called Reports."""
        router.add("GET", "/api.xro/2.0/Reports/{report}", self.get)

    def get(self, req: Request) -> Response:
        found = REPORTS.get(req.params.get("report", "").lower())
        if found is None:
            return not_found()
        report_type, report_name, build = found
        tenant_id = req.context["tenant_id"]
        now = datetime.now(timezone.utc)
        try:
            built = build(self.store, tenant_id, req, now.date())
        except BadParameter as exc:
            return bad_request(str(exc))
        organisation = (self.store.tenant(tenant_id) or {}).get("name", "")
        report = {
            "ReportID": report_type,
            "ReportName": report_name,
            "ReportType": report_type,
            "ReportTitles": [report_name, organisation, built.period],
            "ReportDate": long_date(now.date()),
            "UpdatedDateUTC": ms_date(now),
            "Fields": [],
            "Rows": built.rows,
        }
        return Response.json(200, envelope("Reports", [dumps(report)], now, None))

"""Budgets (`/Budgets`): read-only in Xero's API. Each demo company has an overall budget and
one for the North region, a line per revenue and expense account with an amount per month of
its financial year (April 2026 to March 2027). Lists leave the lines out and, given `DateFrom`
or `DateTo`, hold the budgets with a period in that range; `GET /Budgets/{ID}` carries the
lines, limited to the periods between `DateFrom` and `DateTo` when given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import set_updated
from xerocli.sandbox.resources._answers import (
    answer,
    not_found,
    seeded_at,
    stable_id,
    stored,
    tenant_of,
)
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, parse_date

#: Account code -> the monthly amount budgeted in the overall budget (in base currency units).
MONTHLY = {"200": 42000, "260": 3500, "400": 1800, "412": 2500, "429": 900, "469": 4200}
#: The budget's months: the financial year from April 2026.
PERIODS = tuple(f"{2026 + (3 + i) // 12}-{(3 + i) % 12 + 1:02d}" for i in range(12))


def seed_budgets(company) -> list[dict]:
    tenant = company.spec.tenant_id
    ids = {a["Code"]: a["AccountID"] for a in company.accounts}
    region = {
        "TrackingCategoryID": stable_id(tenant, "tracking", "Region"),
        "TrackingOptionID": stable_id(tenant, "tracking", "Region", "North"),
        "Name": "Region",
        "Option": "North",
    }
    budgets = []
    for index, (description, share, tracking) in enumerate(
        (("Overall Budget", Decimal(1), []), ("North region", Decimal("0.3"), [region]))
    ):
        budget = {
            "BudgetID": stable_id(tenant, "budget", index),
            "Type": "TRACKING" if tracking else "OVERALL",
            "Description": description,
            "BudgetLines": [
                {
                    "AccountID": ids.get(code),
                    "AccountCode": code,
                    "BudgetBalances": [
                        {"Period": period, "Amount": _amount(monthly, share, month)}
                        for month, period in enumerate(PERIODS)
                    ],
                }
                for code, monthly in MONTHLY.items()
            ],
            "Tracking": tracking,
        }
        set_updated(budget, seeded_at(150 - index))
        budgets.append(budget)
    return budgets


def _amount(monthly: int, share: Decimal, month: int) -> Decimal:
    """Growing 1% a month through the year, to the cent."""
    return (Decimal(monthly) * share * (1 + Decimal(month) / 100)).quantize(Decimal("0.01"))


def _month(req: Request, name: str) -> str | None:
    day = parse_date(req.arg(name)) if req.arg(name) else None
    return f"{day.year}-{day.month:02d}" if isinstance(day, date) else None


def _in_range(period: str, start: str | None, end: str | None) -> bool:
    return (start is None or period >= start) and (end is None or period <= end)


def list_budgets(store: Store, req: Request) -> Response:
    """`GET /Budgets?IDs=&DateFrom=&DateTo=`: the budgets (without lines) with a period in the
    range, the IDs' only when given."""
    start, end = _month(req, "DateFrom"), _month(req, "DateTo")
    wanted = {i.strip().lower() for i in (req.arg("IDs") or "").split(",") if i.strip()}
    shown = []
    for budget in stored(store, req, "Budgets"):
        if wanted and budget["BudgetID"].lower() not in wanted:
            continue
        periods = {b["Period"] for line in budget["BudgetLines"] for b in line["BudgetBalances"]}
        if (start or end) and not any(_in_range(p, start, end) for p in periods):
            continue
        shown.append({key: value for key, value in budget.items() if key != "BudgetLines"})
    return answer("Budgets", shown)


def get_budget(store: Store, req: Request) -> Response:
    """`GET /Budgets/{ID}?DateFrom=&DateTo=`: its lines, with the periods in the range."""
    body = store.get_body(tenant_of(req), "Budgets", req.params["record_id"])
    if body is None:
        return not_found()
    budget = loads(body)
    start, end = _month(req, "DateFrom"), _month(req, "DateTo")
    for line in budget["BudgetLines"]:
        line["BudgetBalances"] = [
            b for b in line["BudgetBalances"] if _in_range(b["Period"], start, end)
        ]
    return answer("Budgets", [budget])


RESOURCE = Resource(
    collection="Budgets",
    type_name="Budget",
    id_field="BudgetID",
    status_field=None,
    fields=frozenset(
        {"BudgetID", "Type", "Description", "UpdatedDateUTC", "BudgetLines", "Tracking"}
    ),
    listing=Listing(line_field="BudgetLines"),
    scopes=("accounting.budgets",),
    seed=seed_budgets,
    routes=(Route("GET", "", list_budgets), Route("GET", "/{record_id}", get_budget)),
)

"""Setup (`POST /Setup`): a new organisation's chart of accounts, conversion date and
conversion balances in one request (Xero's conversions guide). There is nothing to list or read.

Checked whole before anything is stored: the ConversionDate (Month 1-12, Year after 2006), each
account of `Accounts` by the accounts' own rules (a Code the chart has is updated, a new one
created), and each balance's AccountCode (in the chart or among the accounts sent) and Balance
(debits positive, credits negative). The balances must sum to zero. Applied in one transaction:
the accounts written, then the balances stored as one conversion record, dated the day before
the conversion date, that posts each balance to its account (a new Setup replaces it). The
answer is Xero's `ImportSummary`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import set_date
from xerocli.sandbox.resources._answers import stable_id, tenant_of
from xerocli.sandbox.resources.accounts import write_account
from xerocli.sandbox.resources.declaration import Resource, Route
from xerocli.sandbox.store import Store
from xerocli.sandbox.validate import Element
from xerocli.sandbox.xerojson import dumps, error_body, loads, money, validation_exception

KIND = "Setup"
ZERO = Decimal("0.00")


class _Refused(Exception):
    """An account of the request was refused: the transaction is rolled back."""

    def __init__(self, elements: list[dict]) -> None:
        super().__init__("refused")
        self.elements = elements


def _conversion_date(sent: object, problems: list[str]) -> date | None:
    if sent is None:
        return None
    if not isinstance(sent, dict):
        problems.append("ConversionDate must be an object with Month and Year")
        return None
    month, year = sent.get("Month"), sent.get("Year")
    if not isinstance(month, int) or not 1 <= month <= 12:
        problems.append("ConversionDate.Month must be a whole number from 1 to 12")
    if not isinstance(year, int) or year <= 2006:
        problems.append("ConversionDate.Year must be a whole number after 2006")
    if problems:
        return None
    return date(year, month, 1)


def _balances(sent: object, codes: set[str], problems: list[str]) -> list[dict]:
    if sent is None:
        return []
    if not isinstance(sent, list):
        problems.append("ConversionBalances must be a list")
        return []
    found = []
    for number, raw in enumerate(sent, 1):
        raw = raw if isinstance(raw, dict) else {}
        code = str(raw.get("AccountCode") or "")
        try:
            balance = Decimal(str(raw.get("Balance")))
        except (InvalidOperation, ValueError):
            problems.append(f"Conversion balance {number}: Balance must be a number")
            continue
        if not code:
            problems.append(f"Conversion balance {number}: an AccountCode is required")
        elif code not in codes:
            problems.append(f"Conversion balance {number}: account code '{code}' does not exist")
        elif money(balance) != balance:
            problems.append(f"Conversion balance {number}: at most 2 decimal places")
        else:
            found.append({"AccountCode": code, "Balance": money(balance)})
    total = sum((b["Balance"] for b in found), ZERO)
    if found and not problems and total != 0:
        problems.append(
            f"The conversion balances must balance: debits less credits is {total}, not 0"
        )
    return found


def post_setup(store: Store, req: Request) -> Response:
    from xerocli.sandbox.writes import Context

    try:
        sent = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    if not isinstance(sent, dict):
        return Response.json(400, error_body(16, "QueryParseException", "Send one Setup object"))
    ctx = Context(store, tenant_of(req))
    problems: list[str] = []
    day = _conversion_date(sent.get("ConversionDate"), problems)
    accounts = sent.get("Accounts") or []
    if not isinstance(accounts, list):
        problems.append("Accounts must be a list")
        accounts = []
    codes = {str(a.get("Code") or "") for a in ctx.accounts if a.get("Status") != "DELETED"}
    codes |= {str(a.get("Code") or "") for a in accounts if isinstance(a, dict)}
    balances = _balances(sent.get("ConversionBalances"), codes, problems)
    if balances and day is None and not problems:
        problems.append("ConversionDate is required with ConversionBalances")
    if problems:
        refused = {**sent, "ValidationErrors": [{"Message": m} for m in problems]}
        return Response.json(400, validation_exception(KIND, [refused]))
    new = updated = 0
    try:
        with store.transaction():
            refused = []
            for raw in accounts:
                element = Element(raw)
                existing = ctx.account(code=element.sent.get("Code"))
                if write_account(ctx, element, existing) is None:
                    refused.append({**element.sent, "ValidationErrors": [
                        {"Message": m} for m in element.errors]})  # fmt: skip
                elif existing is None:
                    new += 1
                else:
                    updated += 1
            if refused:
                raise _Refused(refused)
            if day is not None:
                _store_conversion(ctx, day, sent.get("ConversionDate"), balances)
    except _Refused as exc:
        return Response.json(400, validation_exception("Accounts", exc.elements))
    summary = {
        "ImportSummary": {
            "Accounts": {
                "Total": len([a for a in ctx.accounts if a.get("Status") != "DELETED"]),
                "New": new,
                "Updated": updated,
                "Deleted": 0,
                "Locked": 0,
                "System": len([a for a in ctx.accounts if a.get("SystemAccount")]),
                "Errored": 0,
                "Present": bool(accounts),
                "NewOrUpdated": new + updated,
            },
            "Organisation": {"Present": day is not None},
        }
    }
    return Response.json(200, loads(dumps(summary)))


def _store_conversion(ctx, day: date, sent_date: dict, balances: list[dict]) -> None:
    """The organisation's one conversion record (replacing an earlier one)."""
    record_id = stable_id(ctx.tenant_id, "conversion")
    existing = ctx.get(KIND, record_id)
    record = {
        "SetupID": record_id,
        "Status": "POSTED",
        "ConversionDate": {"Month": sent_date["Month"], "Year": sent_date["Year"]},
        "ConversionBalances": balances,
    }
    set_date(record, "Date", day - timedelta(days=1), with_string=False)
    ctx.save(KIND, record, existing is None)


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """Each conversion balance on its account (debits positive); they sum to zero."""
    summed: dict[str, Decimal] = {}
    for balance in record.get("ConversionBalances") or []:
        code = str(balance["AccountCode"])
        summed[code] = summed.get(code, ZERO) + Decimal(str(balance["Balance"]))
    return summed


def _no_list(store: Store, req: Request) -> Response:
    return Response.json(405, error_body(405, "MethodNotAllowed", "Setup is POST only"))


RESOURCE = Resource(
    collection=KIND,
    type_name="Setup",
    id_field="SetupID",
    date_field="Date",
    fields=frozenset({"ConversionDate", "ConversionBalances", "Accounts"}),
    scopes=("accounting.settings",),
    routes=(Route("POST", "", post_setup), Route("GET", "", _no_list)),
    by_id=False,
    listed=False,
    postings=postings,
    posted_statuses=("POSTED",),
)

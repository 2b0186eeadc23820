"""Fetching what a consolidation needs from each organisation, in parallel.

Per organisation: its base currency (`GET /Organisation`), its chart (`GET /Accounts`, for each
account's code and class) and the report itself. Each organisation has a client of its own on
the command's login (one token refresh serves all), paced by the process's pacer within that
organisation's own limits, so three organisations take about as long as one.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from xerocli import errors
from xerocli.api.consolidate import ZERO, Organisation, lines_from_report
from xerocli.api.reports import BY_NOUN, Report, fetch, flatten

if TYPE_CHECKING:
    from xerocli.api.client import XeroClient

MAX_PARALLEL = 4

T = TypeVar("T")


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    name: str


def choose_tenants(connections: list[dict], wanted: list[str] | None) -> list[Tenant]:
    """The connections named in `wanted` (IDs or names, any case), or all of them (None)."""
    tenants = [
        Tenant(str(c.get("tenantId")), str(c.get("tenantName") or c.get("tenantId")))
        for c in connections
    ]
    if wanted is None:
        if not tenants:
            raise errors.AuthError(
                "no organisation is connected to this login: run `xero auth login`"
            )
        return tenants
    chosen = []
    for name in wanted:
        match = next(
            (t for t in tenants if name.lower() in (t.tenant_id.lower(), t.name.lower())), None
        )
        if match is None:
            known = ", ".join(t.name for t in tenants) or "none"
            raise errors.UsageError(
                f"--tenants: {name!r} is not a connected organisation ({known})"
            )
        if match not in chosen:
            chosen.append(match)
    if len(chosen) < 2:
        raise errors.UsageError("--tenants: name at least two organisations to consolidate")
    return chosen


def _organisation(client: XeroClient, tenant: Tenant, report: Report, params: dict) -> Organisation:
    settings = client.request("GET", "/Organisation", scope_hint="accounting.settings").payload
    currency = str(((settings or {}).get("Organisations") or [{}])[0].get("BaseCurrency") or "")
    accounts = client.request("GET", "/Accounts", scope_hint="accounting.settings").payload
    chart = {
        str(a.get("AccountID") or "").lower(): a for a in (accounts or {}).get("Accounts") or []
    }
    flat = flatten(fetch(client, report, params))
    value_column = flat.columns[0] if flat.columns else None
    kind = report.noun
    lines = lines_from_report(kind, flat.rows, value_column, chart)
    return Organisation(tenant.name, currency, lines, flat.rows, flat.columns)


def contact_balance(client: XeroClient, contact: str, as_at: str) -> tuple[Decimal, Decimal]:
    """(what `contact` owes, what is owed to it) as at a date, in the organisation's currency:
    the Due totals of its aged receivables and payables. A name no contact has is an error."""
    escaped = contact.replace('"', '\\"')
    answer = client.request(
        "GET", "/Contacts", params={"where": f'Name=="{escaped}"'}, scope_hint="accounting.contacts"
    )
    found = (answer.payload or {}).get("Contacts") or []
    if not found:
        raise errors.UsageError(f"--eliminate: no contact named {contact!r} in this organisation")
    contact_id = str(found[0]["ContactID"])
    amounts = []
    for noun in ("aged-receivables", "aged-payables"):
        asked = {"contactId": contact_id, **({"date": as_at} if as_at else {})}
        flat = flatten(fetch(client, BY_NOUN[noun], asked))
        totals = [r for r in flat.rows if r["RowType"] == "SummaryRow"]
        due = totals[-1].get("Due") if totals else None
        amounts.append(Decimal(str(due)) if isinstance(due, (Decimal, int, float)) else ZERO)
    return amounts[0], amounts[1]


def fetch_organisations(
    login: Any,
    tenants: list[Tenant],
    report: Report,
    params: dict[str, str],
    pacer: Any,
    contacts: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> tuple[list[Organisation], dict[tuple[str, str], tuple[Decimal, Decimal]]]:
    """Every tenant's figures, fetched at once (results in the tenants' order), and the
    balances of the `(organisation lower, "@contact")` sides of contact eliminations.

    A failure names its organisation (`errors.of_organisation`) and is raised once every
    call has ended, the first in the tenants' order, with the other organisations' failures
    as its details: of twelve organisations, all that failed are named at once."""
    clients = [login.tenant_client(t.tenant_id, pacer) for t in tenants]
    by_name = {t.name.lower(): (t, client) for t, client in zip(tenants, clients, strict=True)}
    try:
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(tenants))) as pool:
            futures = [
                pool.submit(_named, tenant, _organisation, client, tenant, report, params)
                for client, tenant in zip(clients, tenants, strict=True)
            ]
            balances = {
                side: pool.submit(
                    _named,
                    by_name[side[0]][0],
                    contact_balance,
                    by_name[side[0]][1],
                    side[1][1:],
                    params.get("date", ""),
                )
                for side in contacts
                if side[0] in by_name
            }
            _raise_failures([*futures, *balances.values()])
            organisations = [future.result() for future in futures]
            return organisations, {side: future.result() for side, future in balances.items()}
    finally:
        for client in clients:
            client.close()


def _named(tenant: Tenant, call: Callable[..., T], *args: Any) -> T:
    """`call(*args)`, one organisation's work: an error of it names the organisation."""
    with errors.of_organisation_calls(tenant.name, tenant.tenant_id):
        return call(*args)


def _raise_failures(futures: list[Future]) -> None:
    """Once every call has ended, the first failure (in the order given) if any, with the
    other organisations' as its details (`also Acme Ltd (tenant ...): ...`)."""
    wait(futures)
    failures = [exc for exc in (future.exception() for future in futures) if exc is not None]
    if not failures:
        return
    first = failures[0]
    if not isinstance(first, errors.XeroCliError):
        raise first
    others = [f"also {exc.message}" for exc in failures[1:] if isinstance(exc, errors.XeroCliError)]
    if not others:
        raise first
    listed = errors.reworded(first, first.message)
    listed.details = [*first.details, *others]
    raise listed from first


def fetch_earnings(app_ctx, tenants, organisations, period, reporting: str, pacer) -> None:
    """Each organisation in another currency gets its year-to-date P&L's lines
    (`Organisation.earnings`), so its Current Year Earnings is translated line by line as the
    consolidated P&L and trial balance translate them, and agrees with them to the cent. One
    in the reporting currency needs none: a rate of 1 rounds nothing."""
    foreign = [
        (tenant, organisation)
        for tenant, organisation in zip(tenants, organisations, strict=True)
        if organisation.currency.upper() != reporting
    ]
    if not foreign:
        return
    params = {"fromDate": period.year_start.isoformat(), "toDate": period.end.isoformat()}
    fetched, _ = fetch_organisations(
        app_ctx, [tenant for tenant, _ in foreign], BY_NOUN["profit-and-loss"], params, pacer
    )
    for (_, organisation), pnl in zip(foreign, fetched, strict=True):
        organisation.earnings = pnl.lines

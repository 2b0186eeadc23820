"""Tax rates (`/TaxRates`): a tax rate is known by its TaxType. `PUT /TaxRates` adds one (Xero
gives it the next `TAX001`...), `POST /TaxRates` changes the one its TaxType names.

What the writer checks, as Xero does: a name unique among the rates not deleted; at least one
component, each named, its rate a percentage (0 to 100, 4 places); a report tax type from the
organisation's country's list (required for a new rate in NZ and the UK); a new rate ACTIVE,
a change ACTIVE or DELETED. The effective rate is the simple components' sum and each compound
one applied on the amount with that tax; the displayed rate is the components' sum.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.resources.declaration import Listing, Resource
from xerocli.sandbox.validate import Element, bool_field, decimal_field, text_field
from xerocli.sandbox.xerojson import loads, money

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

FOUR = Decimal("0.0001")
HUNDRED = Decimal(100)
#: The report tax types each country's returns take (Xero's ReportTaxType, by country).
REPORT_TAX_TYPES = {
    "NZ": ("OUTPUT", "INPUT", "EXEMPTOUTPUT", "EXEMPTINPUT", "GSTONIMPORTS", "NONE"),
    "GB": (
        "OUTPUT", "INPUT", "EXEMPTOUTPUT", "EXEMPTINPUT", "ECOUTPUT", "ECOUTPUTSERVICES",
        "ECINPUT", "ECACQUISITIONS", "CAPITALSALESOUTPUT", "CAPITALEXPENSESINPUT", "MOSSSALES",
        "REVERSECHARGES", "NONE",
    ),
}  # fmt: skip
#: Report tax types of sales (a rate for revenue accounts); the rest are purchases, but NONE.
_SALES = frozenset(
    {"OUTPUT", "EXEMPTOUTPUT", "ECOUTPUT", "ECOUTPUTSERVICES", "CAPITALSALESOUTPUT", "MOSSSALES"}
)
NEW_TAX_TYPE_PREFIX = "TAX"


def _country(ctx: Context) -> str:
    organisation = [loads(b) for b in ctx.store.select_bodies(ctx.tenant_id, "Organisation")]
    return organisation[0].get("CountryCode", "NZ") if organisation else "NZ"


def _components(el: Element, raw: object) -> list[dict] | None:
    if not isinstance(raw, list) or not raw:
        el.error("A tax rate needs at least one TaxComponent")
        return None
    parts = []
    for index, part in enumerate(raw, start=1):
        if not isinstance(part, dict):
            el.error(f"TaxComponent {index} must be an object")
            continue
        name = text_field(el, part.get("Name"), f"TaxComponent {index} Name", 50)
        if not (name or "").strip():
            el.error(f"TaxComponent {index} needs a Name")
        rate = decimal_field(el, part.get("Rate"), f"TaxComponent {index} Rate")
        if rate is None:
            el.error(f"TaxComponent {index} needs a Rate")
        elif not Decimal(0) <= rate <= HUNDRED:
            el.error(f"TaxComponent {index} Rate must be between 0 and 100")
        elif rate != rate.quantize(FOUR):
            el.error(f"TaxComponent {index} Rate has more than 4 decimal places")
        compound = bool_field(el, part.get("IsCompound"), f"TaxComponent {index} IsCompound")
        recoverable = bool_field(
            el, part.get("IsNonRecoverable"), f"TaxComponent {index} IsNonRecoverable"
        )
        if el.ok:
            parts.append(
                {
                    "Name": name.strip(),
                    "Rate": money(rate, FOUR),
                    "IsCompound": bool(compound),
                    "IsNonRecoverable": bool(recoverable),
                }
            )
    return parts if el.ok else None


def rates_of(components: list[dict]) -> tuple[Decimal, Decimal]:
    """(effective, displayed) percentage of a rate's components."""
    simple = sum((c["Rate"] for c in components if not c["IsCompound"]), Decimal(0))
    effective = simple
    for part in components:
        if part["IsCompound"]:
            effective += part["Rate"] * (HUNDRED + simple) / HUNDRED
    shown = sum((c["Rate"] for c in components), Decimal(0))
    return money(effective, FOUR), money(shown, FOUR)


def _name_taken(ctx: Context, name: str, own_type: str | None) -> bool:
    for rate in map(loads, ctx.store.select_bodies(ctx.tenant_id, "TaxRates")):
        if rate["TaxType"] == own_type or rate.get("Status") == "DELETED":
            continue
        if rate["Name"].strip().lower() == name.strip().lower():
            return True
    return False


def _next_tax_type(ctx: Context) -> str:
    taken = [
        int(rate["TaxType"][len(NEW_TAX_TYPE_PREFIX) :])
        for rate in map(loads, ctx.store.select_bodies(ctx.tenant_id, "TaxRates"))
        if rate["TaxType"].startswith(NEW_TAX_TYPE_PREFIX)
        and rate["TaxType"][len(NEW_TAX_TYPE_PREFIX) :].isdigit()
    ]
    return f"{NEW_TAX_TYPE_PREFIX}{max(taken, default=0) + 1:03d}"


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """Create a rate, or change the one `existing` is (what is sent replaces what it had)."""
    sent = el.sent
    record = dict(existing) if existing else {}
    name = text_field(el, sent.get("Name", record.get("Name")), "Name", 50)
    if not (name or "").strip():
        el.error("Name is required")
    elif _name_taken(ctx, name, record.get("TaxType")):
        el.error(f"A tax rate named {name.strip()!r} already exists")
    components = record.get("TaxComponents")
    if existing is None or "TaxComponents" in sent:
        components = _components(el, sent.get("TaxComponents"))
    country = _country(ctx)
    allowed = REPORT_TAX_TYPES.get(country, ())
    report = sent.get("ReportTaxType", record.get("ReportTaxType"))
    if report in (None, ""):
        if allowed:
            el.error(f"ReportTaxType is required for a tax rate of a {country} organisation")
    elif not isinstance(report, str) or (allowed and report.upper() not in allowed):
        el.error(
            f"ReportTaxType {report!r} is not one a {country} organisation reports; expected"
            f" one of {', '.join(allowed)}"
        )
    status = sent.get("Status") or record.get("Status") or "ACTIVE"
    if existing is None and status != "ACTIVE":
        el.error("A new tax rate must be ACTIVE")
    elif status not in ("ACTIVE", "DELETED", record.get("Status")):
        el.error(f"Status {status!r} is not valid; expected ACTIVE or DELETED")
    if not el.ok or components is None:
        return None
    report = str(report).upper()
    effective, shown = rates_of(components)
    sales = report in _SALES
    record.update(
        {
            "Name": name.strip(),
            "TaxType": record.get("TaxType") or _next_tax_type(ctx),
            "TaxComponents": components,
            "Status": status,
            "ReportTaxType": report,
            "CanApplyToAssets": True,
            "CanApplyToEquity": True,
            "CanApplyToExpenses": not sales,
            "CanApplyToLiabilities": True,
            "CanApplyToRevenue": sales or report == "NONE",
            "DisplayTaxRate": shown,
            "EffectiveRate": effective,
        }
    )
    ctx.save("TaxRates", record, existing is None)
    return record


RESOURCE = Resource(
    collection="TaxRates",
    type_name="TaxRate",
    id_field="TaxType",
    fields=frozenset(
        {
            "Name",
            "TaxType",
            "TaxComponents",
            "Status",
            "ReportTaxType",
            "CanApplyToAssets",
            "CanApplyToEquity",
            "CanApplyToExpenses",
            "CanApplyToLiabilities",
            "CanApplyToRevenue",
            "DisplayTaxRate",
            "EffectiveRate",
            "UpdatedDateUTC",
        }
    ),
    listing=Listing(guid_ids=False),
    scopes=("accounting.settings",),
    seeded_by="seed._tax_rates",
    writer=write,
)

"""Currencies (`/Currencies`): the organisation's base currency and those it trades in; Xero
lists them and adds one (`PUT /Currencies`, an ISO 4217 code other than the base; one already
added is answered as is), never edits or removes one. An added code is usable by documents at
once (`codes_in_use`)."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, stored, tenant_of
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

#: ISO 4217 names of the codes the demo companies use; another code is described by its code.
NAMES = {
    "NZD": "New Zealand Dollar",
    "GBP": "British Pound",
    "USD": "United States Dollar",
    "EUR": "Euro",
    "AUD": "Australian Dollar",
    "CAD": "Canadian Dollar",
    "JPY": "Japanese Yen",
    "SGD": "Singapore Dollar",
    "ZAR": "South African Rand",
    "CHF": "Swiss Franc",
}
#: The active ISO 4217 codes (not the funds, metals or testing codes): Xero takes only these
#: (its `CurrencyCode` is that enumeration), so three letters alone (`XYZ`) are refused.
_ISO_4217_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
    FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
    MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
    TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    ZWL"""
ISO_4217 = frozenset(_ISO_4217_CODES.split())


def codes_in_use(store: Store, tenant_id: str) -> set[str]:
    """The codes the organisation trades in: those added (`PUT /Currencies`) and seeded.

    Writers check a document's CurrencyCode against these (`writes.Context.currencies`): a
    currency added through the API must be usable at once, as it is in Xero.
    """
    return {loads(body)["Code"] for body in store.select_bodies(tenant_id, "Currencies")}


def seed_currencies(company) -> list[dict]:
    """The company's currencies: its base one first, then the foreign ones it banks in."""
    return [
        {"Code": code, "Description": NAMES.get(code, code)} for code in company.spec.currencies
    ]


def add_currencies(store: Store, req: Request) -> Response:
    """`PUT /Currencies`: adds each code not there yet (one already there is answered as is);
    a code that is not three letters is a validation error and nothing is added."""
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get("Currencies", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(sent, list) or not sent:
        return Response.json(400, error_body(16, "QueryParseException", "No Currencies given"))
    known = {c["Code"]: c for c in stored(store, req, "Currencies")}
    base = (store.tenant(tenant_of(req)) or {}).get("base_currency", "NZD")
    added, refused = [], []
    for element in sent:
        code = str((element or {}).get("Code") or "").strip().upper()
        problem = _refusal(code, base)
        if problem:
            shown = element if isinstance(element, dict) else {"Code": element}
            refused.append({**shown, "ValidationErrors": [{"Message": problem}]})
            continue
        added.append(known.get(code) or {"Code": code, "Description": NAMES.get(code, code)})
    if refused:
        return Response.json(400, validation_exception("Currencies", refused))
    new = [c for c in added if c["Code"] not in known]
    with store.transaction():
        store.insert_rows(row_for(tenant_of(req), "Currencies", c) for c in new)
    return answer("Currencies", added)


def _refusal(code: str, base: str) -> str | None:
    """Why a code may not be added: not ISO 4217, or the base currency (which the organisation
    has from the start and cannot add as a foreign one)."""
    if code not in ISO_4217:
        return "Code must be an ISO 4217 code"
    if code == base:
        return f"{code} is the organisation's base currency"
    return None


RESOURCE = Resource(
    collection="Currencies",
    type_name="Currency",
    id_field="Code",
    number_field="Code",
    status_field=None,
    fields=frozenset({"Code", "Description"}),
    listing=Listing(guid_ids=False),
    scopes=("accounting.settings",),
    seed=seed_currencies,
    routes=(Route("PUT", "", add_currencies),),
    by_id=False,
)

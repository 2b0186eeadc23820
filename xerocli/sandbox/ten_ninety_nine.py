"""`GET /Reports/TenNinetyNine?reportYear=Y`: the 1099 forms, from the organisation's ledger.

As Xero computes it: on the cash basis, what was paid in the calendar year `reportYear` to
each of the organisation's 1099 vendors, by box, from the accounts its 1099 setup maps to each
box (`us_company.TEN_NINETY_NINE`). Paid means:
- a payment (not deleted) dated in the year on an authorised or paid bill (ACCPAY) of the
  vendor: the payment is shared over the bill's lines in proportion to each line's gross
  amount (with its tax), cent-exact, so a part payment counts its part of each box;
- a spend-money bank transaction (SPEND, authorised) of the vendor dated in the year: each line
  on a mapped account counts its gross amount.
Lines on accounts the setup does not map, payments to contacts that are not 1099 vendors, and
credit notes, overpayments and prepayments count for nothing (the sandbox's simplification).

The answer has Xero's shape: one report per form (`1099-NEC report`, `1099-MISC report`), each
with `Contacts`: a vendor paid anything on that form in the year, every box of the form as a
number to the cent, and the vendor's filing details (name, tax ID type and ID, address).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, parse_date

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
#: Each form's boxes, in the order Xero lists them.
FORM_BOXES = {
    "1099-NEC": (1, 2, 4),
    "1099-MISC": (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14),
}
_BILL_STATUSES = ("AUTHORISED", "PAID")
_ADDRESS_LINES = ("AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4")


@dataclass(frozen=True)
class PaidLine:
    """Money paid to a contact in the year on one account."""

    contact_id: str
    account_code: str
    amount: Decimal


def _gross(line: dict, amount_types: str) -> Decimal:
    amount = Decimal(str(line.get("LineAmount") or 0))
    if amount_types == "Exclusive":
        amount += Decimal(str(line.get("TaxAmount") or 0))
    return amount


def _in_year(value: object, year: int) -> bool:
    day = parse_date(value)
    return day is not None and day.year == year


def _shares(payment: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`payment` shared over `weights` in proportion, each to the cent, adding up exactly:
    each share is the rounded running total less the rounded running total before it."""
    total = sum(weights, Decimal(0))
    if total == 0:
        return [ZERO for _ in weights]
    shares, running, before = [], Decimal(0), ZERO
    for weight in weights:
        running += weight
        upto = (payment * running / total).quantize(CENT, ROUND_HALF_UP)
        shares.append(upto - before)
        before = upto
    return shares


def _bill_payments(
    store: Store, tenant_id: str, year: int, vendors: set[str]
) -> Iterator[PaidLine]:
    bills = {}
    for body in store.select_bodies(tenant_id, "Invoices"):
        bill = loads(body)
        contact = str((bill.get("Contact") or {}).get("ContactID") or "").lower()
        bill_of_vendor = bill.get("Type") == "ACCPAY" and contact in vendors
        if bill_of_vendor and bill.get("Status") in _BILL_STATUSES:
            bills[str(bill["InvoiceID"]).lower()] = (contact, bill)
    for body in store.select_bodies(tenant_id, "Payments"):
        payment = loads(body)
        if payment.get("Status") == "DELETED" or not _in_year(payment.get("Date"), year):
            continue
        found = bills.get(str((payment.get("Invoice") or {}).get("InvoiceID") or "").lower())
        if found is None:
            continue
        contact, bill = found
        lines = bill.get("LineItems") or []
        amount_types = bill.get("LineAmountTypes") or "Exclusive"
        weights = [_gross(line, amount_types) for line in lines]
        paid = Decimal(str(payment.get("Amount") or 0))
        for line, share in zip(lines, _shares(paid, weights), strict=True):
            yield PaidLine(contact, str(line.get("AccountCode") or ""), share)


def _spend_money(store: Store, tenant_id: str, year: int, vendors: set[str]) -> Iterator[PaidLine]:
    for body in store.select_bodies(tenant_id, "BankTransactions"):
        spent = loads(body)
        contact = str((spent.get("Contact") or {}).get("ContactID") or "").lower()
        if spent.get("Type") != "SPEND" or spent.get("Status") != "AUTHORISED":
            continue
        if contact not in vendors or not _in_year(spent.get("Date"), year):
            continue
        amount_types = spent.get("LineAmountTypes") or "Exclusive"
        for line in spent.get("LineItems") or []:
            yield PaidLine(contact, str(line.get("AccountCode") or ""), _gross(line, amount_types))


def box_totals(
    store: Store, tenant_id: str, year: int, setup: dict
) -> dict[str, dict[str, dict[int, Decimal]]]:
    """Form -> vendor's ContactID -> box -> what was paid in `year`."""
    vendors = {contact_id.lower() for contact_id in setup["vendors"]}
    boxes = {code: (form, int(box)) for code, (form, box) in setup["boxes"].items()}
    totals: dict[str, dict[str, dict[int, Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(Decimal))
    )
    paid = [
        *_bill_payments(store, tenant_id, year, vendors),
        *_spend_money(store, tenant_id, year, vendors),
    ]
    for line in paid:
        mapped = boxes.get(line.account_code)
        if mapped is not None:
            form, box = mapped
            totals[form][line.contact_id][box] += line.amount
    return totals


def _address(contact: dict) -> dict:
    """The contact's postal (else street) address, as the 1099 shows it."""
    addresses = contact.get("Addresses") or []
    for kind in ("POBOX", "STREET"):
        for address in addresses:
            if address.get("AddressType") == kind and address.get("AddressLine1"):
                return address
    return {}


def _vendor(contact: dict, filing: dict) -> dict:
    address = _address(contact)
    street = "\r\n".join(str(address[key]) for key in _ADDRESS_LINES if address.get(key))
    return {
        "Name": contact.get("Name", ""),
        "FederalTaxIDType": filing.get("FederalTaxIDType", ""),
        "City": address.get("City", ""),
        "Zip": address.get("PostalCode", ""),
        "State": address.get("Region", ""),
        "Email": contact.get("EmailAddress", ""),
        "StreetAddress": street,
        "TaxID": filing.get("TaxID", ""),
        "ContactId": contact.get("ContactID", ""),
        "LegalName": filing.get("LegalName", contact.get("Name", "")),
        "BusinessName": contact.get("Name", ""),
        "FederalTaxClassification": filing.get("FederalTaxClassification", "OTHER"),
    }


def ten_ninety_nine_reports(
    store: Store, tenant_id: str, year: int, setup: dict, report_date: str
) -> list[dict]:
    """One report per form: every vendor paid anything on it in `year`, by name."""
    totals = box_totals(store, tenant_id, year, setup)
    filings = {contact_id.lower(): filing for contact_id, filing in setup["vendors"].items()}
    contacts = {}
    for body in store.select_bodies(tenant_id, "Contacts"):
        contact = loads(body)
        contacts[str(contact["ContactID"]).lower()] = contact
    reports = []
    for form, boxes in FORM_BOXES.items():
        listed = []
        for contact_id, paid in totals.get(form, {}).items():
            if not any(paid.values()):
                continue
            record: dict = {f"Box{box}": paid.get(box, ZERO).quantize(CENT) for box in boxes}
            record.update(_vendor(contacts.get(contact_id, {}), filings[contact_id]))
            listed.append(record)
        listed.sort(key=lambda record: (record["Name"].lower(), record["ContactId"]))
        reports.append(
            {
                "ReportName": f"{form} report",
                "ReportDate": report_date,
                "Fields": [],
                "Contacts": listed,
            }
        )
    return reports

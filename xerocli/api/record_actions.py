"""Writes that are a record's own action rather than a create or an update: credit allocated
to an invoice (`PUT /{Collection}/{ID}/Allocations`) and a quote made into an invoice.

Each returns what Xero answered; the commands in `cli/actions.py` print it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xerocli import errors
from xerocli.api import guid, wire
from xerocli.api.client import XeroClient
from xerocli.api.resources import Resource, resource
from xerocli.api.writes import update_record, write_records
from xerocli.api.xero_errors import element_problems

#: A quote's LineAmountTypes (upper case) as an invoice spells them.
_INVOICE_LINE_AMOUNT_TYPES = {"EXCLUSIVE": "Exclusive", "INCLUSIVE": "Inclusive", "NOTAX": "NoTax"}
#: The fields of a quote's line that an invoice line takes.
_LINE_FIELDS = (
    "Description",
    "Quantity",
    "UnitAmount",
    "ItemCode",
    "AccountCode",
    "TaxType",
    "DiscountRate",
    "Tracking",
)


def checked_amount(option: str, raw: str) -> Decimal:
    """A positive amount of money with at most 2 decimal places, or a usage error naming the
    option (nothing is sent)."""
    from decimal import InvalidOperation

    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, AttributeError):
        raise errors.UsageError(f"{option}: {raw!r} is not an amount, e.g. 120.50") from None
    if not value.is_finite() or value <= 0:
        raise errors.UsageError(f"{option}: {raw!r} must be more than zero")
    if value != value.quantize(Decimal("0.01")):
        raise errors.UsageError(f"{option}: {raw!r} has more than 2 decimal places")
    return value


def delete_record(
    client: XeroClient, res: Resource, record_id: str, *, idempotency_key: str
) -> None:
    """`DELETE /{Collection}/{ID}`: Xero removes the record (204)."""
    client.request(
        "DELETE",
        res.record_path(record_id),
        idempotency_key=idempotency_key,
        scope_hint=res.scopes[0],
    )


def allocate(
    client: XeroClient,
    res: Resource,
    record_id: str,
    invoice: dict[str, str],
    amount: Decimal,
    day: str | None,
    *,
    idempotency_key: str,
) -> dict:
    """Apply `amount` of the record's credit to `invoice` (`{"InvoiceID": ...}` or
    `{"InvoiceNumber": ...}`); the allocation Xero made, or a ValidationError naming why not."""
    allocation: dict[str, Any] = {"Invoice": invoice, "Amount": amount}
    if day:
        allocation["Date"] = day
    answer = client.request(
        "PUT",
        res.record_path(record_id, "Allocations"),
        params={"summarizeErrors": "false"},
        json_body={"Allocations": [allocation]},
        idempotency_key=idempotency_key,
        scope_hint=res.scopes[0],
    )
    made = wire.records_of(answer.payload, "Allocations")
    if not made:
        raise errors.ValidationError(f"Xero made no allocation of {res.singular} {record_id}")
    problems = [text for _, text in element_problems(made[0])]
    if problems:
        raise errors.ValidationError(f"Xero refused the allocation: {'; '.join(problems)}")
    return made[0]


def change_statuses(
    client: XeroClient,
    res: Resource,
    record_ids: list[str],
    status: str,
    *,
    form: str,
    summarize: bool,
    idempotency_key: str,
) -> list[dict]:
    """Give every record `status` through `POST /{Collection}`: in one request of them all
    (`form` "list": Xero's bulk delete of bank transfers) or one request a record, the element
    itself the body ("each": a batch payment's delete form). The records as Xero answers them,
    or a ValidationError naming each one it refused."""
    params = {"summarizeErrors": "false"} if summarize else None
    elements = [{res.id_field: key, "Status": status} for key in record_ids]
    bodies: list[Any] = [{res.name: elements}] if form == "list" else elements
    records: list[dict] = []
    for number, body in enumerate(bodies, start=1):
        answer = client.request(
            "POST",
            res.path,
            params=params,
            json_body=body,
            idempotency_key=f"{idempotency_key}-{number}",
            scope_hint=res.scopes[0],
        )
        records += wire.records_of(answer.payload, res.name)
    refused = [
        f"{key}: {'; '.join(text for _, text in element_problems(record))}"
        for key, record in zip(record_ids, records, strict=False)
        if element_problems(record)
    ]
    if refused:
        raise errors.ValidationError(f"Xero refused: {', '.join(refused)}")
    return records


def delete_allocation(
    client: XeroClient, res: Resource, record_id: str, allocation_id: str, *, idempotency_key: str
) -> dict:
    """Undo one allocation of the record's credit (`DELETE
    /{Collection}/{ID}/Allocations/{AllocationID}`): the credit is the record's again and the
    invoice owes it again. The allocation Xero deleted."""
    answer = client.request(
        "DELETE",
        res.record_path(record_id, "Allocations", allocation_id),
        idempotency_key=idempotency_key,
        scope_hint=res.scopes[0],
    )
    deleted = wire.records_of(answer.payload, "Allocations")
    return deleted[0] if deleted else {"AllocationID": allocation_id}


def refund(
    client: XeroClient,
    res: Resource,
    record: dict,
    account: str,
    amount: Decimal,
    day: str | None,
    reference: str | None,
    *,
    idempotency_key: str,
) -> dict:
    """Pay the record's credit back to its contact: a payment naming it (`Overpayment`,
    `Prepayment` or `CreditNote` by ID), from the bank account `account` (code or ID)."""
    key = res.id_field.removesuffix("ID")
    body: dict[str, Any] = {
        key: {res.id_field: record[res.id_field]},
        "Account": {"AccountID": account} if guid.is_guid(account) else {"Code": account},
        "Amount": amount,
    }
    if day:
        body["Date"] = day
    if reference:
        body["Reference"] = reference
    label = res.label(record)
    [result] = write_records(
        client,
        resource("payments"),
        [body],
        [f"{res.singular} {label}"],
        upsert=False,
        idempotency_key=idempotency_key,
    )
    if not result.ok or not result.record:
        raise errors.ValidationError(
            f"Xero refused the refund of {res.singular} {label}: {'; '.join(result.messages)}"
        )
    return result.record


def invoice_from_quote(
    client: XeroClient,
    quote: dict,
    *,
    status: str,
    due_date: str | None,
    idempotency_key: str,
) -> tuple[dict, dict]:
    """Make the sales invoice of a quote's lines (its Reference the quote's number), then mark
    the quote INVOICED; (invoice, quote) as Xero answered them.

    The quote must be ACCEPTED (Xero invoices accepted quotes); the invoice is made first, so a
    failure leaves the quote as it was. The same key run again makes neither twice."""
    if quote.get("Status") != "ACCEPTED":
        raise errors.ValidationError(
            f"quote {quote.get('QuoteNumber') or quote['QuoteID']} is {quote.get('Status')}:"
            " only an ACCEPTED quote can be invoiced (xero quotes accept first)"
        )
    invoices = resource("invoices")
    body: dict[str, Any] = {
        "Type": "ACCREC",
        "Contact": {"ContactID": quote["Contact"]["ContactID"]},
        "Reference": quote.get("QuoteNumber") or quote.get("Reference") or "",
        "LineItems": [
            {key: line[key] for key in _LINE_FIELDS if line.get(key) not in (None, "", [])}
            for line in quote.get("LineItems") or []
        ],
        "LineAmountTypes": _INVOICE_LINE_AMOUNT_TYPES.get(
            str(quote.get("LineAmountTypes", "")).upper(), "Exclusive"
        ),
        "CurrencyCode": quote.get("CurrencyCode"),
        "Status": status,
    }
    if quote.get("CurrencyRate"):
        body["CurrencyRate"] = quote["CurrencyRate"]
    if due_date:
        body["DueDate"] = due_date
    label = quote.get("QuoteNumber") or quote["QuoteID"]
    [result] = write_records(
        client, invoices, [body], [f"quote {label}"], upsert=False, idempotency_key=idempotency_key
    )
    if not result.ok or not result.record:
        raise errors.ValidationError(
            f"Xero refused the invoice of quote {label}: {'; '.join(result.messages)}"
        )
    quotes = resource("quotes")
    marked = update_record(
        client,
        quotes,
        quote["QuoteID"],
        {"QuoteID": quote["QuoteID"], "Status": "INVOICED"},
        idempotency_key=f"{idempotency_key[:100]}-invoiced",
    )
    return result.record, marked

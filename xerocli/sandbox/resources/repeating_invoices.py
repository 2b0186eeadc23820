"""Repeating invoices (`/RepeatingInvoices`): the template an invoice is made from on a
schedule (every `Period` WEEKLY or MONTHLY `Unit` from `StartDate`, due `DueDate` days or the
day of a month by `DueDateType`).

Written by the shared document writer (lines, contact, currency, totals as an invoice's),
with a `Schedule` instead of dates and no number. DRAFT or AUTHORISED; deleted by sending
Status DELETED (Xero has no DELETE for them). A template is never in the ledger: the invoices
it makes are.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from xerocli.sandbox.records import set_date
from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Documents,
    Lifecycle,
    Listing,
    Nested,
    Resource,
)
from xerocli.sandbox.validate import Element, choice_field, date_field, decimal_field

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

UNITS = ("WEEKLY", "MONTHLY")
DUE_DATE_TYPES = (
    "DAYSAFTERBILLDATE",
    "DAYSAFTERBILLMONTH",
    "DAYSAFTERINVOICEDATE",
    "DAYSAFTERINVOICEMONTH",
    "OFCURRENTMONTH",
    "OFFOLLOWINGMONTH",
)
SCHEDULE_FIELDS = frozenset(
    {"Period", "Unit", "DueDate", "DueDateType", "StartDate", "NextScheduledDate", "EndDate"}
)


def _whole(el: Element, value: object, name: str, least: int) -> int | None:
    number = decimal_field(el, value, name)
    if number is None:
        return None
    if number != number.to_integral_value() or number < least:
        el.error(f"{name} must be a whole number of at least {least}")
        return None
    return int(number)


def _next_date(start: date, unit: str, period: int, today: date) -> date:
    """The first date of the schedule on or after today."""
    day = start
    while day < today:
        if unit == "WEEKLY":
            day += timedelta(weeks=period)
        else:
            month = day.month - 1 + period
            year, month = day.year + month // 12, month % 12 + 1
            day = date(year, month, min(day.day, 28))
    return day


def _schedule(ctx: Context, el: Element, sent: dict, record: dict, existing: dict | None) -> None:
    """The Schedule: checked whole (a new template needs one; an update may send a new one)."""
    record.pop("Date", None)
    record.pop("DateString", None)
    record.pop("CurrencyRate", None)  # a template has none: each invoice takes the day's rate
    if "Schedule" not in sent:
        if existing is None:
            el.error("A Schedule is required (Period, Unit, StartDate, DueDate, DueDateType)")
        return
    raw = sent["Schedule"]
    if not isinstance(raw, dict):
        el.error("Schedule must be an object")
        return
    for key in set(raw) - SCHEDULE_FIELDS:
        el.error(f"Schedule.{key} is not a field of a schedule")
    period = _whole(el, raw.get("Period", 1), "Schedule.Period", 1)
    unit = choice_field(el, raw.get("Unit"), "Schedule.Unit", UNITS)
    if unit is None and not raw.get("Unit"):
        el.error(f"Schedule.Unit is required; one of {', '.join(UNITS)}")
    due = _whole(el, raw.get("DueDate", 0), "Schedule.DueDate", 0)
    due_type = choice_field(
        el, raw.get("DueDateType") or "DAYSAFTERBILLDATE", "Schedule.DueDateType", DUE_DATE_TYPES
    )
    start = date_field(el, raw.get("StartDate"), "Schedule.StartDate") or ctx.today
    end = date_field(el, raw.get("EndDate"), "Schedule.EndDate")
    if end is not None and end < start:
        el.error("Schedule.EndDate must not be before its StartDate")
    if not el.ok or period is None or unit is None or due is None:
        return
    schedule: dict = {"Period": period, "Unit": unit, "DueDate": due, "DueDateType": due_type}
    set_date(schedule, "StartDate", start, with_string=False)
    set_date(schedule, "NextScheduledDate", _next_date(start, unit, period, ctx.today), False)
    if end is not None:
        set_date(schedule, "EndDate", end, with_string=False)
    record["Schedule"] = schedule


def _derive(record: dict, status: str) -> None:
    record["ID"] = record["RepeatingInvoiceID"]
    record.setdefault("HasAttachments", False)
    record.pop("Date", None)
    record.pop("DateString", None)
    for flag in ("ApprovedForSending", "SendCopy", "MarkAsSent", "IncludePDF"):
        record.setdefault(flag, False)


RULES = DocumentRules(
    types=("ACCREC", "ACCPAY"),
    number_label="Repeating invoice",
    check=_schedule,
    derive=_derive,
    settable=("ApprovedForSending", "SendCopy", "MarkAsSent", "IncludePDF"),
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


def seed_templates(company) -> Iterator[dict]:
    """Monthly and weekly templates, sales and bills, in every currency."""
    from xerocli.sandbox import seed as generator

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:repeating")
    builder = generator._OtherBuilder(
        spec, company.contacts, company.rates, company.banks, company.items, rng, None
    )
    for number in range(1, 13):
        sales = number % 3 != 0
        contact, currency, day, line_types, lines, sums, _ = builder._common(sales, number)
        status = ("DRAFT", "AUTHORISED", "AUTHORISED", "DELETED")[number % 4]
        unit = "WEEKLY" if number % 5 == 0 else "MONTHLY"
        schedule: dict = {
            "Period": 1 + number % 2,
            "Unit": unit,
            "DueDate": 20,
            "DueDateType": "DAYSAFTERBILLDATE" if sales else "OFFOLLOWINGMONTH",
        }
        set_date(schedule, "StartDate", day, with_string=False)
        next_day = _next_date(day, unit, schedule["Period"], generator.ANCHOR)
        set_date(schedule, "NextScheduledDate", next_day, with_string=False)
        record_id = builder.new_id()
        yield {
            "RepeatingInvoiceID": record_id,
            "ID": record_id,
            "Type": "ACCREC" if sales else "ACCPAY",
            "Contact": contact_summary(company.contacts[contact]),
            "Schedule": schedule,
            "LineItems": lines,
            "LineAmountTypes": line_types,
            "Reference": f"Retainer {number:03d}" if sales else f"Lease {number:03d}",
            "CurrencyCode": currency,
            "Status": status,
            **sums,
            "HasAttachments": False,
            "ApprovedForSending": False,
            "SendCopy": False,
            "MarkAsSent": False,
            "IncludePDF": False,
            "UpdatedDateUTC": f"/Date({generator._updated_ms(day, builder.rand)}+0000)/",
        }


RESOURCE = Resource(
    collection="RepeatingInvoices",
    documents=Documents(attachments=True, history=True),
    type_name="RepeatingInvoice",
    id_field="RepeatingInvoiceID",
    date_field=None,
    fields=COMMON_FIELDS
    | {
        "Type",
        "Contact",
        "Schedule",
        "LineItems",
        "LineAmountTypes",
        "Reference",
        "BrandingThemeID",
        "CurrencyCode",
        "Status",
        "SubTotal",
        "TotalTax",
        "Total",
        "RepeatingInvoiceID",
        "ID",
        "Attachments",
        "ApprovedForSending",
        "SendCopy",
        "MarkAsSent",
        "IncludePDF",
    },
    nested={"Contact": "Contacts", "Schedule": Nested("Schedule", SCHEDULE_FIELDS)},
    listing=Listing(line_field="LineItems", empty_lines_unpaged=True),
    scopes=("accounting.transactions", "accounting.invoices"),
    seed=seed_templates,
    seeded_by="repeating_invoices.seed_templates",
    writer=write,
    lifecycle=Lifecycle(
        create=("DRAFT", "AUTHORISED"),
        transitions={
            "DRAFT": frozenset({"AUTHORISED", "DELETED"}),
            "AUTHORISED": frozenset({"DRAFT", "DELETED"}),
        },
        editable=frozenset({"DRAFT", "AUTHORISED"}),
    ),
)

"""The store rows that index wire-format records, read off each resource's declaration."""

from __future__ import annotations

from xerocli.sandbox import resources
from xerocli.sandbox.records import iso_updated, updated_of
from xerocli.sandbox.store import Row
from xerocli.sandbox.xerojson import dumps, parse_date


def row_for(tenant_id: str, kind: str, record: dict) -> Row:
    """Index a wire-format record of collection `kind` for storage."""
    resource = resources.get(kind)
    contact = record.get("Contact") or {}
    status = record.get(resource.status_field) if resource.status_field else None
    date_field, due_field = resource.date_field, resource.due_field
    number_field = resource.number_field
    return Row(
        tenant_id=tenant_id,
        kind=resource.collection,
        id=str(record[resource.id_field]),
        number=record.get(number_field) if number_field else None,
        status=status,
        type=record.get("Type"),
        contact_id=contact.get("ContactID"),
        date=_iso(record.get(date_field)) if date_field else None,
        due_date=_iso(record.get(due_field)) if due_field else None,
        # Settings Xero sends without a modification time (Currencies) sort first.
        updated=iso_updated(updated_of(record)) if "UpdatedDateUTC" in record else "",
        body=dumps(record),
    )


def _iso(value: str | None) -> str | None:
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None

"""List filters (the CLI's options) turned into Xero's query: `where`, parameters, headers."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from xerocli import errors
from xerocli.api.resources import Filter, Resource


@dataclass
class ListQuery:
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def quote(value: str) -> str:
    """A string literal for Xero's where language."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_date(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise errors.UsageError(
            f"--{option}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-01-31"
        ) from None


def parse_since(value: str) -> datetime:
    """`--since 2026-01-31` or `--since 2026-01-31T12:00:00+13:00` (UTC when no zone)."""
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise errors.UsageError(
            f"--since: {value!r} is not a date or time; use YYYY-MM-DD or an ISO 8601 time"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def if_modified_since(moment: datetime) -> str:
    """The header as Xero's docs show it: `2020-02-06T12:17:43.202-08:00` (UTC here)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


def build_list_query(
    resource: Resource,
    values: dict[str, str | None],
    *,
    where: str | None = None,
    order: str | None = None,
    since: str | None = None,
) -> ListQuery:
    query = ListQuery()
    clauses: list[str] = []
    for spec in resource.filters:
        value = values.get(spec.option)
        if value is None or value == "":
            continue
        clause = _clause(spec, value, query)
        if clause:
            clauses.append(clause)
    if where:
        if not resource.supports_where:
            raise errors.UsageError(f"--where: Xero's {resource.name} endpoint takes no where")
        clauses.append(f"({where})" if clauses else where)
    if clauses:
        query.params["where"] = " AND ".join(clauses)
    if order:
        if not re.fullmatch(
            r"[A-Za-z0-9_.]+( (ASC|DESC|asc|desc))?(,\s*[A-Za-z0-9_.]+( (ASC|DESC|asc|desc))?)*",
            order,
        ):
            raise errors.UsageError(f"--order: {order!r} is not FIELD [ASC|DESC][,FIELD ...]")
        query.params["order"] = order
    if since:
        if not resource.modified_since:
            raise errors.UsageError(
                f"--since: Xero's {resource.name} carry no modification time to filter on"
            )
        query.headers["If-Modified-Since"] = if_modified_since(parse_since(since))
    return query


def _clause(spec: Filter, value: str, query: ListQuery) -> str | None:
    if spec.upper:
        value = value.upper()
    if spec.choices and value not in spec.choices:
        raise errors.UsageError(
            f"--{spec.option}: {value!r} is not one of {', '.join(spec.choices)}"
        )
    if spec.kind == "where_eq":
        return f"{spec.target}=={quote(value)}"
    if spec.kind == "where_guid":
        return f"{spec.target}==Guid({quote(value)})"
    if spec.kind == "contact":
        try:
            return f"Contact.ContactID==Guid({quote(str(uuid.UUID(value)))})"
        except ValueError:
            return f"Contact.Name=={quote(value)}"
    if spec.kind in ("where_date_from", "where_date_to"):
        day = parse_date(spec.option, value)
        op = ">=" if spec.kind == "where_date_from" else "<="
        return f"{spec.target}{op}DateTime({day.year},{day.month:02d},{day.day:02d})"
    if spec.kind == "param":
        query.params[spec.target] = value
        return None
    if spec.kind == "param_date":
        query.params[spec.target] = parse_date(spec.option, value).isoformat()
        return None
    raise ValueError(f"unknown filter kind {spec.kind}")

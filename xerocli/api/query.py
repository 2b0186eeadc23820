"""List filters (the CLI's options) turned into Xero's query: `where`, parameters, headers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from xerocli import errors
from xerocli.api import guid
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
    values: dict[str, str | list[str] | None],
    *,
    where: str | None = None,
    order: str | None = None,
    since: str | None = None,
) -> ListQuery:
    query = ListQuery()
    clauses: list[str] = []
    for spec in resource.filters:
        if spec.kind == "flag":
            if values.get(spec.option):
                query.params[spec.target] = "true"
            continue
        given = filter_values(spec, values.get(spec.option), resource)
        if not given:
            continue
        clause = _clause(spec, given, query)
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


def filter_values(spec: Filter, raw: str | list[str] | None, resource: Resource) -> list[str]:
    """The values of one option: repeated flags and comma lists alike, upper-cased where Xero's
    are, checked against the choices; several only where the filter takes several."""
    if raw is None:
        return []
    texts = [raw] if isinstance(raw, str) else list(raw)
    if not spec.multi:
        texts = [text for text in texts if text.strip()]
        if len(texts) > 1 or (texts and spec.choices and "," in texts[0]):
            raise errors.UsageError(
                f"--{spec.option}: give it once; Xero's {resource.name} endpoint filters by one"
                f" {spec.option}"
            )
        return [_check_choice(spec, texts[0].strip(), resource)] if texts else []
    found: list[str] = []
    for text in texts:
        for part in text.split(","):
            value = _check_choice(spec, part.strip(), resource) if part.strip() else ""
            if value and value not in found:
                found.append(value)
    return found


def _check_choice(spec: Filter, value: str, resource: Resource) -> str:
    if spec.upper:
        value = value.upper()
    if spec.choices and value not in spec.choices:
        how = "one or more (comma-separated) of" if spec.multi else "one of"
        noun = resource.noun.replace("-", " ")
        raise errors.UsageError(
            f"--{spec.option}: {value!r} is not a {spec.option} of {noun};"
            f" use {how} {', '.join(spec.choices)}"
        )
    return value


def _clause(spec: Filter, values: list[str], query: ListQuery) -> str | None:
    if spec.archived_param and spec.hidden_status in values:
        query.params[spec.archived_param] = "true"
    if spec.kind == "where_eq" and spec.list_param:
        query.params[spec.list_param] = ",".join(values)
        return None
    if spec.kind == "where_eq" and len(values) > 1:
        either = " OR ".join(f"{spec.target}=={quote(value)}" for value in values)
        return f"({either})"
    return _single_clause(spec, values[0], query)


def _single_clause(spec: Filter, value: str, query: ListQuery) -> str | None:
    if spec.kind == "where_eq":
        return f"{spec.target}=={quote(value)}"
    if spec.kind == "where_guid":
        return f"{spec.target}==Guid({quote(value)})"
    if spec.kind == "contact":
        contact_id = guid.canonical(value)
        if contact_id is not None:
            return f"Contact.ContactID==Guid({quote(contact_id)})"
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

"""What `xero NOUN list` and `xero NOUN get KEY` do, apart from their typer signatures.

`cli/objects.py` builds the typer commands around these bodies; the fast parser
(`cli/fastparse.py`) calls them directly with the same arguments, so this module and what it
imports at the top must not import typer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from xerocli.api.resources import Resource, resource
from xerocli.cli.formats import chosen_format, split_fields

DEFAULT_LIMIT = 100


#: A table holds at most this many records, one page: a person reads the first screen, and
#: rendering 20,000 rows would keep it blank for a minute. ndjson and csv stream every page.
TABLE_CAP = 500


def view(res: Resource, ctx_obj: Any):
    from xerocli.output.views import resource_view

    return resource_view(res, ctx_obj.tenant_name)


def checked_fields(res: Resource, fields: str | None) -> list[str] | None:
    """`--fields`, checked against the resource's declared fields before anything is sent."""
    wanted = split_fields(fields)
    if not wanted:
        return None
    from xerocli.output.schema import check_fields

    return check_fields(res, wanted)


def filter_values_by_option(filters: dict[str, Any]) -> dict[str, Any]:
    """The filter options' values keyed by option name, as the resource table names them."""
    return {key.removeprefix("filter_").replace("_", "-"): value for key, value in filters.items()}


def list_records(
    noun: str,
    ctx: Any,
    order,
    fetch_all,
    limit,
    output,
    as_json,
    fields,
    where=None,
    since=None,
    **filters,
) -> None:
    """`xero NOUN list`: one page (or `--limit N`, or `--all` streamed) in the chosen format."""
    from xerocli.api.query import build_list_query
    from xerocli.output.writer import Format

    res = resource(noun)
    app_ctx = ctx.obj
    io = app_ctx.io
    fmt = io.format(chosen_format(output, as_json))
    wanted = checked_fields(res, fields)
    values = filter_values_by_option(filters)
    query = build_list_query(res, values, where=where, order=order, since=since)
    client = app_ctx.client()
    cap = None if fetch_all else (limit or DEFAULT_LIMIT)
    if fetch_all and limit:
        cap = limit
    table_capped = fetch_all and not limit and fmt is Format.table
    if table_capped:
        cap = TABLE_CAP
    page_size = 1000 if cap is None else min(1000, max(cap, 1))
    more = {"truncated": False}

    def records() -> Iterator[dict]:
        count = 0
        pages = client.iter_pages(
            res,
            query.params,
            query.headers,
            page_size=page_size,
            max_pages=None if cap is None else -(-cap // page_size),
        )
        for page in pages:
            for record in page:
                if cap is not None and count >= cap:
                    more["truncated"] = True
                    return
                yield record
                count += 1
            if cap is not None and count >= cap and len(page) == page_size:
                more["truncated"] = True

    written = io.write_records(records(), view(res, app_ctx), fmt=fmt, fields=wanted)
    if not written:
        warn_unknown_contact(client, res, values, io)
    from xerocli.cli.wording import count

    shown = count(written, res.singular, res.noun.replace("-", " "))
    if more["truncated"] and table_capped:
        io.info(
            f"Showing the first {shown}: a table shows one page. For all of them"
            f" use -o ndjson or -o csv (streamed), or --limit N for a longer table."
        )
    elif more["truncated"] and not fetch_all and limit is None:  # --limit N: as asked
        io.info(f"Showing the first {shown}; use --all for every page or --limit N.")


def warn_unknown_contact(client: Any, res: Resource, values: dict[str, Any], io: Any) -> None:
    """After an empty list, say on stderr when `--contact NAME` names no contact at all: Xero
    matches `Contact.Name` exactly and answers a typo with nothing, which would look just like
    a contact with no records. One lookup, made only then; an ID is left alone."""
    from xerocli.api import guid
    from xerocli.api.query import filter_values, quote

    for spec in res.filters:
        if spec.kind != "contact":
            continue
        for name in filter_values(spec, values.get(spec.option), res):
            if guid.is_guid(name):
                continue
            # Archived contacts' documents are listed too, so their names count.
            params = {"where": f"Name=={quote(name)}", "includeArchived": "true"}
            if not client.get_records(resource("contacts"), params):
                io.warn(f"xero: warning: no contact is named {name!r}")


def get_record(noun: str, ctx: Any, key: str, output, as_json, fields) -> None:
    """`xero NOUN get KEY`: by ID, by number, or by name where the table has one."""
    res = resource(noun)
    app_ctx = ctx.obj
    wanted = checked_fields(res, fields)
    record = find_for_update(app_ctx.client(), res, key)
    app_ctx.io.write_record(
        record, view(res, app_ctx), fmt=chosen_format(output, as_json), fields=wanted
    )


def find(client: Any, res: Resource, key: str) -> dict:
    """By ID through the path; by number where Xero's path takes it, else through `where`."""
    from xerocli import errors
    from xerocli.api.query import quote

    if res.get_by == "path":
        try:
            return client.get_one(res, key)
        except errors.NotFoundError:
            if not res.number_field or res.number_in_path:
                raise
    params = (
        {res.number_param: key}
        if res.number_param
        else {"where": f"{res.number_field}=={quote(key)}"}
    )
    records = client.get_records(res, params)
    if not records:
        raise errors.NotFoundError(f"no {res.singular} {key!r} in Xero")
    return records[0]


def find_for_update(client: Any, res: Resource, key: str) -> dict:
    """By ID or number; by the name people use, where the table has one (contacts)."""
    from xerocli import errors
    from xerocli.api.query import quote

    try:
        return find(client, res, key)
    except errors.NotFoundError:
        if not res.name_field:
            raise
    params = {"where": f"{res.name_field}=={quote(key)}"}
    # A name names archived records too (`tracking-categories restore Department`).
    params |= {f.target: "true" for f in res.filters if f.target == "includeArchived"}
    found = client.get_records(res, params)
    if len(found) != 1:
        raise errors.NotFoundError(f"no {res.singular} {key!r} in Xero")
    if res.get_by == "path" and res.listed_without:  # a list leaves the members out
        return client.get_one(res, str(found[0][res.id_field]))
    return found[0]

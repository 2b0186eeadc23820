"""What `xero tenants list|select` do, apart from their typer signatures (`cli/tenants.py`).

The fast parser (`cli/fastparse.py`) calls these directly with the arguments typer would pass,
so this module and what it imports at the top must not import typer.
"""

from __future__ import annotations

from typing import Any

from xerocli.cli.formats import chosen_format, split_fields


def connections_of(app_ctx) -> list[dict]:
    from xerocli.api.credentials import list_connections

    return list_connections(app_ctx.bare_client())


def matches(connection: dict, wanted: str) -> bool:
    return wanted.lower() in (
        str(connection.get("tenantId", "")).lower(),
        str(connection.get("tenantName", "")).lower(),
    )


def list_tenants(ctx: Any, output, as_json: bool, fields: str | None) -> None:
    """List the connected organisations; `selected` marks the one commands use."""
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import Format, RecordView

    app_ctx = ctx.obj
    fmt = app_ctx.io.format(chosen_format(output, as_json))
    connections = connections_of(app_ctx)
    chosen = app_ctx.selected_among(connections)
    records = [
        {
            "selected": c is chosen,
            "tenantName": c.get("tenantName"),
            "tenantId": c.get("tenantId"),
            "tenantType": c.get("tenantType"),
            "id": c.get("id"),
            "createdDateUtc": c.get("createdDateUtc"),
            "updatedDateUtc": c.get("updatedDateUtc"),
        }
        for c in connections
    ]
    view = RecordView(
        columns=[
            TableColumn("selected", "Sel"),
            TableColumn("tenantName", "Name"),
            TableColumn("tenantId", "Tenant ID"),
            TableColumn("tenantType", "Type"),
        ],
        title=f"Organisations · profile {app_ctx.profile().name}",
        empty_message="No organisation is connected to this login.",
    )
    if fmt is Format.table and not fields:
        # People read a mark; machines get a boolean.
        shown = [{**r, "selected": "*" if r["selected"] else ""} for r in records]
    else:
        shown = records
    app_ctx.io.write_records(shown, view, fmt=fmt, fields=split_fields(fields))
    if records and not any(r["selected"] for r in records):
        app_ctx.io.info("No organisation is selected: choose one with `xero tenants select NAME`.")


def select(ctx: Any, tenant: str) -> None:
    """Select the organisation this profile's commands use (with --sandbox: the sandbox's)."""
    from xerocli.profiles import save_profile

    app_ctx = ctx.obj
    connections = connections_of(app_ctx)
    found = [c for c in connections if matches(c, tenant)]
    if not found:
        from xerocli.api.credentials import not_connected

        raise not_connected(tenant, connections)
    chosen = found[0]
    if app_ctx.options.sandbox:
        from xerocli.cli import sandbox_tenant

        sandbox_tenant.select(str(chosen.get("tenantId")), chosen.get("tenantName"))
        app_ctx.io.info(
            f"Selected {chosen.get('tenantName')} ({chosen.get('tenantId')}) for --sandbox"
            " commands; no profile was changed."
        )
        return
    profile = app_ctx.profile()
    profile.tenant_id = str(chosen.get("tenantId"))
    profile.tenant_name = chosen.get("tenantName")
    save_profile(profile)
    app_ctx.io.info(
        f"Selected {profile.tenant_name} ({profile.tenant_id}) for profile {profile.name!r}."
    )

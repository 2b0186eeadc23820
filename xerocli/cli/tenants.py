"""`xero tenants list|select`: the organisations a login reaches, and which one commands use.

The selection is kept per profile, and under `--sandbox` apart from every profile;
`--tenant NAME|ID` (or XERO_TENANT_ID) overrides it for one command. Xero's order of
connections changes when a user connects another organisation, so
nothing here ever picks "the first" of several.
"""

from __future__ import annotations

import typer

from xerocli.cli import tenants_body
from xerocli.cli.options import OutputFormat, fields_option, json_option, output_option

app = typer.Typer(
    name="tenants", no_args_is_help=True, help="Organisations (tenants): list, select."
)


_connections = tenants_body.connections_of
_matches = tenants_body.matches


@app.command("list")
def list_tenants(
    ctx: typer.Context,
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
    fields: str | None = fields_option(),
) -> None:
    """List the connected organisations; `selected` marks the one commands use."""
    tenants_body.list_tenants(ctx, output=output, as_json=as_json, fields=fields)


list_tenants.fast_target = ("xerocli.cli.tenants_body", "list_tenants", ())  # type: ignore[attr-defined]


@app.command("select")
def select(
    ctx: typer.Context,
    tenant: str = typer.Argument(..., help="Organisation name or tenant ID.", show_default=False),
) -> None:
    """Select the organisation this profile's commands use (with --sandbox: the sandbox's)."""
    tenants_body.select(ctx, tenant=tenant)


select.fast_target = ("xerocli.cli.tenants_body", "select", ())  # type: ignore[attr-defined]

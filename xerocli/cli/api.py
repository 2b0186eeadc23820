"""`xero api [METHOD] PATH`: any Accounting API endpoint, like `gh api`.

The call goes through the same core as every command: auth and tenant headers, the shared
rate limiter, retries, an Idempotency-Key on writes, and Xero's errors as one-line messages.
"""

from __future__ import annotations

import typer

from xerocli.cli.api_body import METHODS

__all__ = ["METHODS", "api"]


def api(
    ctx: typer.Context,
    method_or_path: str = typer.Argument(..., metavar="[METHOD] PATH", show_default=False),
    path: str | None = typer.Argument(None, hidden=True),
    fields: list[str] | None = typer.Option(
        None, "--field", "-f", help="key=value: a query parameter for GET, a JSON field otherwise."
    ),
    headers: list[str] | None = typer.Option(
        None, "--header", "-H", help="'Name: value' header to add (repeatable)."
    ),
    input_file: str | None = typer.Option(
        None, "--input", help="Request body from a JSON file, or - for stdin."
    ),
    paginate: bool = typer.Option(
        False, "--paginate", help="Follow every page; print the records as one JSON array."
    ),
    idempotency_key: str | None = typer.Option(
        None, "--idempotency-key", help="Key for a write (default: a new one per command)."
    ),
    raw: bool = typer.Option(False, "--raw", help="Print the body exactly as Xero sent it."),
) -> None:
    """Call any Xero endpoint: `xero api Invoices -f where='Status=="PAID"'`,
    `xero api POST Invoices/ID --input body.json`, `xero api /connections`."""
    from xerocli.cli import api_body

    api_body.call_api(
        ctx,
        method_or_path=method_or_path,
        path=path,
        fields=fields,
        headers=headers,
        input_file=input_file,
        paginate=paginate,
        idempotency_key=idempotency_key,
        raw=raw,
    )


api.fast_target = ("xerocli.cli.api_body", "call_api", ())  # type: ignore[attr-defined]

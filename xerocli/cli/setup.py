"""`xero setup --file F [--dry-run]`: `POST /Setup`, a new organisation's chart of accounts,
conversion date and conversion balances (there is nothing to list or get)."""

from __future__ import annotations

import typer


def setup(
    ctx: typer.Context,
    file: str = typer.Option(
        ...,
        "--file",
        help="A JSON object: ConversionDate {Month, Year}, ConversionBalances [{AccountCode,"
        " Balance}] (debits positive; they must balance) and Accounts [{Code, Name, Type}].",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Validate and print what would be sent; send nothing."
    ),
    idempotency_key: str | None = typer.Option(
        None, "--idempotency-key", help="Key for the write (default: a new one)."
    ),
) -> None:
    """Set a new organisation up: its accounts (created, or updated by Code), conversion date
    and opening balances, in one request Xero applies whole or not at all."""
    from xerocli.api.client import new_idempotency_key
    from xerocli.api.setup import post_setup, read_setup

    app_ctx = ctx.obj
    io = app_ctx.io
    body = read_setup(file)
    balances = len(body.get("ConversionBalances") or [])
    accounts = len(body.get("Accounts") or [])
    if dry_run:
        io.write_json([body])
        io.info(
            f"Dry run: setup of {accounts} accounts, {balances} balances validated; nothing sent."
        )
        return
    summary = post_setup(app_ctx.client(), body, idempotency_key or new_idempotency_key())
    io.write_json([summary])
    made = summary.get("Accounts") or {}
    io.info(
        f"Set up: {made.get('New', 0)} accounts new, {made.get('Updated', 0)} updated,"
        f" {balances} conversion balances."
    )

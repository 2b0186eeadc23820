"""`xero limits`: how much of Xero's call budget is left for the organisation, right now.

Read from the shared limiter's ledger, so it costs no API call and counts the calls of every
`xero` process of this user: a cron job can check it before a big export. The day budget is
what Xero last reported (`X-DayLimit-Remaining`): it depends on the developer's plan and is
never assumed.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any

import typer

from xerocli.cli.options import (
    OutputFormat,
    chosen_format,
    fields_option,
    json_option,
    output_option,
    split_fields,
)


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def limits(
    ctx: typer.Context,
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
    fields: str | None = fields_option(),
) -> None:
    """Show the organisation's call budget: this minute, in flight, and the day (no API call).

    Needs no login when the organisation is known here (`--tenant ID`, XERO_TENANT_ID, the
    profile's selected one); with none, every organisation the ledger has seen is listed."""
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    app_ctx = ctx.obj
    limiter, tenants, one = _tenants(app_ctx)
    snaps = [limiter.snapshot(tenant_id) for tenant_id, _name in tenants]
    records = [_record(snap, name) for snap, (_id, name) in zip(snaps, tenants, strict=True)]
    budget = limiter.budget
    view = RecordView(
        columns=[
            TableColumn("TenantName", "Organisation"),
            TableColumn("CallsLastMinute", f"This minute (of {budget.minute_calls})"),
            TableColumn("InFlight", f"In flight (of {budget.concurrent})"),
            TableColumn("XeroDayRemaining", "Day left (Xero)"),
            TableColumn("ReportedAt", "Reported"),
            TableColumn("DayBlockedUntil", "Day spent until"),
        ],
        title="Call budget, counting every xero process of this user",
        empty_message="No calls recorded yet: the ledger knows no organisation.",
    )
    options = {"fmt": chosen_format(output, as_json), "fields": split_fields(fields)}
    if one:
        app_ctx.io.write_record(records[0], view, **options)
    else:
        app_ctx.io.write_records(records, view, **options)
    if any(snap.reported_at is None for snap in snaps):
        app_ctx.io.info(
            "Xero has not reported this organisation's day budget yet: it shows after the first"
            " call."
        )


def _record(snap: Any, name: str | None) -> dict:
    return {
        "TenantId": snap.tenant,
        "TenantName": name,
        "MinuteLimit": snap.minute_limit,
        "CallsLastMinute": snap.calls_in_window,
        "MinuteLeft": max(snap.minute_limit - snap.calls_in_window, 0),
        "ConcurrentLimit": snap.concurrent_limit,
        "InFlight": snap.in_flight,
        "XeroMinuteRemaining": snap.minute_remaining,
        "XeroDayRemaining": snap.day_remaining,
        "XeroAppMinuteRemaining": snap.app_minute_remaining,
        "ReportedAt": _iso(snap.reported_at),
        "DayBlockedUntil": _iso(snap.day_blocked_until),
    }


def _tenants(app_ctx: Any) -> tuple[Any, list[tuple[str, str | None]], bool]:
    """(the ledger, [(tenant id, name)], whether one organisation was asked for).

    The ledger is local, so a known tenant ID needs no login: `--tenant ID`/XERO_TENANT_ID, or
    the profile's selection. A name, or the sandbox's automatic login, is looked up through the
    login as every command does; with no login and no organisation known, every organisation
    the ledger has seen is shown.
    """
    from xerocli import config, errors
    from xerocli.api import guid
    from xerocli.api.limiter import SharedLimiter

    wanted = app_ctx.options.tenant or os.environ.get(config.ENV_TENANT_ID)
    if wanted:
        tenant_id = guid.canonical(wanted)
        if tenant_id is not None:
            limiter = SharedLimiter(config.state_dir() / "ratelimit.sqlite")
            return limiter, [(tenant_id, _known_name(app_ctx, tenant_id))], True
    try:
        app_ctx.credentials()
    except errors.AuthError:
        if wanted:
            raise errors.AuthError(
                f"--tenant {wanted!r}: a name needs a login to find its organisation; give its"
                " tenant ID (see `xero tenants list`)"
            ) from None
        limiter = SharedLimiter(config.state_dir() / "ratelimit.sqlite")
        selected = app_ctx.profile().tenant_id
        if selected:
            return limiter, [(selected, app_ctx.profile().tenant_name)], True
        return limiter, [(tenant, None) for tenant in limiter.known_tenants()], False
    if not wanted and app_ctx.credentials().from_profile and app_ctx.profile().tenant_id:
        limiter = SharedLimiter(config.state_dir() / "ratelimit.sqlite")
        return limiter, [(app_ctx.profile().tenant_id, app_ctx.profile().tenant_name)], True
    client = app_ctx.client()
    return client.limiter, [(client.tenant_id, app_ctx.tenant_name)], True


def _known_name(app_ctx: Any, tenant_id: str) -> str | None:
    """The organisation's name when this profile selected it (no call to find out)."""
    from xerocli import errors

    try:
        profile = app_ctx.profile()
    except errors.XeroCliError:  # a broken config.toml: the ID alone is enough here
        return None
    if (profile.tenant_id or "").lower() == tenant_id.lower():
        return profile.tenant_name
    return None

"""`xero limits`: how much of Xero's call budget is left for the organisation, right now.

Read from the shared limiter's ledger, so it costs no API call and counts the calls of every
`xero` process of this user: a cron job can check it before a big export. The day budget is
what Xero last reported (`X-DayLimit-Remaining`): it depends on the developer's plan and is
never assumed.
"""

from __future__ import annotations

from datetime import datetime, timezone

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
    """Show the organisation's call budget: this minute, in flight, and the day (no API call)."""
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    app_ctx = ctx.obj
    client = app_ctx.client()
    snap = client.limiter.snapshot(client.tenant_id)
    record = {
        "TenantId": snap.tenant,
        "TenantName": app_ctx.tenant_name,
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
    view = RecordView(
        columns=[
            TableColumn("TenantName", "Organisation"),
            TableColumn("CallsLastMinute", f"This minute (of {snap.minute_limit})"),
            TableColumn("InFlight", f"In flight (of {snap.concurrent_limit})"),
            TableColumn("XeroDayRemaining", "Day left (Xero)"),
            TableColumn("ReportedAt", "Reported"),
            TableColumn("DayBlockedUntil", "Day spent until"),
        ],
        title="Call budget, counting every xero process of this user",
    )
    app_ctx.io.write_record(
        record, view, fmt=chosen_format(output, as_json), fields=split_fields(fields)
    )
    if snap.reported_at is None:
        app_ctx.io.info(
            "Xero has not reported this organisation's day budget yet: it shows after the first"
            " call."
        )

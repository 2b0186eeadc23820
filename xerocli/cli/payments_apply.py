"""`xero payments apply --file payouts.csv --account CODE`: pay invoices from a payout file."""

from __future__ import annotations

import sys

import typer

from xerocli.cli.options import OutputFormat, chosen_format, json_option, output_option


def apply(
    ctx: typer.Context,
    file: str = typer.Option(
        ...,
        "--file",
        help="Payout CSV: invoice number or reference,"
        " amount[, date, payout id, currency]; - for stdin.",
    ),
    account: str = typer.Option(
        ..., "--account", help="Bank or clearing account code (or ID) the payments go into."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the matches; pay nothing."),
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
) -> None:
    """Match each payout row to one open invoice (by number or reference, and the amount due),
    show the matches, then create the payments. Unmatched or ambiguous rows are listed and make
    the exit code non-zero; applying the same file again pays nothing twice."""
    import hashlib
    from pathlib import Path

    from xerocli import errors
    from xerocli.api import guid, reconcile
    from xerocli.api.resources import resource
    from xerocli.api.writes import write_records
    from xerocli.cli.wording import count
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise errors.UsageError(f"--file: cannot read {file} ({exc.strerror})") from None
    rows = reconcile.read_payouts(text)
    app_ctx = ctx.obj
    client = app_ctx.client()
    invoices = resource("invoices")
    open_invoices = [
        invoice
        for page in client.iter_pages(invoices, {"where": 'Status=="AUTHORISED"'})
        for invoice in page
    ]
    matches = reconcile.match(rows, open_invoices)
    for where in reconcile.paid_lookup(matches):  # rows paid by an earlier run of the file
        paid = [
            invoice for page in client.iter_pages(invoices, {"where": where}) for invoice in page
        ]
        reconcile.mark_already_paid(matches, paid)
    matched = [m for m in matches if m.invoice is not None]
    account_id = guid.canonical(account)
    account_ref = {"AccountID": account_id} if account_id else {"Code": account}
    report = {id(m): _report_row(m) for m in matches}
    for m in matches:
        if m.paid is not None:
            report[id(m)]["Result"] = "already paid"  # by an earlier run: nothing to do
    if matched and not dry_run:
        bodies = [
            {
                "Invoice": {"InvoiceID": m.invoice["InvoiceID"]},
                "Account": account_ref,
                "Amount": m.row.amount,
                **({"Date": m.row.day.isoformat()} if m.row.day else {}),
                **({"Reference": m.row.payout} if m.row.payout else {}),
            }
            for m in matched
        ]
        keys = sorted(m.idempotency_key(client.tenant_id or "") for m in matched)
        batch_key = "apply-" + hashlib.sha256("|".join(keys).encode()).hexdigest()[:40]
        results = write_records(
            client,
            resource("payments"),
            bodies,
            [f"row {m.row.row}" for m in matched],
            upsert=False,
            idempotency_key=batch_key,
        )
        for m, result in zip(matched, results, strict=True):
            entry = report[id(m)]
            if result.ok and result.record:
                entry["Result"] = "paid"
                entry["PaymentID"] = result.record.get("PaymentID")
            else:
                entry["Result"] = "rejected: " + "; ".join(result.messages)
    view = RecordView(
        columns=[
            TableColumn(name, name, money=name == "Amount")
            for name in ("Row", "Invoice", "Amount", "Match", "Result", "PaymentID")
        ],
        title=f"Payout matches · {app_ctx.tenant_name}" if app_ctx.tenant_name else None,
        empty_message="No rows.",
    )
    io = app_ctx.io
    io.write_records([report[id(m)] for m in matches], view, fmt=chosen_format(output, as_json))
    problems = [m for m in matches if m.problem]
    rejected = [r for r in report.values() if str(r.get("Result", "")).startswith("rejected")]
    for m in problems:
        io.warn(
            f"row {m.row.row}: {m.status}: {m.row.invoice} {m.row.amount}"
            + (f" ({len(m.candidates)} open invoices match)" if m.candidates else "")
        )
    paid = sum(1 for r in report.values() if r.get("Result") == "paid")
    if dry_run:
        io.info(f"Dry run: {len(matched)} of {count(len(matches), 'row')} match; nothing paid.")
    else:
        before = sum(1 for m in matches if m.paid is not None)
        io.info(f"Paid {count(paid, 'invoice')}" + (f"; {before} already paid." if before else "."))
    if problems or rejected:
        raise errors.ValidationError(
            f"{count(len(problems), 'row')} unmatched or ambiguous,"
            f" {len(rejected)} rejected by Xero"
        )


def _report_row(m) -> dict:
    invoice = m.invoice or m.paid
    return {
        "Row": m.row.row,
        "Invoice": invoice.get("InvoiceNumber") if invoice else m.row.invoice,
        "InvoiceID": invoice.get("InvoiceID") if invoice else None,
        "Amount": m.row.amount,
        "Match": m.status,
        "Result": "",
        "PaymentID": None,
    }

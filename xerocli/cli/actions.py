"""Verbs beyond list/get/create that Xero offers and users expect, per resource:
`invoices void|email`, `payments delete`, `contacts update`, `items update`.

Each resolves the record first (by ID or number), so `xero invoices void INV-0042` works, then
posts the change with an Idempotency-Key.
"""

from __future__ import annotations

import typer

from xerocli.api.resources import LINE_KINDS, Resource, resource
from xerocli.cli.objects import _view
from xerocli.cli.options import chosen_format
from xerocli.cli.signatures import command_from, ctx_param, option_param, output_params


def _key_param(help_text: str):
    import inspect

    return inspect.Parameter(
        "key",
        inspect.Parameter.KEYWORD_ONLY,
        default=typer.Argument(..., help=help_text, show_default=False, metavar="KEY"),
        annotation=str,
    )


def _print_record(app_ctx, res: Resource, record: dict, output, as_json, fields) -> None:
    from xerocli.cli.objects import _fields

    app_ctx.io.write_records(
        [record],
        _view(res, app_ctx),
        fmt=chosen_format(output, as_json),
        fields=_fields(res, fields),
    )


def _status_change(res: Resource, status: str, verb: str, summary: str):
    """`invoices void`, `payments delete`: one Status change posted to the record."""

    def body(ctx: typer.Context, key: str, idempotency_key, output, as_json, fields) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.writes import update_record
        from xerocli.cli.objects import _fields, _find

        _fields(res, fields)  # a typo'd --fields fails before the change is sent
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        record_id = record[res.id_field]
        updated = update_record(
            client,
            res,
            record_id,
            {res.id_field: record_id, "Status": status},
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = record.get(res.number_field or "", "") or record_id
        app_ctx.io.info(f"{verb.capitalize()} {res.singular} {label}.")
        _print_record(app_ctx, res, updated or record, output, as_json, fields)

    params = [
        ctx_param(),
        _key_param(f"{res.id_field}" + (f" or {res.number_field}" if res.number_field else "")),
        _idempotency_param(),
        *output_params(),
    ]
    return command_from(verb, params, body, summary)


def _idempotency_param():
    return option_param(
        "idempotency_key",
        typer.Option(None, "--idempotency-key", help="Key that makes a retry a no-op."),
        str | None,
    )


def _email(res: Resource):
    def body(ctx: typer.Context, key: str, idempotency_key) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.cli.objects import _find

        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        client.request(
            "POST",
            f"{res.path}/{record[res.id_field]}/Email",
            json_body={},
            idempotency_key=idempotency_key or new_idempotency_key(),
            scope_hint=res.scopes[0],
        )
        contact = (record.get("Contact") or {}).get("Name", "the contact")
        number = record.get(res.number_field or "") or record[res.id_field]
        ctx.obj.io.info(f"Emailed {res.singular} {number} to {contact}.")

    params = [ctx_param(), _key_param("InvoiceID or InvoiceNumber"), _idempotency_param()]
    return command_from("email", params, body, "Email an invoice to its contact (Xero sends it).")


def _update(res: Resource, model_name: str):
    """`contacts update ID --email ...`: the create options, all optional, posted to the ID."""

    params = [ctx_param(), _key_param(f"{res.id_field} or {res.number_field or 'name'}")]
    for spec in res.create_options:
        if spec.kind in LINE_KINDS:
            continue
        name = "opt_" + spec.option.replace("-", "_")
        params.append(
            option_param(name, typer.Option(None, f"--{spec.option}", help=spec.help), str | None)
        )
    params += [_idempotency_param(), *output_params()]

    def body(
        ctx: typer.Context, key: str, idempotency_key, output, as_json, fields, **options
    ) -> None:
        from xerocli import errors
        from xerocli.api import inputs, models
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.writes import update_record
        from xerocli.cli.objects import _fields

        _fields(res, fields)  # a typo'd --fields fails before the change is sent
        values = {k.removeprefix("opt_").replace("_", "-"): v for k, v in options.items()}
        if not any(v not in (None, "") for v in values.values()):
            raise errors.UsageError(
                f"nothing to update: give at least one option (see xero {res.noun} update --help)"
            )
        record_in = inputs.record_from_options(res.create_options, values)
        change = inputs.validate([record_in], getattr(models, model_name))[0]
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find_for_update(client, res, key)
        change[res.id_field] = record[res.id_field]
        updated = update_record(
            client,
            res,
            record[res.id_field],
            change,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        app_ctx.io.info(f"Updated {res.singular} {record.get('Name') or record[res.id_field]}.")
        _print_record(app_ctx, res, updated or record, output, as_json, fields)

    return command_from("update", params, body, f"Change fields of one {res.singular}.")


def _find_for_update(client, res: Resource, key: str) -> dict:
    """By ID or number; contacts also by exact name, the way people refer to them."""
    from xerocli import errors
    from xerocli.api.query import quote
    from xerocli.cli.objects import _find

    try:
        return _find(client, res, key)
    except errors.NotFoundError:
        if res.name != "Contacts":
            raise
    found = client.get_records(res, {"where": f"Name=={quote(key)}"})
    if len(found) != 1:
        raise errors.NotFoundError(f"no contact {key!r} in Xero")
    return found[0]


def register(groups: dict[str, typer.Typer]) -> None:
    invoices = resource("invoices")
    groups["invoices"].command("void")(
        _status_change(invoices, "VOIDED", "void", "Void an authorised invoice.")
    )
    groups["invoices"].command("email")(_email(invoices))
    payments = resource("payments")
    groups["payments"].command("delete")(
        _status_change(payments, "DELETED", "delete", "Delete a payment (the invoice reopens).")
    )
    from xerocli.cli.payments_apply import apply

    groups["payments"].command("apply")(apply)
    journals = resource("manual-journals")
    groups["manual-journals"].command("post")(
        _status_change(journals, "POSTED", "post", "Post a draft manual journal to the ledger.")
    )
    groups["manual-journals"].command("void")(
        _status_change(journals, "VOIDED", "void", "Void a posted manual journal.")
    )
    groups["contacts"].command("update")(_update(resource("contacts"), "ContactUpdate"))
    groups["items"].command("update")(_update(resource("items"), "ItemUpdate"))

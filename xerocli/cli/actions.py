"""Verbs beyond list/get/create that Xero offers and users expect, per resource:
`invoices void|email`, `payments delete`, and `update` for every resource Xero edits.

Each resolves the record first (by ID or number), so `xero invoices void INV-0042` works, then
posts the change with an Idempotency-Key.
"""

from __future__ import annotations

import re
import sys
from urllib.parse import quote

import typer

from xerocli import errors
from xerocli.api import guid
from xerocli.api.resources import (
    REPEATED_KINDS,
    Action,
    Resource,
    StatusVerb,
    resource,
)
from xerocli.cli import object_bodies
from xerocli.cli.choices import offered
from xerocli.cli.objects import _view
from xerocli.cli.options import chosen_format
from xerocli.cli.signatures import (
    command_from,
    ctx_param,
    file_params,
    option_param,
    output_params,
)
from xerocli.cli.signatures import key_param as _key_param


def _print_record(app_ctx, res: Resource, record: dict, output, as_json, fields) -> None:
    from xerocli.cli.objects import _fields

    app_ctx.io.write_records(
        [record],
        _view(res, app_ctx),
        fmt=chosen_format(output, as_json),
        fields=_fields(res, fields),
    )


def _print_allocation(app_ctx, allocation: dict, output, as_json, fields: list[str] | None) -> None:
    """An allocation, as `-o` asks (a table on a terminal, JSON when piped, as every command),
    `fields` checked already (`_allocation_fields`, before anything is sent)."""
    from xerocli.output.document_views import ALLOCATIONS

    app_ctx.io.write_records(
        [allocation], ALLOCATIONS, fmt=chosen_format(output, as_json), fields=fields
    )


def _allocation_fields(fields: str | None) -> list[str] | None:
    from xerocli.cli.options import split_fields
    from xerocli.output.schema import check_path

    chosen = split_fields(fields) or None
    for path in chosen or ():
        problem = check_path("Allocation", path, " of an allocation")
        if problem is not None:
            raise errors.UsageError(f"--fields: {problem}")
    return chosen


def _status_change(res: Resource, change: StatusVerb):
    """`invoices void`, `quotes accept`: one Status change posted to the record (the table's
    `status_verbs`)."""

    def body(
        ctx: typer.Context, key: str, idempotency_key, dry_run, output, as_json, fields
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.writes import update_record
        from xerocli.cli.objects import _fields

        _fields(res, fields)  # a typo'd --fields fails before the change is sent
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find_for_update(client, res, key)
        record_id = record[res.id_field]
        if dry_run:
            _say_dry_run(app_ctx, res, change.verb, [record])
            _print_record(app_ctx, res, record, output, as_json, fields)
            return
        updated = update_record(
            client,
            res,
            record_id,
            {res.id_field: record_id, "Status": change.status},
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = record.get(res.number_field or "") or record.get(res.name_field or "") or record_id
        app_ctx.io.info(f"{change.done} {res.singular} {label}.")
        _print_record(app_ctx, res, updated or record, output, as_json, fields)

    params = [
        ctx_param(),
        _key_param(res.key_help()),
        _idempotency_param(),
        _dry_run_param(),
        *output_params(),
    ]
    return command_from(change.verb, params, body, change.help)


def _unallocate(res: Resource):
    """`credit-notes unallocate CN-0007 ALLOCATION_ID`: one allocation undone."""

    def body(
        ctx: typer.Context, key: str, allocation: str, idempotency_key, output, as_json, fields
    ) -> None:
        from xerocli import errors
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.record_actions import delete_allocation
        from xerocli.cli.objects import _find

        if not guid.is_guid(allocation):
            raise errors.UsageError(
                f"ALLOCATION_ID: {allocation!r} is not an AllocationID (a GUID); nothing was sent"
            )
        allocation_id = allocation
        chosen = _allocation_fields(fields)
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        deleted = delete_allocation(
            client,
            res,
            record[res.id_field],
            allocation_id,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = res.label(record)
        app_ctx.io.info(f"Deleted allocation {allocation_id} of {res.singular} {label}.")
        _print_allocation(app_ctx, deleted, output, as_json, chosen)

    params = [
        ctx_param(),
        _key_param(res.key_help()),
        option_param(
            "allocation",
            typer.Argument(
                ...,
                metavar="ALLOCATION_ID",
                help="The AllocationID (see `get`).",
                show_default=False,
            ),
            str,
        ),
        _idempotency_param(),
        *output_params(),
    ]
    return command_from(
        "unallocate", params, body, f"Delete one allocation of {res.a_singular}'s credit."
    )


def _bulk_status_change(res: Resource, change: StatusVerb):
    """`bank-transfers delete ID...`: one record as `_status_change` does; several through
    `POST /{Collection}` (Xero's bulk forms), each found first so nothing is sent for a typo."""

    def body(
        ctx: typer.Context, keys: list[str], idempotency_key, dry_run, output, as_json, fields
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.record_actions import change_statuses
        from xerocli.cli.objects import _fields

        _fields(res, fields)
        app_ctx = ctx.obj
        client = app_ctx.client()
        found = [_find_for_update(client, res, key) for key in keys]
        ids = list(dict.fromkeys(str(record[res.id_field]) for record in found))
        if dry_run:
            unique = list({str(record[res.id_field]): record for record in found}.values())
            _say_dry_run(app_ctx, res, change.verb, unique)
            app_ctx.io.write_records(
                unique,
                _view(res, app_ctx),
                fmt=chosen_format(output, as_json),
                fields=_fields(res, fields),
            )
            return
        changed = change_statuses(
            client,
            res,
            ids,
            change.status,
            form=change.bulk,
            summarize=change.bulk_summarize,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        from xerocli.cli.wording import count

        app_ctx.io.info(
            f"{change.done} {count(len(ids), res.singular, res.noun.replace('-', ' '))}."
        )
        app_ctx.io.write_records(
            changed,
            _view(res, app_ctx),
            fmt=chosen_format(output, as_json),
            fields=_fields(res, fields),
        )

    params = [
        ctx_param(),
        option_param(
            "keys",
            typer.Argument(..., metavar="KEY...", help=f"{res.id_field}s.", show_default=False),
            list[str],
        ),
        _idempotency_param(),
        _dry_run_param(),
        *output_params(),
    ]
    single = _status_change(res, change)

    def either(**kwargs) -> None:
        keys = kwargs.pop("keys")
        if len(keys) == 1:
            single(key=keys[0], **kwargs)
        else:
            body(keys=keys, **kwargs)

    return command_from(change.verb, params, either, change.help)


def _allocate(res: Resource):
    """`overpayments allocate ID --invoice INV --amount N`: the record's credit applied to an
    invoice (`PUT /{Collection}/{ID}/Allocations`)."""

    def body(
        ctx: typer.Context,
        key: str,
        invoice: str,
        amount: str,
        date,
        idempotency_key,
        output,
        as_json,
        fields,
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.query import parse_date
        from xerocli.api.record_actions import allocate, checked_amount
        from xerocli.cli.objects import _find

        chosen = _allocation_fields(fields)
        value = checked_amount("--amount", amount)
        day = parse_date("date", date).isoformat() if date else None
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        ref = {"InvoiceID": invoice} if guid.is_guid(invoice) else {"InvoiceNumber": invoice}
        made = allocate(
            client,
            res,
            record[res.id_field],
            ref,
            value,
            day,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = res.label(record)
        shown = f"{value:.2f}" if value == round(value, 2) else str(value)  # 10 -> 10.00
        app_ctx.io.info(f"Allocated {shown} of {res.singular} {label} to invoice {invoice}.")
        _print_allocation(app_ctx, made, output, as_json, chosen)

    params = [
        ctx_param(),
        _key_param(res.key_help()),
        option_param(
            "invoice",
            typer.Option(..., "--invoice", help="The invoice (number or ID) the credit pays."),
            str,
        ),
        option_param(
            "amount",
            typer.Option(..., "--amount", help="How much to allocate, in the record's currency."),
            str,
        ),
        option_param(
            "date",
            typer.Option(None, "--date", help="Allocation date (default today)."),
            str | None,
        ),
        _idempotency_param(),
        *output_params(),
    ]
    return command_from(
        "allocate", params, body, f"Allocate {res.a_singular}'s credit to an invoice."
    )


def _delete(res: Resource):
    """`linked-transactions delete ID`: Xero's DELETE of one record."""

    def body(ctx: typer.Context, key: str, idempotency_key, dry_run) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.record_actions import delete_record
        from xerocli.cli.objects import _find

        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        if dry_run:
            _say_dry_run(app_ctx, res, "delete", [record])
            return
        delete_record(
            client,
            res,
            record[res.id_field],
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        record_id = record[res.id_field]
        named = f"{key} ({record_id})" if key.lower() != str(record_id).lower() else record_id
        app_ctx.io.info(f"Deleted {res.singular} {named}.")

    params = [ctx_param(), _key_param(res.id_field), _idempotency_param(), _dry_run_param()]
    return command_from("delete", params, body, f"Delete {res.a_singular} (Xero removes it).")


def _refund(res: Resource):
    """`overpayments refund ID --account 090 --amount N`: the credit paid back, a payment."""

    payments = resource("payments")

    def body(
        ctx: typer.Context,
        key: str,
        account: str,
        amount: str,
        date,
        reference,
        idempotency_key,
        output,
        as_json,
        fields,
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.query import parse_date
        from xerocli.api.record_actions import checked_amount, refund
        from xerocli.cli.objects import _fields, _find

        _fields(payments, fields)  # a typo'd field stops it before anything is sent
        value = checked_amount("--amount", amount)
        day = parse_date("date", date).isoformat() if date else None
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find(client, res, key)
        payment = refund(
            client,
            res,
            record,
            account,
            value,
            day,
            reference,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = res.label(record)
        app_ctx.io.info(f"Refunded {value} of {res.singular} {label} from account {account}.")
        # The refund is a payment: shown as `payments get` shows one (-o, --json, --fields).
        _print_record(app_ctx, payments, payment, output, as_json, fields)

    params = [
        ctx_param(),
        _key_param(res.key_help()),
        option_param(
            "account",
            typer.Option(..., "--account", help="Bank account code or ID the refund is paid from."),
            str,
        ),
        option_param("amount", typer.Option(..., "--amount", help="How much to pay back."), str),
        option_param(
            "date",
            typer.Option(None, "--date", help="Refund date (default today)."),
            str | None,
        ),
        option_param("reference", typer.Option(None, "--reference", help="Reference."), str | None),
        _idempotency_param(),
        *output_params(),
    ]
    return command_from(
        "refund", params, body, f"Refund {res.a_singular}'s credit to its contact (a payment)."
    )


def _invoice_quote(res: Resource):
    """`quotes invoice QU-0001`: the invoice of an accepted quote's lines; the quote INVOICED."""

    def body(
        ctx: typer.Context,
        key: str,
        status: str,
        due_date,
        idempotency_key,
        output,
        as_json,
        fields,
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.query import parse_date
        from xerocli.api.record_actions import invoice_from_quote
        from xerocli.cli.objects import _fields, _find

        status = status.upper()
        if status not in ("DRAFT", "AUTHORISED"):
            raise errors.UsageError(f"--status: {status!r} is not DRAFT or AUTHORISED")
        due = parse_date("due-date", due_date).isoformat() if due_date else None
        if status == "AUTHORISED" and not due:
            raise errors.UsageError("--due-date is required for an AUTHORISED invoice")
        invoices = resource("invoices")
        _fields(invoices, fields)
        app_ctx = ctx.obj
        client = app_ctx.client()
        quote = _find(client, res, key)
        invoice, _ = invoice_from_quote(
            client,
            quote,
            status=status,
            due_date=due,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        label = quote.get("QuoteNumber") or quote["QuoteID"]
        made = invoice.get("InvoiceNumber") or invoice["InvoiceID"]
        app_ctx.io.info(
            f"Invoiced quote {label}: invoice {made} ({invoice.get('Status')}); the quote is"
            " INVOICED."
        )
        _print_record(app_ctx, invoices, invoice, output, as_json, fields)

    params = [
        ctx_param(),
        _key_param(res.key_help()),
        option_param(
            "status",
            typer.Option(
                "DRAFT",
                "--status",
                help="The invoice's status: DRAFT (default) or AUTHORISED.",
                click_type=offered(("DRAFT", "AUTHORISED")),
            ),
            str,
        ),
        option_param(
            "due_date",
            typer.Option(None, "--due-date", help="Due date (YYYY-MM-DD; AUTHORISED needs one)."),
            str | None,
        ),
        _idempotency_param(),
        *output_params(),
    ]
    return command_from(
        "invoice", params, body, "Make the sales invoice of an accepted quote; mark it INVOICED."
    )


def _dry_run_param():
    return option_param(
        "dry_run",
        typer.Option(
            False, "--dry-run", help="Find the record and say what would change; send nothing."
        ),
        bool,
    )


def _say_dry_run(app_ctx, res: Resource, verb: str, records: list[dict]) -> None:
    """`Dry run: would void invoice INV-0007 (AUTHORISED now); nothing sent.`: what a
    destructive verb would do, found but not done (Xero checks the change only when sent)."""
    from xerocli.cli.wording import count

    if len(records) == 1:
        record = records[0]
        label = res.label(record)
        status = record.get(res.status_field)
        now = f" ({status} now)" if status else ""
        what = f"{res.singular} {label}{now}"
    else:
        what = count(len(records), res.singular, res.noun.replace("-", " "))
    app_ctx.io.info(f"Dry run: would {verb} {what}; nothing sent.")


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
            res.record_path(record[res.id_field], "Email"),
            json_body={},
            idempotency_key=idempotency_key or new_idempotency_key(),
            scope_hint=res.scopes[0],
        )
        contact = (record.get("Contact") or {}).get("Name", "the contact")
        number = res.label(record)
        ctx.obj.io.info(f"Emailed {res.singular} {number} to {contact}.")

    params = [ctx_param(), _key_param("InvoiceID or InvoiceNumber"), _idempotency_param()]
    return command_from("email", params, body, "Email an invoice to its contact (Xero sends it).")


def _update_help(text: str) -> str:
    """A create option's help, less what only holds for a new record (its defaults)."""
    text = re.sub(r"\s*\(default[^)]*\)|, default|;\s*default[^)]*", "", text)
    return text.replace("(required)", "").replace(" .", ".").strip()


def build_update(res: Resource):
    """`invoices update INV-0041 --reference X`: the create options (all optional) or one record
    from `--file`, checked with the update rules, and only those fields posted to the record."""
    params = [ctx_param(), _key_param(res.key_help(by_name=True))]
    for spec in res.create_options:
        if spec.kind in REPEATED_KINDS:
            continue  # lines are replaced whole: from --file, where they are all in view
        name = "opt_" + spec.option.replace("-", "_")
        params.append(
            option_param(
                name,
                typer.Option(
                    None,
                    f"--{spec.option}",
                    help=_update_help(spec.help),
                    click_type=offered(spec.choices),
                ),
                str | None,
            )
        )
    params += [
        *file_params("The change as one JSON or CSV record (- for stdin)."),
        option_param(
            "dry_run",
            typer.Option(
                False, "--dry-run", help="Validate and print the change; look up and send nothing."
            ),
            bool,
        ),
        _idempotency_param(),
        *output_params(),
    ]

    def body(
        ctx: typer.Context,
        key: str,
        file,
        file_format,
        dry_run,
        idempotency_key,
        output,
        as_json,
        fields,
        **options,
    ) -> None:
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.write_models import update_model
        from xerocli.api.writes import update_record
        from xerocli.cli.objects import _fields
        from xerocli.output.jsonfmt import write_json_array

        _fields(res, fields)  # a typo'd --fields fails before the change is sent
        values = {k.removeprefix("opt_").replace("_", "-"): v for k, v in options.items()}
        rules = update_model(res)
        wanted = _change_from(res, key, file, file_format, values)
        sent = _validated(wanted, rules)
        if dry_run:
            write_json_array([sent], sys.stdout)
            ctx.obj.io.info(f"Dry run: the change to {res.singular} {key} is valid; nothing sent.")
            return
        app_ctx = ctx.obj
        client = app_ctx.client()
        record = _find_for_update(client, res, key)
        record_id = record[res.id_field]
        named = sent.get(res.id_field)
        if named and str(named).lower() != str(record_id).lower():
            raise errors.UsageError(
                f"--file: {res.id_field} {named} is not the {res.singular} {key} ({record_id})"
            )
        if not file:
            sent = _keep_siblings(res, sent, record, rules)
        updated = update_record(
            client,
            res,
            record_id,
            {**sent, res.id_field: record_id},
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        shown = updated or record
        label = shown.get(res.number_field or "") or shown.get(res.name_field or "") or record_id
        app_ctx.io.info(f"Updated {res.singular} {label}.")
        _print_record(app_ctx, res, shown, output, as_json, fields)

    return command_from(
        "update",
        params,
        body,
        f"Change fields of one {res.singular}: only the fields given are sent.",
    )


def _keep_siblings(res: Resource, change: dict, record: dict, rules) -> dict:
    """`items update W --sale-price 6` sends SalesDetails whole, and Xero takes an object as
    sent: fill the other fields of such an object (its account code) from the record, so that
    an option changes its one field and nothing beside it."""
    nested = {
        spec.path.split(".")[0]
        for spec in res.create_options
        if "." in spec.path and spec.kind in ("text", "upper")
    }
    merged = dict(change)
    for key in nested & set(change):
        current = record.get(key)
        if not (isinstance(current, dict) and isinstance(change[key], dict)):
            continue
        known = _fields_of(rules.model_fields[key].annotation)
        kept = {k: v for k, v in current.items() if k in known and v not in (None, "")}
        merged[key] = {**kept, **change[key]}
    return merged


def _fields_of(annotation) -> set[str]:
    """The field names of a model annotation (`ItemDetails | None` -> ItemDetails's)."""
    models = [annotation, *getattr(annotation, "__args__", ())]
    return {name for model in models for name in getattr(model, "model_fields", {})}


def _change_from(res: Resource, key: str, file, file_format, values: dict):
    """The change as an input record: from options, or the one record of `--file`."""
    from xerocli.api import inputs

    # An option given as "" is given: it clears that field (see `record_from_options`).
    given = sorted(option for option, value in values.items() if value is not None)
    if file and given:
        raise errors.UsageError(
            f"--file and --{given[0]} cannot be combined: put the field in the file"
        )
    if file:
        from xerocli.api.write_models import update_model

        own_fields = frozenset(update_model(res).model_fields)
        records = inputs.read_file(
            file, file_format, res.lines_field or inputs.LINES_FIELD, record_fields=own_fields
        )
        if len(records) != 1:
            raise errors.UsageError(
                f"--file: update changes one {res.singular} and the file holds {len(records)}"
                f" records; use `xero {res.noun} create --upsert --file` for several"
            )
        record = records[0]
        if not record.data:
            raise errors.UsageError("--file: the record is empty: nothing to update")
        return record
    if not given:
        raise errors.UsageError(
            f"nothing to update: give an option or --file (see xero {res.noun} update --help)"
        )
    return inputs.record_from_options(res.create_options, values, keep_empty=True)


def _validated(record, model) -> dict:
    from xerocli.api import inputs

    return inputs.validate([record], model)[0]


_find_for_update = object_bodies.find_for_update


def build_action(res: Resource, action: Action):
    """A verb with its own path (see `resources.Action`): `organisation actions`,
    `branding-themes payment-services THEME`, `branding-themes add-payment-services THEME ID...`.
    """
    from dataclasses import replace

    params = [ctx_param()]
    if action.per_record and not res.singleton:
        params.append(_key_param(res.id_field))
    if action.item_field:
        params.append(
            option_param(
                "items",
                typer.Argument(..., help=action.item_help, show_default=False),
                list[str],
            )
        )
    if action.value_option:
        option, field = action.value_option
        params.append(
            option_param(
                "value",
                typer.Option(..., f"--{option}", help=f"The new {field}.", show_default=False),
                str,
            )
        )
    if action.writes:
        params.append(_idempotency_param())
    params += output_params()
    shown = replace(
        res,
        name=action.key,
        noun=re.sub(r"(?<!^)(?=[A-Z][a-z])", "-", action.key).lower(),  # PaymentServices
        columns=action.columns,
        lines_field=None,
        currency_field=None,
        number_field=None,
        id_field=action.columns[-1].path if action.columns else res.id_field,
    )

    def body(
        ctx: typer.Context,
        output,
        as_json,
        fields,
        key: str = "",
        items: list[str] | None = None,
        idempotency_key: str | None = None,
        value: str | None = None,
    ) -> None:
        from xerocli.api import wire
        from xerocli.api.client import new_idempotency_key
        from xerocli.cli.objects import _fields, one_record

        wanted = _fields(shown, fields)  # a typo'd --fields fails before anything is sent
        app_ctx = ctx.obj
        client = app_ctx.client()
        record_id = None
        label = key
        if action.per_record:
            found = one_record(client, res) if res.singleton else _find_for_update(client, res, key)
            record_id = str(found[res.id_field])
            label = str(found.get(res.name_field or "") or key)
        scope = action.scope or res.scopes[0]
        given = list(items or ())
        if action.item_resource:
            items = [_item_id(client, action, item) for item in items or ()]
        # Members named as given (`contact-groups remove VIP "Larch Motors"`): each said.
        removes = bool(action.item_resource) and action.method == "DELETE"
        if action.per_item:  # one request per item, the item in the path (`.../{item}`)
            base = idempotency_key or new_idempotency_key()
            answered = []
            for number, (item, named) in enumerate(zip(items or (), given, strict=True), start=1):
                try:
                    answer = client.request(
                        action.method,
                        _action_path(res, action, record_id, item),
                        json_body={action.value_option[1]: value} if action.value_option else None,
                        idempotency_key=f"{base}-{number}",
                        scope_hint=scope,
                    )
                except errors.NotFoundError:
                    if not removes:
                        raise
                    # The record was just found, so Xero's 404 is about the member.
                    raise errors.NotFoundError(
                        f"{named} is not in {res.singular} {label}"
                    ) from None
                answered += wire.records_of(answer.payload, action.key)
                if removes:
                    app_ctx.io.info(f"Removed {named} from {res.singular} {label}.")
            if not removes:
                app_ctx.io.info(f"{action.command} {', '.join(items or ())}: done.")
        else:
            answer = client.request(
                action.method,
                _action_path(res, action, record_id),
                json_body={action.key: [{action.item_field: item} for item in items or ()]}
                if action.item_field
                else None,
                idempotency_key=(idempotency_key or new_idempotency_key())
                if action.writes
                else None,
                scope_hint=scope,
            )
            answered = wire.records_of(answer.payload, action.key)
        if not answered and action.per_item:
            return  # 204s (a contact removed from a group): said above
        if not answered and action.method == "DELETE":  # a 204 (a group emptied)
            if action.path == "{id}/" + action.key:  # every member: `{id}/Contacts`
                members = action.key.lower()
                app_ctx.io.info(f"Removed every {members[:-1]} from {res.singular} {label}.")
            else:
                app_ctx.io.info(f"{action.command} {key}: done.")
            return
        app_ctx.io.write_records(
            answered,
            _view(shown, app_ctx),
            fmt=chosen_format(output, as_json),
            fields=wanted,
        )

    return command_from(action.command, params, body, action.help)


def _item_id(client, action: Action, item: str) -> str:
    """An item as its ID: a GUID as given, else the one record of `item_resource` so named."""
    item_id = guid.canonical(item)
    if item_id is not None:
        return item_id
    named = resource(action.item_resource)
    return str(_find_for_update(client, named, item)[named.id_field])


def _action_path(res: Resource, action: Action, record_id: str | None, item: str = "") -> str:
    """`/Organisation/Actions`, `/BrandingThemes/<id>/PaymentServices`, `/ContactGroups/<id>/
    Contacts/<item>`: the record and the item checked and encoded (api/keys.py)."""
    from xerocli.api.keys import checked_key

    if record_id is None:
        return f"{res.path}/{action.path}"
    more = [
        quote(checked_key(item), safe="") if part == "{item}" else part
        for part in action.path.split("/")[1:]
    ]
    return res.record_path(record_id, *more)


def add_verbs(noun: str, group: typer.Typer) -> None:
    """The verbs beyond list/get/create/update that one resource's group has (none for most):
    the table's status verbs, actions with paths of their own, allocate/invoice/refund/delete,
    and the few of one resource; added per group, so building `invoices` neither builds nor
    imports `payments apply`."""
    res = resource(noun)
    for change in res.status_verbs:
        build = _bulk_status_change if change.bulk else _status_change
        group.command(change.verb)(build(res, change))
    for action in res.actions:
        group.command(action.command)(build_action(res, action))
    if res.allocate:
        group.command("allocate")(_allocate(res))
        group.command("unallocate")(_unallocate(res))
    if res.makes_invoice:
        group.command("invoice")(_invoice_quote(res))
    if res.refund:
        group.command("refund")(_refund(res))
    if res.deletable:
        group.command("delete")(_delete(res))
    if noun == "invoices":
        group.command("email")(_email(res))
    elif noun == "payments":
        from xerocli.cli.payments_apply import apply

        group.command("apply")(apply)

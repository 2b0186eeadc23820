"""`xero invoices|contacts|... list|get`: one command group per entry of the resource table.

The groups are generated, not hand-written: each `list` command gets exactly the filters its
resource takes (a signature built from the table), so the next resource needs no code here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any

import typer

from xerocli.api.resources import REPEATED_KINDS, RESOURCES, Filter, Resource
from xerocli.cli import object_bodies
from xerocli.cli.choices import offered
from xerocli.cli.options import chosen_format
from xerocli.cli.signatures import (
    command_from,
    ctx_param,
    fast_command,
    file_params,
    key_param,
    option_param,
    output_params,
)

DEFAULT_LIMIT = object_bodies.DEFAULT_LIMIT
TABLE_CAP = object_bodies.TABLE_CAP
_view = object_bodies.view
_fields = object_bodies.checked_fields
_find = object_bodies.find
filter_values_by_option = object_bodies.filter_values_by_option


def filter_params(
    filters: Iterable[Filter], offer: Callable[[Filter], Any] | None = None
) -> list[inspect.Parameter]:
    """One option per filter of the table. Each is read as a list, so that a repeated option
    is seen (and refused where the filter takes one value) instead of the last one winning.
    `offer` gives the click type whose values TAB offers (default: the filter's own list)."""
    offer = offer or (lambda spec: offered(spec.offered))
    return [
        option_param(
            filter_param_name(spec.option),
            typer.Option(False, f"--{spec.option}", help=spec.help),
            bool,
        )
        if spec.kind == "flag"
        else option_param(
            filter_param_name(spec.option),
            typer.Option(None, f"--{spec.option}", help=spec.help, click_type=offer(spec)),
            list[str] | None,
        )
        for spec in filters
    ]


def filter_param_name(option: str) -> str:
    """The Python name of a filter option (`--include-archived` -> `filter_include_archived`)."""
    return "filter_" + option.replace("-", "_")


def build_list(resource: Resource) -> Callable[..., None]:
    params = [ctx_param()]
    params += filter_params(resource.filters)
    if resource.modified_since:
        params.append(
            option_param(
                "since",
                typer.Option(
                    None,
                    "--since",
                    help="Only records changed since this date/time (If-Modified-Since).",
                ),
                str | None,
            )
        )
    if resource.supports_where:
        params.append(
            option_param(
                "where",
                typer.Option(None, "--where", help="Raw Xero filter, e.g. 'AmountDue>1000'."),
                str | None,
            )
        )
    params.append(
        option_param(
            "order", typer.Option(None, "--order", help="Xero order, e.g. 'Date DESC'."), str | None
        )
    )
    params.append(
        option_param(
            "fetch_all", typer.Option(False, "--all", help="Follow every page (streamed)."), bool
        )
    )
    params.append(
        option_param(
            "limit",
            typer.Option(
                None, "--limit", min=1, help=f"At most N records (default {DEFAULT_LIMIT})."
            ),
            int | None,
        )
    )
    params.extend(output_params())

    body = functools.partial(object_bodies.list_records, resource.noun)
    command = command_from("list", params, body, f"List {resource.noun.replace('-', ' ')}.")
    return fast_command(command, "xerocli.cli.object_bodies", "list_records", resource.noun)


def build_get(resource: Resource) -> Callable[..., None]:
    key_help = resource.key_help()
    params = [
        ctx_param(),
        key_param(key_help),
        *output_params(),
    ]

    body = functools.partial(object_bodies.get_record, resource.noun)
    command = command_from("get", params, body, f"Show one {resource.singular} by {key_help}.")
    return fast_command(command, "xerocli.cli.object_bodies", "get_record", resource.noun)


def build_show(resource: Resource) -> Callable[..., None]:
    """`xero organisation`: a resource with one record shows it (its verbs are subcommands)."""
    params = [ctx_param(), *output_params()]

    def body(ctx: typer.Context, output, as_json, fields) -> None:
        if ctx.invoked_subcommand:
            return
        app_ctx = ctx.obj
        wanted = _fields(resource, fields)
        app_ctx.io.write_record(
            one_record(app_ctx.client(), resource),
            _view(resource, app_ctx),
            fmt=chosen_format(output, as_json),
            fields=wanted,
        )

    return command_from("show", params, body, f"Show the {resource.singular}.")


def one_record(client: Any, resource: Resource) -> dict:
    """The record of a resource that has one (the organisation)."""
    from xerocli import errors

    records = client.get_records(resource)
    if not records:
        raise errors.NotFoundError(f"Xero sent no {resource.singular}")
    return records[0]


def build_create(resource: Resource) -> Callable[..., None]:
    params = [ctx_param()]
    for spec in resource.create_options:
        name = "opt_" + spec.option.replace("-", "_")
        if spec.kind in REPEATED_KINDS:
            params.append(
                option_param(
                    name, typer.Option(None, f"--{spec.option}", help=spec.help), list[str] | None
                )
            )
        else:
            option = typer.Option(
                None, f"--{spec.option}", help=spec.help, click_type=offered(spec.choices)
            )
            params.append(option_param(name, option, str | None))
    if resource.attachments:
        from xerocli.cli.documents import attach_param

        params.append(attach_param())
    params += [
        *file_params("Records from a JSON, NDJSON or CSV file (- for stdin)."),
        option_param(
            "upsert",
            typer.Option(
                False,
                "--upsert",
                help="Update records that exist (by ID, or number) instead of failing: POST.",
            ),
            bool,
        ),
        option_param(
            "idempotency_key",
            typer.Option(
                None,
                "--idempotency-key",
                help="Run the same command again with the same key to create nothing twice.",
            ),
            str | None,
        ),
        option_param(
            "dry_run",
            typer.Option(
                False, "--dry-run", help="Validate and print what would be sent; send nothing."
            ),
            bool,
        ),
        *output_params(),
    ]

    def body(
        ctx: typer.Context,
        file,
        file_format,
        upsert,
        idempotency_key,
        dry_run,
        output,
        as_json,
        fields,
        **options,
    ) -> None:
        from xerocli import errors
        from xerocli.api import inputs
        from xerocli.api.client import new_idempotency_key
        from xerocli.api.write_models import model_for
        from xerocli.api.writes import write_records as send
        from xerocli.cli import documents
        from xerocli.cli.new_contacts import named_contact, warn_if_new
        from xerocli.cli.wording import count, write_summary

        app_ctx = ctx.obj
        io = app_ctx.io
        wanted = _fields(resource, fields)
        attach = options.pop("attach_files", None)
        values = {key.removeprefix("opt_").replace("_", "-"): v for key, v in options.items()}
        given = {key: v for key, v in values.items() if v not in (None, [], "")}
        if file and given:
            raise errors.UsageError(
                f"--file and --{sorted(given)[0]} cannot be combined: put the field in the file"
            )
        if file:
            records = inputs.read_file(
                file, file_format, resource.lines_field or inputs.LINES_FIELD
            )
        elif given:
            records = [inputs.record_from_options(resource.create_options, values)]
        else:
            raise errors.UsageError(
                f"nothing to create: give --file or options (see xero {resource.noun} create"
                " --help)"
            )
        files = documents.files_for_records(records, attach, file) if resource.attachments else []
        # With --upsert, a row holding the ID (or a partial row naming a record by number) is
        # a change: only the fields it holds are checked and sent, as Xero's POST treats them.
        bodies = [
            inputs.validate([record], model_for(resource, record.data, upsert=upsert))[0]
            for record in records
        ]
        if dry_run:
            fmt = chosen_format(output, as_json)
            if fmt in (None, "json"):
                io.write_json(bodies)  # exactly what would be sent
            else:
                io.write_records(bodies, _view(resource, app_ctx), fmt=fmt, fields=wanted)
            io.info(
                f"Dry run: {count(len(bodies), resource.singular, resource.noun.replace('-', ' '))}"
                " validated; nothing sent."
            )
            return
        key = idempotency_key or new_idempotency_key()
        contact_name = None if file else named_contact(resource, values)
        if contact_name:
            warn_if_new(app_ctx.client(), contact_name, io)
        results = list(
            send(
                app_ctx.client(),
                resource,
                bodies,
                [r.label for r in records],
                upsert=upsert,
                idempotency_key=key,
            )
        )
        failed = [result for result in results if not result.ok]
        if not file and failed:  # the one record of the options: Xero's reason, in one line
            raise errors.ValidationError(
                f"Xero rejected the {resource.singular}: {'; '.join(failed[0].messages)}"
                f" (nothing was created)"
            )
        for result in results:
            for message in result.messages:
                prefix = "" if result.ok else "rejected: "
                io.warn(f"{result.label}: {prefix}{message}")
        created = [result.record for result in results if result.ok and result.record]
        if created or not failed:  # stdout holds what was created; nothing, when nothing was
            io.write_records(
                created, _view(resource, app_ctx), fmt=chosen_format(output, as_json), fields=wanted
            )
        noun = resource.noun.replace("-", " ")
        summary = write_summary(
            written=len(created),
            replayed=sum(1 for r in results if r.ok and r.record and r.replayed),
            rejected=len(failed),
            singular=resource.singular,
            plural=noun,
            upsert=upsert,
            key=key,
            key_given=idempotency_key is not None,
        )
        io.info(summary)
        if any(files):
            documents.attach_to_created(
                app_ctx.client(), resource, results, files, key, io, upsert=upsert
            )
        if failed:
            raise errors.ValidationError(
                f"{len(failed)} of {count(len(results), resource.singular, noun)}"
                f" {'was' if len(failed) == 1 else 'were'} rejected by Xero (see above)"
            )

    return command_from(
        "create", params, body, f"Create {resource.noun.replace('-', ' ')} from options or a file."
    )


def group_for(resource: Resource) -> typer.Typer:
    """The typer group of one resource (`invoices`: list, get, create, update, void, email).

    Built alone, so a command line that runs `xero invoices ...` builds the signatures of the
    invoices group only, not those of every resource in the table."""
    from xerocli.cli import actions, documents

    group = typer.Typer(
        name=resource.noun,
        no_args_is_help=not resource.singleton,
        invoke_without_command=resource.singleton,
        help=f"Work with {resource.noun.replace('-', ' ')} in Xero. {resource.note}".rstrip()
        if not resource.singleton
        else f"Show the {resource.singular} (one record), and its verbs.",
    )
    if resource.singleton:
        group.callback()(build_show(resource))
    else:
        group.command("list")(build_list(resource))
    if resource.get_by:
        group.command("get")(build_get(resource))
    if resource.create_options:
        group.command("create")(build_create(resource))
    if resource.updatable:
        group.command("update")(actions.build_update(resource))
    documents.register(group, resource)
    actions.add_verbs(resource.noun, group)
    return group


def register(app: typer.Typer) -> None:
    """Every resource's group, in the table's order (the full tree: docs, completion index)."""
    for resource in RESOURCES:
        app.add_typer(group_for(resource), name=resource.noun)

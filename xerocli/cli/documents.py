"""Document verbs, generated from the resource table's flags (issue 15):

- `attachments=True`: `attachments KEY`, `attach KEY FILE... [--include-online]`,
  `download KEY [NAME] [-o PATH|DIR]`, and `create --attach FILE` (objects.py);
- `pdf=True`: `pdf KEY -o FILE`, or `pdf --all|filters -o DIR`, one file per document;
- `history=True`: `history KEY`, `note KEY TEXT`;
- `online_url=True`: `url KEY`.

Thin: files are checked and HTTP is spoken in `api/documents.py`, binary files are written in
`output/binary.py`.
"""

from __future__ import annotations

from typing import Any

import typer

from xerocli.api import guid
from xerocli.api.resources import Resource
from xerocli.cli.options import chosen_format
from xerocli.cli.signatures import command_from, ctx_param, key_param, option_param, output_params


def _label(res: Resource, record: dict, key: str) -> str:
    return str(record.get(res.number_field or "") or record.get("Name") or key)


def _record(client: Any, res: Resource, key: str, *, need_record: bool = False) -> dict:
    """The record KEY names (its ID, number, or a contact's name); an ID alone needs no lookup
    (one call saved), unless the caller needs the record's fields (a PDF's number)."""
    from xerocli.cli.actions import _find_for_update

    if guid.is_guid(key) and not need_record:
        return {res.id_field: key}
    return _find_for_update(client, res, key)


def _idempotency_param() -> Any:
    return option_param(
        "idempotency_key",
        typer.Option(None, "--idempotency-key", help="Key that makes a retry a no-op."),
        str | None,
    )


def _path_option(help_text: str) -> Any:
    return option_param(
        "output_path", typer.Option(None, "--output", "-o", help=help_text), str | None
    )


# --- attachments ---------------------------------------------------------------------------
def build_attachments(res: Resource):
    def body(ctx: typer.Context, key: str, output, as_json, fields) -> None:
        from xerocli.api import documents
        from xerocli.output.document_views import ATTACHMENTS

        client = ctx.obj.client()
        record = _record(client, res, key)
        found = documents.list_attachments(client, res, record[res.id_field])
        ctx.obj.io.write_records(
            found, ATTACHMENTS, fmt=chosen_format(output, as_json), fields=_fields(fields)
        )

    params = [ctx_param(), key_param(res.key_help(by_name=True)), *output_params()]
    summary = f"List the files attached to {res.a_singular}."
    return command_from("attachments", params, body, summary)


def _fields(fields: str | None) -> list[str] | None:
    from xerocli.cli.options import split_fields

    return split_fields(fields) or None


def build_attach(res: Resource):
    def body(
        ctx: typer.Context,
        key: str,
        files: list[str],
        include_online: bool,
        idempotency_key,
        output,
        as_json,
        fields,
    ) -> None:
        from xerocli.api import documents

        checked = documents.checked_files(files)  # before the login is read or a call sent
        client = ctx.obj.client()
        record = _record(client, res, key)
        stored = attach_files(
            client,
            res,
            record[res.id_field],
            checked,
            include_online=include_online,
            idempotency_key=idempotency_key,
            label=f"{res.singular} {key}",
        )
        from xerocli.cli.wording import count
        from xerocli.output.document_views import ATTACHMENTS

        ctx.obj.io.info(f"Attached {count(len(stored), 'file', 'files')} to {res.singular} {key}.")
        ctx.obj.io.write_records(
            stored, ATTACHMENTS, fmt=chosen_format(output, as_json), fields=_fields(fields)
        )

    params = [
        ctx_param(),
        key_param(res.key_help(by_name=True)),
        option_param(
            "files",
            typer.Argument(
                ..., help="Files to attach (at most 10, 10 MB each).", metavar="FILE..."
            ),
            list[str],
        ),
    ]
    if res.include_online:
        params.append(
            option_param(
                "include_online",
                typer.Option(
                    False,
                    "--include-online",
                    help="Show the files to the customer with the online document.",
                ),
                bool,
            )
        )
    params += [_idempotency_param(), *output_params()]
    summary = f"Attach files to {res.a_singular} (a file of the same name is replaced)."
    command = command_from("attach", params, _defaults(body, include_online=False), summary)
    return command


def _defaults(body, **defaults):
    """`body` with keyword defaults for parameters a resource's signature leaves out."""

    def call(**kwargs: Any) -> None:
        body(**{**defaults, **kwargs})

    return call


def attach_files(
    client: Any,
    res: Resource,
    record_id: str,
    files: list,
    *,
    include_online: bool,
    idempotency_key: str | None,
    label: str,
    new_record: bool = False,
) -> list[dict]:
    """Upload checked files to one record, after checking they fit beside its attachments.

    Each upload has its own Idempotency-Key (from `idempotency_key` when given, so running the
    same command again is a replay), and Xero replaces a file of the same name: however often
    a dropped connection makes it retry, the record ends up with each file once. A record this
    command just created (`new_record`) has no attachments yet: they are not listed first."""
    from xerocli.api import documents
    from xerocli.api.client import new_idempotency_key
    from xerocli.api.writes import batch_key

    existing = [] if new_record else documents.list_attachments(client, res, record_id)
    documents.check_room(existing, files, label)
    held = {str(item.get("FileName") or "").lower() for item in existing}
    base = idempotency_key or new_idempotency_key()
    return [
        documents.upload(
            client,
            res,
            record_id,
            file,
            include_online=include_online,
            idempotency_key=batch_key(base, number),
            replaces=file.name.lower() in held,  # Xero's update by file name (POST)
        )
        for number, file in enumerate(files, start=1)
    ]


def build_download(res: Resource):
    def body(ctx: typer.Context, key: str, name: str | None, output_path: str | None) -> None:
        from xerocli import errors
        from xerocli.api import documents
        from xerocli.output import binary

        if output_path == binary.STDOUT:
            if name is None:
                raise errors.UsageError("-o -: name the one attachment to send to stdout")
            binary.check_stdout("an attachment")
        folder = None if name else binary.directory_for(output_path)
        if folder is None:  # one file: a missing `DIR/` or FILE's directory fails before a call
            binary.check_target(output_path)
        client = ctx.obj.client()
        record = _record(client, res, key)
        record_id = record[res.id_field]
        found = documents.list_attachments(client, res, record_id)
        if name is not None:
            wanted = [
                a
                for a in found
                if str(a.get("FileName", "")).lower() == name.lower()
                or str(a.get("AttachmentID", "")).lower() == name.lower()
            ]
            if not wanted:
                names = ", ".join(str(a.get("FileName")) for a in found) or "none"
                raise errors.NotFoundError(
                    f"{res.singular} {key} has no attachment {name!r} (it has: {names})"
                )
            found = wanted[:1]
        if not found:
            ctx.obj.io.info(f"{res.singular.capitalize()} {key} has no attachments.")
            return
        written = []
        # A file named by its exact name is asked for by it (GET .../Attachments/{FileName}).
        by_name = name is not None and any(a.get("FileName") == name for a in found)
        for attachment in found:
            data = documents.download(client, res, record_id, attachment, by_name=by_name)
            file_name = binary.safe_file_name(
                str(attachment.get("FileName", "")), str(attachment.get("AttachmentID"))
            )
            if folder is None and output_path == binary.STDOUT:
                binary.write_stdout(data)
                continue
            target = folder / file_name if folder else binary.target_for(output_path, file_name)
            written.append(str(binary.write_atomically(target, data)))
        for path in written:
            ctx.obj.io.info(f"Wrote {path}")

    params = [
        ctx_param(),
        key_param(res.key_help(by_name=True)),
        option_param(
            "name",
            typer.Argument(
                None,
                help="The attachment's file name or ID (default: all of them).",
                metavar="[NAME]",
            ),
            str | None,
        ),
        _path_option("Where to write: a file, or a directory (- for stdout: one file only)."),
    ]
    return command_from(
        "download", params, body, f"Download {res.a_singular}'s attachments, byte for byte."
    )


# --- PDFs ----------------------------------------------------------------------------------
def build_pdf(res: Resource):
    from xerocli.cli.objects import filter_params, filter_values_by_option

    def body(
        ctx: typer.Context, key: str | None, output_path: str | None, fetch_all: bool, **filters
    ) -> None:
        from xerocli import errors
        from xerocli.api import documents
        from xerocli.api.query import build_list_query
        from xerocli.output import binary

        values = filter_values_by_option(filters)
        filtered = any(v not in (None, [], False) for v in values.values())
        if key is not None and (fetch_all or filtered):
            raise errors.UsageError("give a KEY, or --all/filters for many, not both")
        if key is None and not (fetch_all or filtered):
            raise errors.UsageError(
                f"give the {res.singular}'s {res.key_help(by_name=True)},"
                " or --all or filters with -o DIR"
            )
        if key is not None:
            if output_path == binary.STDOUT:
                binary.check_stdout("a PDF")
            binary.check_target(output_path)  # before the call, as `directory_for` below
            client = ctx.obj.client()
            record = _record(client, res, key, need_record=True)
            data = documents.document_pdf(client, res, record[res.id_field])
            name = _pdf_name(res, record)
            if output_path == binary.STDOUT:
                binary.write_stdout(data)
                return
            target = binary.target_for(output_path, name)
            ctx.obj.io.info(f"Wrote {binary.write_atomically(target, data)}")
            return
        folder = binary.directory_for(output_path)
        query = build_list_query(res, values)
        client = ctx.obj.client()
        taken: set[str] = set()
        written = 0
        for page in client.iter_pages(res, query.params, query.headers):
            for record in page:
                data = documents.document_pdf(client, res, record[res.id_field])
                name = _pdf_name(res, record)
                if name.lower() in taken:  # two documents with one number (bills may)
                    name = f"{name[:-4]}-{str(record[res.id_field])[:8]}.pdf"
                taken.add(name.lower())
                binary.write_atomically(folder / name, data)
                written += 1
        from xerocli.cli.wording import count

        ctx.obj.io.info(f"Wrote {count(written, 'PDF', 'PDFs')} to {folder}")

    params = [
        ctx_param(),
        option_param(
            "key",
            typer.Argument(
                None, help=res.key_help(by_name=True), show_default=False, metavar="[KEY]"
            ),
            str | None,
        ),
        _path_option("File for one PDF (- for stdout), or directory for many."),
        option_param(
            "fetch_all",
            typer.Option(False, "--all", help="Every one (or, with filters, every match)."),
            bool,
        ),
        *filter_params(res.filters),
    ]
    return command_from(
        "pdf", params, body, f"Save {res.noun.replace('-', ' ')} as PDF, one file per document."
    )


def _pdf_name(res: Resource, record: dict) -> str:
    number = str(record.get(res.number_field or "") or "")
    fallback = str(record[res.id_field])
    return binary_name(number, fallback) + ".pdf"


def binary_name(name: str, fallback: str) -> str:
    from xerocli.output.binary import safe_file_name

    return safe_file_name(name, fallback)


# --- history and notes ---------------------------------------------------------------------
def build_history(res: Resource):
    def body(ctx: typer.Context, key: str, output, as_json, fields) -> None:
        from xerocli.api import documents
        from xerocli.output.document_views import HISTORY

        client = ctx.obj.client()
        record = _record(client, res, key)
        found = documents.history(client, res, record[res.id_field])
        ctx.obj.io.write_records(
            found, HISTORY, fmt=chosen_format(output, as_json), fields=_fields(fields)
        )

    params = [ctx_param(), key_param(res.key_help(by_name=True)), *output_params()]
    return command_from(
        "history",
        params,
        body,
        f"{res.a_singular.capitalize()}'s history: each change, who and when.",
    )


def build_note(res: Resource):
    def body(ctx: typer.Context, key: str, text: str, idempotency_key) -> None:
        from xerocli.api import documents
        from xerocli.api.client import new_idempotency_key

        documents.check_note(text)  # before the login is read or a call sent
        client = ctx.obj.client()
        record = _record(client, res, key)
        documents.add_note(
            client,
            res,
            record[res.id_field],
            text,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        ctx.obj.io.info(f"Added a note to {res.singular} {key}.")

    params = [
        ctx_param(),
        key_param(res.key_help(by_name=True)),
        option_param("text", typer.Argument(..., help="The note (at most 2,500 characters)."), str),
        _idempotency_param(),
    ]
    return command_from("note", params, body, f"Add a note to {res.a_singular}'s history.")


# --- online invoices -----------------------------------------------------------------------
def build_url(res: Resource):
    def body(ctx: typer.Context, key: str) -> None:
        from xerocli.api import documents

        client = ctx.obj.client()
        record = _record(client, res, key)
        ctx.obj.io.write_lines([documents.online_url(client, res, record[res.id_field])])

    params = [ctx_param(), key_param(res.key_help(by_name=True))]
    summary = f"The online {res.singular} link for the customer (AUTHORISED or PAID)."
    return command_from("url", params, body, summary)


def register(group: typer.Typer, res: Resource) -> None:
    """The document verbs the table's flags give `res`."""
    if res.attachments:
        group.command("attachments")(build_attachments(res))
        group.command("attach")(build_attach(res))
        group.command("download")(build_download(res))
    if res.pdf:
        group.command("pdf")(build_pdf(res))
    if res.history:
        group.command("history")(build_history(res))
        group.command("note")(build_note(res))
    if res.online_url:
        group.command("url")(build_url(res))


# --- create --attach, and the batch file's Attachment column -------------------------------
#: The `--file` column (CSV) or field (JSON) naming a record's files: one path, several
#: separated by `;`, or (JSON) a list; relative paths are read from the batch file's directory.
ATTACHMENT_COLUMN = "Attachment"


def attach_param() -> Any:
    return option_param(
        "attach_files",
        typer.Option(
            None,
            "--attach",
            help="A file to attach to the new record (repeatable; with --file use its"
            f" {ATTACHMENT_COLUMN} column).",
        ),
        list[str] | None,
    )


def files_for_records(
    records: list, attach: list[str] | None, batch_file: str | None
) -> list[list]:
    """Each input record's files, checked, taken out of its data: from `--attach` (options),
    or the batch's Attachment column. Every file is checked before anything is sent."""
    from pathlib import Path

    from xerocli import errors
    from xerocli.api import documents

    if attach and batch_file:
        raise errors.UsageError(
            f"--file and --attach cannot be combined: name each record's file in the"
            f" file's {ATTACHMENT_COLUMN} column"
        )
    if attach:
        return [documents.checked_files(attach, "--attach")]
    base = Path(batch_file).expanduser().parent if batch_file and batch_file != "-" else Path()
    found = []
    for record in records:
        named = record.data.pop(ATTACHMENT_COLUMN, None)
        if named in (None, "", []):
            found.append([])
            continue
        if isinstance(named, str):
            paths = [part.strip() for part in named.split(";") if part.strip()]
        elif isinstance(named, list) and all(isinstance(p, str) for p in named):
            paths = named
        else:
            raise errors.UsageError(
                f"{record.label}: {ATTACHMENT_COLUMN} must be a file path or a list of them"
            )
        where = f"{record.label}: {ATTACHMENT_COLUMN}"
        found.append(documents.checked_files([str(base / p) for p in paths], where))
    return found


def attach_to_created(
    client: Any,
    res: Resource,
    results: list,
    files: list[list],
    key: str,
    io: Any,
    *,
    upsert: bool,
) -> None:
    """After a create: each created record's files, uploaded once. A failed upload is named
    and the others go on; running the same command with the same --idempotency-key again
    finishes the job (the records are replayed, a file of the same name is replaced)."""
    from xerocli import errors
    from xerocli.cli.wording import count

    failures: list[errors.XeroCliError] = []
    uploaded = 0
    for index, (result, wanted) in enumerate(zip(results, files, strict=False), start=1):
        if not wanted or not result.ok or not result.record:
            continue
        record = result.record
        label = f"{result.label} ({_label(res, record, record[res.id_field])})"
        try:
            uploaded += len(
                attach_files(
                    client,
                    res,
                    record[res.id_field],
                    wanted,
                    include_online=False,
                    idempotency_key=f"{key}-attach-{index}",
                    label=label,
                    # made by this run (not replayed from an earlier one, not an update)
                    new_record=not result.replayed and not upsert,
                )
            )
        except errors.XeroCliError as exc:
            io.warn(f"{label}: attachment not uploaded: {exc}")
            failures.append(exc)
    if uploaded:
        io.info(f"Attached {count(uploaded, 'file', 'files')}.")
    if failures:
        first = failures[0]
        raise type(first)(
            f"{len(failures)} record(s) are without their attachments (see above); run the"
            f" same command with --idempotency-key {key} to finish"
        )

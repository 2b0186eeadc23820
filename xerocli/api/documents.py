"""Xero's document endpoints beside a record: attachments, PDFs, history and notes, online links.

Every check Xero would make of a file (its type, its size, ten per document) is made here
first, so bad input fails with a usage error and nothing uploaded. Uploads carry an
Idempotency-Key, so a dropped connection is retried; Xero replaces an attachment of the same
name, so a retry never leaves two. Nothing here prints or writes files: the CLI does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from xerocli import errors
from xerocli.api import wire
from xerocli.api.client import XeroClient
from xerocli.api.resources import Resource

#: Xero's limits on attachments (xero-api.md, "Attachments").
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10
MAX_FILE_NAME_CHARS = 255
#: A note's longest text (Xero's history UI takes 2,500 characters; the spec gives none).
MAX_NOTE_CHARS = 2500
ATTACHMENTS_SCOPE = "accounting.attachments"
PDF_TYPE = "application/pdf"
#: The file types Xero takes as attachments, by extension, with the MIME type sent for each.
FILE_TYPES = {
    "7z": "application/x-7z-compressed",
    "bmp": "image/bmp",
    "csv": "text/csv",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "eml": "message/rfc822",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "keynote": "application/vnd.apple.keynote",
    "msg": "application/vnd.ms-outlook",
    "numbers": "application/vnd.apple.numbers",
    "odf": "application/vnd.oasis.opendocument.formula",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "pages": "application/vnd.apple.pages",
    "pdf": "application/pdf",
    "png": "image/png",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "rar": "application/vnd.rar",
    "rtf": "application/rtf",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "txt": "text/plain",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class LocalFile:
    """A file to attach, checked: its path, the name Xero gets, its MIME type and size."""

    path: Path
    name: str
    mime_type: str
    size: int

    def read(self) -> bytes:
        try:
            data = self.path.read_bytes()
        except OSError as exc:  # gone or locked since it was checked
            raise errors.UsageError(
                f"{self.path}: cannot read it ({exc.strerror}); not uploaded"
            ) from None
        if len(data) > MAX_ATTACHMENT_BYTES:  # grew since it was checked
            raise errors.UsageError(f"{self.path}: {_too_large(len(data))}; nothing uploaded")
        return data


def checked_file(path: str | Path, where: str = "") -> LocalFile:
    """`path` as an attachment, or a one-line usage error naming it (and `where`, a row)."""
    prefix = f"{where}: " if where else ""
    file = Path(path).expanduser()
    name = file.name
    try:
        info = file.stat()
    except FileNotFoundError:
        raise errors.UsageError(f"{prefix}{path}: no such file; nothing uploaded") from None
    except OSError as exc:
        raise errors.UsageError(
            f"{prefix}{path}: cannot read it ({exc.strerror}); nothing uploaded"
        ) from None
    if not file.is_file():
        raise errors.UsageError(f"{prefix}{path}: not a file; nothing uploaded")
    if not os.access(file, os.R_OK):
        raise errors.UsageError(f"{prefix}{path}: not readable; nothing uploaded")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_TYPES:
        shown = f".{extension}" if extension else "no extension"
        raise errors.UsageError(
            f"{prefix}{path}: Xero does not take this type of file ({shown}); it takes"
            f" {', '.join(sorted(FILE_TYPES))}; nothing uploaded"
        )
    if len(name) > MAX_FILE_NAME_CHARS:
        raise errors.UsageError(
            f"{prefix}{path}: the file name is longer than {MAX_FILE_NAME_CHARS} characters;"
            " nothing uploaded"
        )
    if info.st_size == 0:
        raise errors.UsageError(f"{prefix}{path}: the file is empty; nothing uploaded")
    if info.st_size > MAX_ATTACHMENT_BYTES:
        raise errors.UsageError(f"{prefix}{path}: {_too_large(info.st_size)}; nothing uploaded")
    return LocalFile(file, name, FILE_TYPES[extension], info.st_size)


def checked_files(paths: list[str], where: str = "") -> list[LocalFile]:
    """Every file checked, and no more than Xero takes on one document, before any is sent."""
    files = [checked_file(path, where) for path in paths]
    names = [file.name.lower() for file in files]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise errors.UsageError(
            f"{where + ': ' if where else ''}two files are named {twice[0]}: Xero keeps one"
            " attachment per name; nothing uploaded"
        )
    if len(files) > MAX_ATTACHMENTS:
        raise errors.UsageError(
            f"{where + ': ' if where else ''}{len(files)} files: Xero takes at most"
            f" {MAX_ATTACHMENTS} attachments per document; nothing uploaded"
        )
    return files


def check_room(existing: list[dict], files: list[LocalFile], label: str) -> None:
    """Whether `files` fit beside the attachments the record has (a same name replaces one)."""
    have = {str(item.get("FileName", "")).lower() for item in existing}
    new = [file for file in files if file.name.lower() not in have]
    if len(have) + len(new) > MAX_ATTACHMENTS:
        raise errors.UsageError(
            f"{label} has {len(have)} attachments and {len(new)} more would pass Xero's"
            f" {MAX_ATTACHMENTS} per document; nothing uploaded"
        )


def _too_large(size: int) -> str:
    return (
        f"{size / (1024 * 1024):.1f} MB is over Xero's limit of"
        f" {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB per attachment"
    )


def _attachments_path(resource: Resource, record_id: str, *name: str) -> str:
    return resource.record_path(record_id, "Attachments", *(quote(n, safe="") for n in name))


# --- attachments ---------------------------------------------------------------------------
def list_attachments(client: XeroClient, resource: Resource, record_id: str) -> list[dict]:
    answer = client.request(
        "GET", _attachments_path(resource, record_id), scope_hint=ATTACHMENTS_SCOPE
    )
    return wire.records_of(answer.payload, "Attachments")


def upload(
    client: XeroClient,
    resource: Resource,
    record_id: str,
    file: LocalFile,
    *,
    include_online: bool,
    idempotency_key: str,
    replaces: bool = False,
) -> dict:
    """One file to the record: PUT a new name, POST one the record has (Xero's update of an
    attachment by file name); Xero answers with the attachment as stored."""
    params = {"IncludeOnline": "true"} if include_online else None
    answer = client.request(
        "POST" if replaces else "PUT",
        _attachments_path(resource, record_id, file.name),
        params=params,
        content=file.read(),
        headers={"Content-Type": file.mime_type},
        idempotency_key=idempotency_key,
        scope_hint=ATTACHMENTS_SCOPE,
    )
    stored = wire.records_of(answer.payload, "Attachments")
    if not stored:
        raise errors.UnavailableError(f"Xero did not confirm the attachment {file.name}")
    return stored[0]


def download(
    client: XeroClient, resource: Resource, record_id: str, attachment: dict, by_name: bool = False
) -> bytes:
    """The attachment's bytes, exactly as stored: asked for by ID (names may repeat in case),
    or by its file name (Xero's other path) when the user named the one file so."""
    key = str(
        (attachment.get("FileName") if by_name else None)
        or attachment.get("AttachmentID")
        or attachment["FileName"]
    )
    mime = str(attachment.get("MimeType") or "application/octet-stream")
    answer = client.request(
        "GET",
        _attachments_path(resource, record_id, key),
        headers={"Accept": mime, "contentType": mime},
        scope_hint=ATTACHMENTS_SCOPE,
        parse=False,
    )
    expected = attachment.get("ContentLength")
    if isinstance(expected, int) and expected != len(answer.content):
        raise errors.UnavailableError(
            f"{attachment.get('FileName')}: Xero sent {len(answer.content)} bytes of"
            f" {expected}; nothing written"
        )
    return answer.content


# --- PDFs ----------------------------------------------------------------------------------
def document_pdf(client: XeroClient, resource: Resource, record_id: str) -> bytes:
    """The document as Xero renders it: the record's GET with `Accept: application/pdf`.

    Xero's OpenAPI spec also lists `GET /{Collection}/{ID}/pdf`, for exactly the collections
    that render a PDF this way (invoices, credit notes, purchase orders, quotes), each marked
    with `x-path` the record's own path: its SDKs send this same request. No collection has
    only the `/pdf` form, so it is neither sent nor served by the sandbox."""
    answer = client.request(
        "GET",
        resource.record_path(record_id),
        headers={"Accept": PDF_TYPE},
        scope_hint=resource.scopes[0],
        parse=False,
    )
    if not answer.content.startswith(b"%PDF-"):
        kind = answer.headers.get("Content-Type", "unknown")
        raise errors.UnavailableError(
            f"Xero answered the PDF of {resource.singular} {record_id} with {kind}, not a PDF"
        )
    return answer.content


# --- history and notes ---------------------------------------------------------------------
def history(client: XeroClient, resource: Resource, record_id: str) -> list[dict]:
    answer = client.request(
        "GET", resource.record_path(record_id, "History"), scope_hint=resource.scopes[0]
    )
    return wire.records_of(answer.payload, "HistoryRecords")


def check_note(text: str) -> str:
    """A note's text as Xero takes it, or a usage error (nothing sent)."""
    if not text.strip():
        raise errors.UsageError("TEXT: the note is empty; nothing sent")
    if len(text) > MAX_NOTE_CHARS:
        raise errors.UsageError(
            f"TEXT: the note has {len(text)} characters; Xero takes at most {MAX_NOTE_CHARS};"
            " nothing sent"
        )
    return text


def add_note(
    client: XeroClient, resource: Resource, record_id: str, text: str, *, idempotency_key: str
) -> dict:
    answer = client.request(
        "PUT",
        resource.record_path(record_id, "History"),
        json_body={"HistoryRecords": [{"Details": check_note(text)}]},
        idempotency_key=idempotency_key,
        scope_hint=resource.scopes[0],
    )
    records = wire.records_of(answer.payload, "HistoryRecords")
    return records[0] if records else {"Details": text}


# --- online invoices -----------------------------------------------------------------------
def online_url(client: XeroClient, resource: Resource, record_id: str) -> str:
    answer = client.request(
        "GET", resource.record_path(record_id, "OnlineInvoice"), scope_hint=resource.scopes[0]
    )
    links: list[Any] = wire.records_of(answer.payload, "OnlineInvoices")
    url = links[0].get("OnlineInvoiceUrl") if links else None
    if not url:
        raise errors.NotFoundError(f"Xero has no online link for {resource.singular} {record_id}")
    return str(url)

"""Attachments: files stored per (tenant, collection, record), bytes exact, with Xero's limits.

- `GET  /{Collection}/{ID}/Attachments`: the list (AttachmentID, FileName, Url, MimeType,
  ContentLength, IncludeOnline).
- `GET  /{Collection}/{ID}/Attachments/{AttachmentID or FileName}`: the file's bytes.
- `PUT|POST /{Collection}/{ID}/Attachments/{FileName}`: the raw bytes as the body, with the
  file's Content-Type; `IncludeOnline=true` shows a sales invoice's or credit note's file to
  the customer. A name already on the record is replaced (same AttachmentID), so a retried
  upload leaves one attachment, not two.

Limits (xero-api.md, "Attachments"): 10 files per document, 10 MB each, and Xero's list of
file types. Reads need `accounting.attachments.read` (or the write scope), uploads
`accounting.attachments`, beside the collection's own scope the pipeline checks.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote, unquote

from xerocli.sandbox import document_lookup as lookup
from xerocli.sandbox import history, resources
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.idempotency import IdempotencyCache
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PER_DOCUMENT = 10
MAX_NAME_CHARS = 255
#: The file types Xero takes (its help page on supported attachment types), by extension.
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
SCOPE = "accounting.attachments"

TABLE = """
CREATE TABLE IF NOT EXISTS attachments (
  tenant_id TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL,
  attachment_id TEXT NOT NULL, file_name TEXT NOT NULL COLLATE NOCASE, mime_type TEXT NOT NULL,
  include_online INTEGER NOT NULL, content BLOB NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, collection, record_id, file_name)
)
"""
#: An index for the next `seq`: without it each upload read every stored file (the blobs sit
#: before `seq` in each row), 60 ms an upload at 10,000 attachments, quadratic in a batch.
SEQ_INDEX = "CREATE INDEX IF NOT EXISTS attachments_seq ON attachments (seq)"
NEXT_SEQ = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM attachments)"
_COLUMNS = "attachment_id, file_name, mime_type, include_online, length(content)"


class Attachments:
    def __init__(self, store: Store, idempotency: IdempotencyCache) -> None:
        self.store = store
        #: Shared with the other writes: a retried upload (its answer was lost) is a replay,
        #: not a second upload with a second "Attached a file" in the record's history.
        self.idempotency = idempotency
        store.execute(TABLE)
        store.execute(SEQ_INDEX)

    def register(self, router: Router) -> None:
        base = f"{lookup.API}/{{collection}}/{{record_id}}/Attachments"
        router.add("GET", base, self.list)
        router.add("GET", base + "/{name}", self.download)
        router.add("PUT", base + "/{name}", self.upload)
        router.add("POST", base + "/{name}", self.upload)

    # --- reads -----------------------------------------------------------------------------
    def list(self, req: Request) -> Response:
        found = self._record(req, write=False)
        if isinstance(found, Response):
            return found
        kind, record_id = found
        rows = self.store.execute(
            f"SELECT {_COLUMNS} FROM attachments WHERE tenant_id=? AND collection=?"
            " AND record_id=? ORDER BY seq",
            (req.context["tenant_id"], kind, record_id),
        )
        bodies = [dumps(self._shown(req, kind, record_id, row)) for row in rows]
        return Response.json(200, envelope("Attachments", bodies, lookup.utcnow(), None))

    def download(self, req: Request) -> Response:
        found = self._record(req, write=False)
        if isinstance(found, Response):
            return found
        kind, record_id = found
        name = unquote(req.params["name"])
        rows = self.store.execute(
            "SELECT mime_type, content FROM attachments WHERE tenant_id=? AND collection=?"
            " AND record_id=? AND (attachment_id=? COLLATE NOCASE OR file_name=?)",
            (req.context["tenant_id"], kind, record_id, name, name),
        )
        if not rows:
            return lookup.not_found()
        mime_type, content = rows[0]
        return Response(200, bytes(content), {"Content-Type": mime_type})

    # --- upload ----------------------------------------------------------------------------
    def upload(self, req: Request) -> Response:
        req.context["changes"] = {}  # an attachment is no webhook event
        found = self._record(req, write=True)
        if isinstance(found, Response):
            return found
        kind, record_id = found
        name = unquote(req.params["name"]).strip()
        problem = _problem(name, req.body)
        if problem:
            status, message = problem
            if status == 413:
                return Response.text(413, message)
            return lookup.refused("Attachments", message)
        include_online = (req.arg("IncludeOnline") or "").lower() == "true"
        if include_online and not resources.get(kind).documents.include_online:
            return lookup.refused(
                "Attachments", f"IncludeOnline is only for invoices and credit notes, not {kind}"
            )
        mime_type = FILE_TYPES[name.rsplit(".", 1)[-1].lower()]
        tenant_id = req.context["tenant_id"]
        key = self.idempotency.key_of(req)
        with self.store.transaction():
            if key is not None:
                replayed = self.idempotency.lookup(req, key)
                if replayed is not None:
                    return replayed
            existing = self.store.execute(
                "SELECT attachment_id FROM attachments WHERE tenant_id=? AND collection=?"
                " AND record_id=? AND file_name=?",
                (tenant_id, kind, record_id, name),
            )
            if not existing:
                count = self.store.execute(
                    "SELECT COUNT(*) FROM attachments WHERE tenant_id=? AND collection=?"
                    " AND record_id=?",
                    (tenant_id, kind, record_id),
                )[0][0]
                if count >= MAX_PER_DOCUMENT:
                    return lookup.refused(
                        "Attachments",
                        f"A document can have at most {MAX_PER_DOCUMENT} attachments;"
                        f" {kind} {record_id} has {count}",
                    )
            attachment_id = existing[0][0] if existing else str(uuid.uuid4())
            self.store.execute(
                f"INSERT OR REPLACE INTO attachments VALUES (?, ?, ?, ?, ?, ?, ?, ?, {NEXT_SEQ})",
                (
                    tenant_id,
                    kind,
                    record_id,
                    attachment_id,
                    name,
                    mime_type,
                    int(include_online),
                    req.body,
                ),
            )
            self._mark(tenant_id, kind, record_id)
            if resources.get(kind).documents.history:
                history.add(
                    self.store,
                    tenant_id,
                    kind,
                    record_id,
                    "Attached a file",
                    f"Attached the file {name} through the Xero API",
                    history.user_of(req.context),
                    lookup.utcnow(),
                )
            row = (attachment_id, name, mime_type, int(include_online), len(req.body))
            body = dumps(self._shown(req, kind, record_id, row))
            response = Response.json(200, envelope("Attachments", [body], lookup.utcnow(), None))
            if key is not None:  # in the upload's transaction: two racing retries store once
                self.idempotency.remember(req, key, response)
        return response

    def _mark(self, tenant_id: str, kind: str, record_id: str) -> None:
        """`HasAttachments: true` on the record, as Xero shows it (its UpdatedDateUTC kept)."""
        record = lookup.find_record(self.store, tenant_id, kind, record_id)
        if record is not None and record.get("HasAttachments") is not True:
            record["HasAttachments"] = True
            self.store.update_row(row_for(tenant_id, kind, record))

    # --- helpers ---------------------------------------------------------------------------
    def _record(self, req: Request, write: bool) -> tuple[str, str] | Response:
        if not lookup.has_scope(req, SCOPE, write):
            return lookup.forbidden_scope(SCOPE if write else f"{SCOPE}.read")
        found = lookup.path_record(self.store, req, lambda documents: documents.attachments)
        if found is None:
            return lookup.not_found()
        kind, record = found
        return kind, lookup.record_id(kind, record)

    @staticmethod
    def _shown(req: Request, kind: str, record_id: str, row: tuple) -> dict:
        attachment_id, name, mime_type, include_online, length = row
        host = req.header("Host") or "api.xero.com"
        scheme = "https" if host == "api.xero.com" else "http"
        shown = {
            "AttachmentID": attachment_id,
            "FileName": name,
            "Url": f"{scheme}://{host}{lookup.API}/{kind}/{record_id}/Attachments/{quote(name)}",
            "MimeType": mime_type,
            "ContentLength": int(length),
        }
        if resources.get(kind).documents.include_online:
            shown["IncludeOnline"] = bool(include_online)
        return shown


def _problem(name: str, body: bytes) -> tuple[int, str] | None:
    """Why Xero would refuse this file, or None."""
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        return 400, f"{name!r} is not a file name"
    if len(name) > MAX_NAME_CHARS:
        return 400, f"A file name must be at most {MAX_NAME_CHARS} characters"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FILE_TYPES:
        return 400, f"The file type of {name} is not supported"
    if not body:
        return 400, f"The file {name} is empty"
    if len(body) > MAX_FILE_BYTES:
        return 413, f"The file {name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    return None

"""The export engine's destination for `xero export`: CSV or NDJSON files (or stdout).

`ExportFiles` takes raw records per organisation (`api/export.py`), flattens them into the
fixed columns (`output/flatten.py`), writes rows (`output/delimited.py`) into crash-safe files
(`output/exportfile.py`): one file for every organisation, or one each when `-o` has
`{tenant}`/`{tenant_id}`. Nothing is visible at the target until `commit()`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xerocli import errors
from xerocli.output.exportfile import AtomicFile, StdoutTarget

if TYPE_CHECKING:
    from xerocli.api.export import Tenant
    from xerocli.api.resources import Resource

#: What ends a `-o` that names a directory (`outdir/`).
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def per_tenant(output: str) -> bool:
    """`-o` names one file per organisation (`{tenant}` or `{tenant_id}` in it)."""
    return "{tenant" in output


def checked_output_path(output: str) -> Path:
    """`-o FILE` as a path, once it can be one file: its directory exists (like a shell's
    `> typo/dir/x.csv`, an export never creates directories: a typo would otherwise leave a
    tree behind), and it names no directory (`-o outdir`, `-o outdir/`, `-o ''`, which is `.`).
    Read from the text: `Path` drops a trailing `/`, and renaming the finished file over a
    directory would fail only after every page was fetched."""
    if not output:
        raise errors.UsageError("-o '': give a file name (or - for stdout)")
    path = Path(output).expanduser()
    if path.is_dir():
        raise errors.UsageError(f"-o {output}: is a directory; an export is one file: name it")
    if output.endswith(_SEPARATORS):
        raise errors.UsageError(f"-o {output}: names a directory; an export is one file: name it")
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise errors.UsageError(f"-o {output}: the directory {parent} {what}")
    return path


def check_output(output: str) -> None:
    """`-o` checks that need no organisation: run before any call is sent."""
    if per_tenant(output) and output == "-":
        raise errors.UsageError("-o: {tenant} needs a file name")
    if output != "-" and not per_tenant(output):
        checked_output_path(output)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "tenant"


def _target_for(output: str, tenant: Tenant | None) -> Any:
    if output == "-":
        return StdoutTarget()
    path = output
    if tenant is not None:
        path = path.replace("{tenant}", _slug(tenant.name)).replace("{tenant_id}", tenant.id)
    return AtomicFile(checked_output_path(path))


def _open(target: Any) -> Any:
    """The target's stream; a file that cannot be created there is named as bad input."""
    try:
        return target.open()
    except OSError as exc:
        name = getattr(target, "target", "-")
        raise errors.UsageError(f"-o {name}: cannot write it ({exc.strerror})") from None


class ExportFiles:
    """A `Destination` (api/export.py) of files in fixed columns."""

    def __init__(
        self,
        output: str,
        fmt: str,
        resource: Resource,
        columns: list[str],
        *,
        lines: bool = False,
        excel: bool = False,
        tenant_columns: bool = False,
    ) -> None:
        from xerocli.output.delimited import SINKS

        self.output = output
        if fmt == "xlsx":
            from xerocli.output.xlsx import XlsxSink

            self.sink_class = XlsxSink
        else:
            self.sink_class = SINKS[fmt]
        self.resource = resource
        self.columns = columns
        self.lines = lines
        self.excel = excel
        #: TenantId/TenantName filled in per organisation (`--all-tenants`).
        self.tenant_columns = tenant_columns
        self._targets: list[Any] = []
        #: Each organisation's open stream: one shared by all unless `-o` has `{tenant}`.
        self._streams: dict[str, Any] = {}
        #: The sink of each stream (by its `id`), made by `_sink` with the stream's first page.
        self._sinks: dict[int, Any] = {}
        self._flatteners: dict[str, Any] = {}
        #: The engine's fields decoder (`decoded_by`), once `read_fields` asked for one.
        self._decoder: Any = None

    def open(self, tenants: Sequence[Tenant]) -> None:
        from xerocli.output.flatten import Flattener

        shared = None
        for tenant in tenants:
            flattener = Flattener(
                self.columns,
                self.resource.lines_field if self.lines else None,
                self.resource.line_prefix,
            )
            if self.tenant_columns:
                flattener.set_constants({"TenantId": tenant.id, "TenantName": tenant.name})
            self._flatteners[tenant.id] = flattener
            if per_tenant(self.output):
                self._streams[tenant.id] = self._new_stream(tenant)
            else:
                shared = shared or self._new_stream(None)
                self._streams[tenant.id] = shared

    def _new_stream(self, tenant: Tenant | None) -> Any:
        """The target's stream, opened now: a file that cannot be made fails before any page."""
        target = _target_for(self.output, tenant)
        self._targets.append(target)
        return _open(target)

    def _sink(self, tenant_id: str) -> Any:
        """The organisation's sink, made (its CSV header written) with the first page that
        arrived, or at `commit` for a stream no page reached; not at `open`: when the first
        page fails, stdout must stay empty, not hold a header that reads as a valid, empty
        export to the pipeline (a file is discarded anyway)."""
        stream = self._streams[tenant_id]
        sink = self._sinks.get(id(stream))
        if sink is None:
            sink = self.sink_class(stream, self.columns, excel=self.excel)
            self._sinks[id(stream)] = sink
        return sink

    def read_fields(self) -> dict[str, Any] | None:
        """The fields the columns read, where pages decoded to them only can be written
        (`wire.FieldsDecoder`, issue 18): plain CSV (not `--excel`, whose cells are made from
        the values' types), a record's header written once for its lines; else None."""
        from xerocli.output.delimited import CsvSink

        if self.sink_class is not CsvSink or self.excel or not self._flatteners:
            return None
        flattener = next(iter(self._flatteners.values()))  # the same columns for each
        if min(flattener.widths()) < 2:  # `write_groups` writes such a record at once
            return None
        return flattener.read_fields()

    def decoded_by(self, decoder: Any) -> None:
        """The decoder of the pages to come (its `FieldsPage`s, its dates; `read_fields`)."""
        self._decoder = decoder

    def write(self, tenant: Tenant, records: list[dict]) -> int:
        if self._decoder is not None and hasattr(records, "text"):
            from xerocli.output.delimited import NotFlat

            try:
                return self._write_fields_page(tenant, records)
            except NotFlat:  # nothing of the page written: all of it from its full decode
                self._decoder.enabled = False  # and the pages after it too
                records = self._decoder.full_records(records.text)  # type: ignore[attr-defined]
        sink = self._sink(tenant.id)
        before = sink.rows
        flattener = self._flatteners[tenant.id]
        groups = None
        if hasattr(sink, "write_groups"):  # CSV: a record's header text made once
            groups = flattener.record_groups(records, sink.cells)
        if groups is not None:
            sink.write_groups(groups)
        else:
            sink.write_cells(flattener.text_rows(records, sink.cells))
        return sink.rows - before

    def _write_fields_page(self, tenant: Tenant, records: list[dict]) -> int:
        """A `FieldsPage`: its values are cells' text already but for dates (see `read_fields`)."""
        sink = self._sink(tenant.id)
        before = sink.rows
        flattener = self._flatteners[tenant.id]
        groups = flattener.fields_groups(records, sink.fields_cells, self._decoder)
        sink.write_groups(groups, flattener.redater(self._decoder), sink.fields_cells)
        return sink.rows - before

    def commit(self) -> list[str]:
        for tenant_id in self._streams:  # a header for a stream no page reached, too
            self._sink(tenant_id)
        for sink in self._sinks.values():
            if hasattr(sink, "finish"):
                sink.finish()  # a workbook is written whole, at the end
        paths = []
        for target in self._targets:
            target.commit()
            path = getattr(target, "target", None)
            if path is not None:
                paths.append(str(path))
        return paths

    def discard(self) -> None:
        for target in self._targets:
            target.discard()

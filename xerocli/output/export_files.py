"""The export engine's destination for `xero export`: CSV or NDJSON files (or stdout).

`ExportFiles` takes raw records per organisation (`api/export.py`), flattens them into the
fixed columns (`output/flatten.py`), writes rows (`output/delimited.py`) into crash-safe files
(`output/exportfile.py`): one file for every organisation, or one each when `-o` has
`{tenant}`/`{tenant_id}`. Nothing is visible at the target until `commit()`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xerocli import errors
from xerocli.output.exportfile import AtomicFile, StdoutTarget

if TYPE_CHECKING:
    from xerocli.api.export import Tenant
    from xerocli.api.resources import Resource


def per_tenant(output: str) -> bool:
    """`-o` names one file per organisation (`{tenant}` or `{tenant_id}` in it)."""
    return "{tenant" in output


def checked_output_path(path: Path) -> Path:
    """`path`, once its directory is known to exist: like a shell's `> typo/dir/x.csv`, an
    export never creates directories (a typo would otherwise leave a tree behind)."""
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise errors.UsageError(f"-o {path}: the directory {parent} {what}")
    return path


def check_output(output: str) -> None:
    """`-o` checks that need no organisation: run before any call is sent."""
    if per_tenant(output) and output == "-":
        raise errors.UsageError("-o: {tenant} needs a file name")
    if output != "-" and not per_tenant(output):
        checked_output_path(Path(output).expanduser())


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "tenant"


def _target_for(output: str, tenant: Tenant | None) -> Any:
    if output == "-":
        return StdoutTarget()
    path = output
    if tenant is not None:
        path = path.replace("{tenant}", _slug(tenant.name)).replace("{tenant_id}", tenant.id)
    return AtomicFile(checked_output_path(Path(path).expanduser()))


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
        self._sinks: dict[str, Any] = {}
        self._flatteners: dict[str, Any] = {}

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
                self._sinks[tenant.id] = self._new_sink(tenant)
            else:
                shared = shared or self._new_sink(None)
                self._sinks[tenant.id] = shared

    def _new_sink(self, tenant: Tenant | None) -> Any:
        target = _target_for(self.output, tenant)
        self._targets.append(target)
        return self.sink_class(_open(target), self.columns, excel=self.excel)

    def write(self, tenant: Tenant, records: list[dict]) -> int:
        sink = self._sinks[tenant.id]
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

    def commit(self) -> list[str]:
        for sink in {id(s): s for s in self._sinks.values()}.values():
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

"""Export files: flat rows as CSV (RFC 4180) or NDJSON, written crash-safe.

- Cells: Decimals exactly as Xero sent them (`12.3400` stays `12.3400`, never a float), dates
  ISO 8601, booleans `true`/`false`, missing values empty (CSV) or `null` (NDJSON).
- `excel=True`: a UTF-8 BOM so Excel reads accents right, and timestamps as
  `2026-02-06 12:17:43` (Excel's own format; it does not parse `T...Z`).
- `AtomicFile`: the data goes to a hidden temp file beside the target
  (`.NAME.PID.xero-partial`), renamed over the target only when complete. On an error, Ctrl-C
  or SIGTERM the temp file is removed and the old target is untouched; after a SIGKILL the temp
  file stays, and the next export to the same target removes it (its process is gone).
  The new file keeps the old file's permissions (a 0600 export stays 0600, and its temp file is
  never more open than that while it is written); a new file gets the umask's.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from xerocli.output.jsonfmt import dumps_compact

PARTIAL_SUFFIX = ".xero-partial"
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def cell(value: Any) -> str:
    """Text of one CSV cell."""
    kind = type(value)
    if kind is str:
        return value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is Decimal:
        return format(value, "f")
    if kind in (dict, list):
        return dumps_compact(value)
    return str(value)


def excel_cell(value: Any) -> str:
    text = cell(value)
    if type(value) is str and "T" in text:
        match = _TIMESTAMP.match(text)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return text


class CsvSink:
    """One header row, then rows; RFC 4180 (CRLF line ends, quotes only where needed)."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.to_text = excel_cell if excel else cell
        if excel:
            out.write("\ufeff")
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, rows: Iterable[list[Any]]) -> None:
        to_text, writerow = self.to_text, self.writer.writerow
        count = 0
        for row in rows:
            writerow([to_text(value) for value in row])
            count += 1
        self.rows += count


class NdjsonSink:
    """One JSON object per row, keys in column order, numbers exact."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.columns = columns
        self.rows = 0

    def write(self, rows: Iterable[list[Any]]) -> None:
        columns, write = self.columns, self.out.write
        count = 0
        for row in rows:
            write(dumps_compact(dict(zip(columns, row, strict=True))))
            write("\n")
            count += 1
        self.rows += count


def partial_path(target: Path, pid: int | None = None) -> Path:
    return target.with_name(f".{target.name}.{pid or os.getpid()}{PARTIAL_SUFFIX}")


def clean_stale_partials(target: Path) -> list[Path]:
    """Remove temp files a killed export left beside `target` (their process is gone)."""
    removed = []
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+){re.escape(PARTIAL_SUFFIX)}$")
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a pid reused by us: the file is from an earlier, dead process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _create_like(temp: Path, target: Path) -> int:
    """Create `temp` for writing with the permissions `target` has now, or the umask's if it
    does not exist yet: renaming a temp file over a 0600 export must not leave it 0644."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # ours from an earlier run of this pid: O_EXCL below wants it gone
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    # Created no more open than the old file (the umask may narrow it), then set exactly.
    fd = os.open(temp, flags, 0o666 if mode is None else mode & 0o777)
    if mode is not None and hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, mode)
        except OSError:
            os.close(fd)
            raise
    return fd


class AtomicFile:
    """A text file that appears at `target` complete or not at all."""

    def __init__(self, target: Path, *, encoding: str = "utf-8") -> None:
        self.target = target
        self.temp = partial_path(target)
        self.encoding = encoding
        self.stream: TextIO | None = None

    def open(self) -> TextIO:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_partials(self.target)
        fd = _create_like(self.temp, self.target)
        # newline="" so the csv module's CRLF is written as is (RFC 4180).
        self.stream = open(fd, "w", encoding=self.encoding, newline="")  # noqa: SIM115
        return self.stream

    def commit(self) -> None:
        assert self.stream is not None
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temp, self.target)
        self.stream = None

    def discard(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
            self.stream = None
        with contextlib.suppress(OSError):
            self.temp.unlink()


class StdoutTarget:
    """`-o -`: rows go straight to stdout; nothing to rename."""

    def __init__(self) -> None:
        self.stream: TextIO | None = None

    def open(self) -> TextIO:
        self.stream = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
        return self.stream

    def commit(self) -> None:
        if self.stream is not None:
            self.stream.flush()

    def discard(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError, ValueError):
                self.stream.flush()

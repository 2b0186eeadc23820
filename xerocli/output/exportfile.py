"""Export files, written crash-safe (the rows themselves: `output/delimited.py`).

- `AtomicFile`: the data goes to a hidden temp file beside the target
  (`.NAME.PID.xero-partial`), renamed over the target only when complete. On an error, Ctrl-C
  or SIGTERM the temp file is removed and the old target is untouched; after a SIGKILL the temp
  file stays, and the next export to the same target removes it (its process is gone).
  The new file keeps the old file's permissions (a 0600 export stays 0600, and its temp file is
  never more open than that while it is written); a new file gets the umask's.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import TextIO

PARTIAL_SUFFIX = ".xero-partial"


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


def is_special(path: Path) -> bool:
    """A FIFO, a device or a socket (`-o /dev/stdout`, `-o fifo`): written through, as a
    shell's `>` writes it; renaming a file over one would replace it and lose the data."""
    try:
        mode = os.stat(path).st_mode  # through a symlink, to what it names
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class AtomicFile:
    """A text file that appears at `target` complete or not at all.

    A symlink's file is the one replaced (the link stays a link); a FIFO or a device is
    written through, with nothing to rename."""

    def __init__(self, target: Path, *, encoding: str = "utf-8") -> None:
        self.target = target
        self.through = is_special(target)
        #: The file renamed over: the symlink's target, not the link itself.
        self.real = target if self.through else Path(os.path.realpath(target))
        self.temp = partial_path(self.real)
        self.encoding = encoding
        self.stream: TextIO | None = None

    def open(self) -> TextIO:
        # newline="" so the csv module's CRLF is written as is (RFC 4180).
        if self.through:
            self.stream = open(self.target, "w", encoding=self.encoding, newline="")  # noqa: SIM115
            return self.stream
        self.real.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_partials(self.real)
        fd = _create_like(self.temp, self.real)
        self.stream = open(fd, "w", encoding=self.encoding, newline="")  # noqa: SIM115
        return self.stream

    def commit(self) -> None:
        assert self.stream is not None
        self.stream.flush()
        if self.through:
            self.stream.close()
            self.stream = None
            return
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.temp, self.real)
        self.stream = None

    def discard(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
            self.stream = None
        if not self.through:
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

"""Binary files the CLI fetches (PDFs, attachments): written whole or not at all, never to a
terminal.

A file appears at its target complete: the bytes go to a hidden temp file beside it, which is
renamed over the target (as exports are, `exportfile.AtomicFile`), so an interrupted download
leaves the old file, or none. `-o -` sends the bytes to stdout, but only when stdout is not a
terminal: PDF bytes would garble it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

from xerocli import errors
from xerocli.output.exportfile import (
    _create_like,
    clean_stale_partials,
    is_special,
    partial_path,
)
from xerocli.output.streams import is_terminal

STDOUT = "-"
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")
#: What ends a `-o` that names a directory (`pdfs/`).
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def safe_file_name(name: str, fallback: str) -> str:
    """A name from Xero (a number, an attachment's name) as one file name in a directory: path
    separators and what a shell or Windows trips on become `_` (`2026/041` -> `2026_041`, not
    a folder), and no leading dots (`..` is no name)."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or fallback


def write_atomically(target: Path, data: bytes) -> Path:
    """`data` at `target`, complete or not at all; returns the target."""
    _check_parent(target)
    if target.is_dir():
        raise errors.UsageError(f"-o {target}: is a directory; nothing written")
    if is_special(target):  # a FIFO or a device: written through, never renamed over
        with open(target, "wb") as stream:
            stream.write(data)
        return target
    real = Path(os.path.realpath(target))  # a symlink's file is replaced, the link kept
    clean_stale_partials(real)
    temp = partial_path(real)
    fd = _create_like(temp, real)
    try:
        with open(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target


def _check_parent(target: Path) -> None:
    """A file's directory exists: like an export's, never made (a typo would leave a tree)."""
    parent = target.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise errors.UsageError(f"-o {target}: the directory {parent} {what}; nothing written")


def check_stdout(what: str) -> None:
    """`-o -` is for a pipe or a file: binary bytes on a terminal are refused, nothing sent."""
    if is_terminal(sys.stdout):
        raise errors.UsageError(
            f"-o -: stdout is a terminal and {what} is binary; pipe it or give -o FILE"
        )


def write_stdout(data: bytes) -> None:
    check_stdout("the file")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _existing_directory(output: str, lead: str = "the directory ") -> Path:
    """`-o DIR` as a directory: one that exists, or `DIR/` (said to be one by its slash) made
    when its parent exists. A bare name that does not exist is never made into a directory:
    `-o one.pdf` for several files used to become one."""
    path = Path(output).expanduser()
    if not path.exists() and output.endswith(_SEPARATORS) and path.parent.is_dir():
        path.mkdir()
    if not path.is_dir():
        what = "is not a directory" if path.exists() else "does not exist"
        hint = (
            "" if path.exists() or output.endswith(_SEPARATORS) else " (end it with / to make it)"
        )
        raise errors.UsageError(f"-o {output}: {lead}{path} {what}{hint}; nothing written")
    return path


def target_for(output: str | None, default_name: str) -> Path | None:
    """Where one file goes: `-o FILE`, into `-o DIR` (a trailing `/` says it is one, made if
    missing, where `Path` alone drops the `/` and writes a file named DIR), or the current
    directory by its own name; None for `-o -` (stdout)."""
    if output == STDOUT:
        return None
    if output is None:
        return Path.cwd() / default_name
    if output.endswith(_SEPARATORS):
        return _existing_directory(output) / default_name
    path = Path(output).expanduser()
    return path / default_name if path.is_dir() else path


def check_target(output: str | None) -> None:
    """`target_for`'s checks that need no file name, before any call (as an export checks its
    `-o`): a `DIR/` exists, and so does a FILE's directory."""
    if output in (None, STDOUT):
        return
    path = Path(output).expanduser()
    if output.endswith(_SEPARATORS):
        _check_parent(path)  # made once a file is there to go into it
    elif not path.is_dir():
        _check_parent(path)


def directory_for(output: str | None) -> Path:
    """Where several files go: `-o DIR` that exists, `-o DIR/` (made if missing), or the
    current directory. `-o one.pdf` for several files used to become a directory."""
    if output == STDOUT:
        raise errors.UsageError("-o -: several files cannot go to stdout; give -o DIR")
    if not output:
        return Path.cwd()
    return _existing_directory(output, "several files go into a directory, and ")

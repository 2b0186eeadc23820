"""Binary files (PDFs, attachments): whole or not at all, never onto a terminal, never outside
the directory asked for."""

from __future__ import annotations

import io
import os
import sys

import pytest

from xerocli import errors
from xerocli.output import binary


def test_a_file_appears_whole_or_the_old_one_stays(tmp_path, monkeypatch) -> None:
    target = tmp_path / "INV-0041.pdf"
    binary.write_atomically(target, b"%PDF-old")
    assert target.read_bytes() == b"%PDF-old"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        binary.write_atomically(target, b"%PDF-new but cut short")
    assert target.read_bytes() == b"%PDF-old"
    assert [p.name for p in tmp_path.iterdir()] == ["INV-0041.pdf"]  # no temp file left
    with pytest.raises(errors.UsageError, match="does not exist"):
        binary.write_atomically(tmp_path / "no-such-dir" / "x.pdf", b"x")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_binary_bytes_never_go_to_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    with pytest.raises(errors.UsageError, match="stdout is a terminal"):
        binary.write_stdout(b"%PDF-1.4")
    assert sys.stdout.getvalue() == ""
    with pytest.raises(errors.UsageError, match="several files cannot go to stdout"):
        binary.directory_for("-")


def test_names_from_xero_stay_in_the_directory() -> None:
    assert binary.safe_file_name("../../etc/passwd", "id") == "_.._etc_passwd"
    assert binary.safe_file_name("a\\b\\receipt 1.pdf", "id") == "a_b_receipt 1.pdf"
    assert binary.safe_file_name("..", "fallback-id") == "fallback-id"
    assert binary.safe_file_name("2026/041", "id") == "2026_041"

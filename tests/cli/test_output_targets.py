"""Where `-o` puts an export or a binary file, against the session sandbox: a directory given to
an export (one file), a trailing `/` (a directory, which must exist), several files to a name
that is not a directory, and a failed export to stdout leaving stdout empty.

Each bad `-o` is one line on stderr, exit 2, before anything is written; an export's before any
call is sent (as for a missing directory).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero


@pytest.fixture(autouse=True)
def fresh_budget(sandbox) -> None:
    """Each test starts with the sandbox's rate-limit windows empty (they are per minute)."""
    sandbox.reset_stats()


def entries(folder: Path) -> list[str]:
    """What is in `folder`, hidden temp files too (an export's `.NAME.PID.xero-partial`)."""
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    ("export", "extra"),
    [
        (("csv", "invoices"), ()),
        (("ndjson", "contacts"), ()),
        (("xlsx", "accounts"), ()),
        (("csv", "invoices"), ("--all-tenants",)),
    ],
)
def test_an_export_to_a_directory_is_a_usage_error_before_any_call(
    sandbox, sandbox_env, tmp_path, export, extra
) -> None:
    """`-o outdir` used to fetch every page, then fail renaming the file over the directory
    (exit 1, IsADirectoryError); `-o ''` with a ValueError; `-o newdir/` wrote a file `newdir`."""
    work = tmp_path / "work"
    (work / "outdir").mkdir(parents=True)
    for output, message in (
        ("outdir", "-o outdir: is a directory"),
        ("outdir/", "-o outdir/: is a directory"),
        ("newdir/", "-o newdir/: names a directory"),
        ("", "-o '': give a file name"),
    ):
        sandbox.reset_stats()
        result = run_xero(
            "--sandbox", "export", *export, *extra, "-o", output, env=sandbox_env, cwd=work
        )
        assert result.code == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert "unexpected error" not in result.stderr
        assert result.stdout == ""
        assert sandbox.stats()["api_calls"] == 0
        assert entries(work) == ["outdir"] and entries(work / "outdir") == []


@pytest.fixture
def bill(sandbox_env, tmp_path: Path) -> str:
    """A new bill with two attachments (receipt.pdf, scan.txt); its ID."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "receipt.pdf").write_bytes(b"%PDF-1.4\n")
    (files / "scan.txt").write_text("scan\n", encoding="utf-8")
    created = run_xero(
        "--sandbox", "invoices", "create", "--contact", f"Paths {uuid.uuid4().hex[:8]}",
        "--line", "Taxi,1,42,400", "--type", "ACCPAY",
        "--attach", str(files / "receipt.pdf"), "--attach", str(files / "scan.txt"),
        "-o", "json", env=sandbox_env,
    ).ok()  # fmt: skip
    return created.json()[0]["InvoiceID"]


def test_a_trailing_slash_names_a_directory(sandbox, sandbox_env, tmp_path, bill) -> None:
    """`pdf KEY -o pdfdir/` and `download KEY NAME -o newdir/` used to write a FILE named
    pdfdir/newdir; a trailing `/` now says "a directory": made when missing (its parent must
    exist), the file going in by its own name. A missing parent is named before any call."""
    work = tmp_path / "work"
    work.mkdir()
    for args, output, missing in (
        (("download", bill, "receipt.pdf"), "nodir/receipt.pdf", "nodir"),
        (("pdf", bill), "deep/er/", "deep"),
    ):
        sandbox.reset_stats()
        result = run_xero("--sandbox", "invoices", *args, "-o", output, env=sandbox_env, cwd=work)
        assert result.code == 2, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"the directory {missing} does not exist; nothing written" in result.stderr
        assert entries(work) == []
        assert sandbox.stats()["api_calls"] == 0
    wrote = run_xero(
        "--sandbox", "invoices", "pdf", bill, "-o", "pdfdir/", env=sandbox_env, cwd=work
    )
    assert wrote.ok().stderr.startswith("Wrote pdfdir/")
    assert [p.read_bytes()[:5] for p in (work / "pdfdir").iterdir()] == [b"%PDF-"]
    run_xero(
        "--sandbox", "invoices", "download", bill, "receipt.pdf", "-o", "newdir/",
        env=sandbox_env, cwd=work,
    ).ok()  # fmt: skip
    assert (work / "newdir" / "receipt.pdf").read_bytes() == b"%PDF-1.4\n"


def test_several_files_go_only_into_a_directory(sandbox, sandbox_env, tmp_path, bill) -> None:
    """`download KEY -o one.pdf` with two attachments used to make a directory one.pdf/ (and
    `pdf --all -o NAME` any directory): several files go into a directory that exists, or
    one named with a trailing `/`; any other name is refused in one line, exit 2, nothing
    written and nothing sent."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "file.pdf").write_bytes(b"old")
    for args, output, what in (
        (("download", bill), "one.pdf", "one.pdf does not exist (end it with / to make it)"),
        (("download", bill), "file.pdf", "file.pdf is not a directory"),
        (("pdf", "--status", "DRAFT", "--type", "ACCPAY"), "pdfs", "pdfs does not exist"),
    ):
        sandbox.reset_stats()
        result = run_xero("--sandbox", "invoices", *args, "-o", output, env=sandbox_env, cwd=work)
        assert result.code == 2, result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"several files go into a directory, and {what}" in result.stderr, result.stderr
        assert entries(work) == ["file.pdf"] and (work / "file.pdf").read_bytes() == b"old"
        assert sandbox.stats()["api_calls"] == 0
    run_xero(
        "--sandbox", "invoices", "download", bill, "-o", "receipts/", env=sandbox_env, cwd=work
    ).ok()
    assert entries(work / "receipts") == ["receipt.pdf", "scan.txt"]


def test_a_failed_export_to_stdout_writes_nothing_there(sandbox_env) -> None:
    """The CSV header used to be written before the first page came: a failed run (exit 6)
    printed a header, a "valid" empty CSV for the pipeline. An empty first page still gets it."""
    failed = run_xero(
        "--sandbox", "export", "csv", "invoices", "--where", "Nope==1", env=sandbox_env
    )
    assert failed.code == 6, failed.stderr
    assert failed.stdout == ""
    assert "Nope" in failed.stderr
    empty = run_xero(
        "--sandbox", "export", "csv", "invoices", "--where", "Total==-1", env=sandbox_env
    ).ok()
    assert empty.stdout.startswith("InvoiceID,InvoiceNumber,") and empty.stdout.count("\n") == 1


def test_an_export_writes_through_a_fifo_and_replaces_a_symlinks_file(
    sandbox_env, tmp_path
) -> None:
    """`-o fifo` (a reader at its other end) and `-o link.csv` (a symlink): the export used to
    rename its finished file over them, so the reader got nothing, the FIFO became a file, and
    the link a file of its own, with exit 0."""
    import os
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    read: dict[str, bytes] = {}
    # A daemon: when the export never opens the FIFO, the test fails instead of hanging.
    reader = threading.Thread(target=lambda: read.update(data=fifo.read_bytes()), daemon=True)
    reader.start()
    run_xero("--sandbox", "export", "csv", "contacts", "-o", str(fifo), env=sandbox_env).ok()
    reader.join(30)
    assert "data" in read, "nothing was written into the FIFO"
    assert read["data"].startswith(b"ContactID,") and read["data"].count(b"\r\n") > 2
    assert fifo.is_fifo()
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("old\n")
    link.symlink_to(real.name)
    run_xero("--sandbox", "export", "csv", "contacts", "-o", str(link), env=sandbox_env).ok()
    assert link.is_symlink() and real.read_text().startswith("ContactID,")


def _limited(limit: int):
    """A child whose files may grow to `limit` bytes (`ulimit -f`), a write past it failing
    with EFBIG as on a full disk: no device file at risk, no root needed."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_disk_that_refuses_the_write_is_one_line_exit_2(sandbox_env, tmp_path) -> None:
    """A write the disk refuses (full, over quota) was `unexpected error: OSError`, exit 1,
    read as a bug of xero's; the same for a list on stdout that the shell sent to a file."""
    import subprocess
    import sys

    def xero(*args: str, **options):
        return subprocess.run(
            [sys.executable, "-m", "xerocli", "--sandbox", *args], env=sandbox_env,
            stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=_limited(200_000),
            **options,
        )  # fmt: skip

    out = tmp_path / "invoices.csv"
    export = xero("export", "csv", "invoices", "--lines", "-o", str(out), stdout=subprocess.PIPE)
    assert export.returncode == 2 and export.stderr == (
        f"xero: -o {out}: cannot write it (File too large): the export was not written and its"
        " mark did not move\n"
    )
    assert not out.exists() and not list(tmp_path.glob(".invoices.csv.*"))
    with open(tmp_path / "listed.csv", "w") as listed_file:
        listed = xero("invoices", "list", "--all", "-o", "csv", stdout=listed_file)
    assert listed.returncode == 2
    assert listed.stderr == "xero: cannot write the output (File too large)\n"


def test_a_pdf_goes_through_a_fifo(sandbox_env, tmp_path, bill) -> None:
    """`invoices pdf KEY -o fifo`: written into the FIFO, which stays one (the finished file
    was renamed over it, and over a device node as root)."""
    import os
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    read: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: read.update(data=fifo.read_bytes()), daemon=True)
    reader.start()
    run_xero("--sandbox", "invoices", "pdf", bill, "-o", str(fifo), env=sandbox_env).ok()
    reader.join(30)
    assert read.get("data", b"").startswith(b"%PDF-") and fifo.is_fifo()

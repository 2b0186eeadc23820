"""The output object: TTY, colour, --quiet, progress and the pager, decided in one place."""

from __future__ import annotations

import io
import shlex
import sys
from decimal import Decimal

from xerocli.output.progress import NoProgress, WaitLog
from xerocli.output.streams import IOStreams
from xerocli.output.table import TableColumn
from xerocli.output.writer import RecordView


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_against_the_user() -> None:
    assert IOStreams(Terminal(), env={}).color
    assert not IOStreams(io.StringIO(), env={}).color
    assert not IOStreams(Terminal(), env={"NO_COLOR": "1"}).color
    assert not IOStreams(Terminal(), env={"TERM": "dumb"}).color
    assert not IOStreams(Terminal(), no_color=True, env={}).color


def test_format_is_a_table_on_a_terminal_and_json_when_piped() -> None:
    assert IOStreams(Terminal(), env={}).format(None) == "table"
    assert IOStreams(io.StringIO(), env={}).format(None) == "json"
    assert IOStreams(Terminal(), env={}).format("csv") == "csv"


def test_quiet_drops_info_and_progress_but_not_warnings() -> None:
    err = Terminal()
    quiet = IOStreams(io.StringIO(), err, quiet=True, env={})
    quiet.info("Showing the first 100 invoices")
    quiet.warn("row 3: rejected: no such account")
    assert err.getvalue() == "row 3: rejected: no such account\n"
    assert type(quiet.progress("Exporting")) is NoProgress
    logged = io.StringIO()
    log = IOStreams(io.StringIO(), logged, env={}).progress("x")  # no terminal: no bar
    assert type(log) is WaitLog
    log.waited("t", 2.0)
    assert logged.getvalue() == "xero: waiting 2 s for Xero's rate limit (2 s so far)\n"


def test_a_document_on_a_terminal_goes_through_the_pager(tmp_path) -> None:
    paged = tmp_path / "paged.txt"
    script = 'import sys; open(sys.argv[1], "w").write(sys.stdin.read())'
    pager = shlex.join([sys.executable, "-c", script, str(paged)])
    view = RecordView(
        [TableColumn("InvoiceNumber", "Number"), TableColumn("Total", "Total", money=True)]
    )
    record = {"InvoiceNumber": "INV-1", "Total": Decimal("12.50")}
    out = Terminal()
    IOStreams(out, env={"XERO_PAGER": pager, "PAGER": "false"}).write_record(record, view)
    assert out.getvalue() == ""
    assert "INV-1" in paged.read_text() and "12.50" in paged.read_text()
    # Piped, or with XERO_PAGER=cat, stdout is written directly.
    piped = io.StringIO()
    IOStreams(piped, env={"XERO_PAGER": pager}).write_record(record, view, fmt="table")
    assert "INV-1" in piped.getvalue()
    direct = Terminal()
    IOStreams(direct, env={"XERO_PAGER": "cat", "PAGER": pager}).write_record(record, view)
    assert "INV-1" in direct.getvalue()


def test_rate_limit_waits_are_said_in_a_log_once_in_a_while(capsys) -> None:
    """No terminal (a cron log): no bar, but a wait of a second or more is one line, and the
    waits right after it (a paced export waits before each call) are not repeated."""
    from xerocli.output.progress import NoProgress, WaitLog, progress_for

    log = progress_for("Exporting invoices", enabled=False)
    assert isinstance(log, WaitLog)
    log.waited("t", 0.2)
    log.waited("t", 5.4)
    log.waited("t", 3.0)
    assert capsys.readouterr().err == "xero: waiting 5 s for Xero's rate limit (6 s so far)\n"
    assert type(progress_for("x", enabled=False, quiet=True)) is NoProgress

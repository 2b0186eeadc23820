"""The one output object: stdout and stderr, whether each is a terminal, colour, `--quiet`, the
pager, progress bars and the record writers (gh's IOStreams is the model).

Commands ask it instead of checking `isatty()`, `NO_COLOR` or `--no-color` themselves:

- `io.write_records(...)`/`io.write_record(...)`: data to stdout, in the chosen format;
- `io.info(...)`: a message for people on stderr (progress, counts, hints); `--quiet` drops it;
- `io.warn(...)`: what went wrong with part of the work (a rejected row); never dropped;
- `io.progress(label)`: a progress bar on stderr, only on a terminal and without `--quiet`.

Importing it is cheap (no rich): `xero --help` must stay fast.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from xerocli import config

if TYPE_CHECKING:
    from xerocli.output.progress import NoProgress
    from xerocli.output.writer import Format, RecordView

#: The pager for documents viewed on a terminal (`xero invoices get`): XERO_PAGER, then PAGER;
#: none when neither is set, as gh does. `XERO_PAGER=cat` (or empty) turns it off.
PAGER_ENV = (config.ENV_PAGER, config.ENV_PAGER_FALLBACK)


def is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def binary_stdout(out: Any) -> BinaryIO:
    """The byte stream under a text stdout, for a workbook; a terminal is refused (a workbook
    is binary)."""
    from xerocli import errors

    if is_terminal(out):
        raise errors.UsageError(
            "-o xlsx writes a binary workbook: send it to a file (> report.xlsx)"
        )
    out.flush()
    return getattr(out, "buffer", out)


class IOStreams:
    """Where output goes and how it looks, decided once per command."""

    def __init__(
        self,
        out: TextIO | None = None,
        err: TextIO | None = None,
        *,
        no_color: bool = False,
        quiet: bool = False,
        env: dict[str, str] | None = None,
    ) -> None:
        self._out = out
        self._err = err
        self.quiet = quiet
        self._no_color = no_color
        self._env = os.environ if env is None else env

    # --- the streams ---------------------------------------------------------------------
    @property
    def out(self) -> TextIO:
        """stdout as it is now (tests and the pager swap `sys.stdout`)."""
        return self._out if self._out is not None else sys.stdout

    @property
    def err(self) -> TextIO:
        return self._err if self._err is not None else sys.stderr

    @property
    def out_is_terminal(self) -> bool:
        return is_terminal(self.out)

    @property
    def err_is_terminal(self) -> bool:
        return is_terminal(self.err)

    @property
    def color(self) -> bool:
        """Colour on stdout: only on a terminal, and not with NO_COLOR, TERM=dumb, --no-color."""
        if self._no_color or self._env.get(config.ENV_NO_COLOR) or self._env.get("TERM") == "dumb":
            return False
        return self.out_is_terminal

    # --- messages ------------------------------------------------------------------------
    def info(self, message: str) -> None:
        """A message for a person (counts, hints, progress): stderr, unless --quiet."""
        if not self.quiet:
            print(message, file=self.err, flush=True)

    def warn(self, message: str) -> None:
        """Something went wrong with part of the work: stderr, even with --quiet."""
        from xerocli.errors import printable

        print(printable(message), file=self.err, flush=True)

    def progress(self, label: str) -> NoProgress:
        from xerocli.output.progress import progress_for

        return progress_for(
            label, enabled=self.err_is_terminal and not self.quiet, quiet=self.quiet, err=self.err
        )

    # --- data ----------------------------------------------------------------------------
    def format(self, requested: Format | str | None) -> Format:
        """What was asked for; else a table on a terminal and JSON when piped."""
        from xerocli.output.writer import Format, choose_format

        chosen = choose_format(requested, self.out_is_terminal)
        if chosen is Format.xlsx:
            binary_stdout(self.out)  # refused on a terminal before anything is fetched
        return chosen

    def write_records(
        self,
        records: Iterable[dict],
        view: RecordView,
        *,
        fmt: Format | str | None = None,
        fields: list[str] | None = None,
    ) -> int:
        """Records to stdout in the chosen format; returns how many were written."""
        from xerocli.output.writer import write_records

        return write_records(
            records, view, fmt=self.format(fmt), fields=fields, out=self.out, color=self.color
        )

    def write_record(
        self,
        record: dict,
        view: RecordView,
        *,
        fmt: Format | str | None = None,
        fields: list[str] | None = None,
    ) -> None:
        """One record: a JSON object, or for people a detail view (through the pager)."""
        from xerocli.output.writer import Format, write_record

        chosen = self.format(fmt)
        color = self.color  # decided for the terminal, before the pager takes stdout
        with self.pager() if chosen is Format.table else contextlib.nullcontext():
            write_record(record, view, fmt=chosen, fields=fields, out=self.out, color=color)

    def write_lines(self, lines: Iterable[str]) -> None:
        """Plain data, one item a line (`xero export columns`)."""
        out = self.out
        for line in lines:
            out.write(f"{line}\n")
        out.flush()

    def write_json(self, values: Iterable[Any]) -> int:
        """A JSON array, streamed (`--dry-run` bodies)."""
        from xerocli.output.jsonfmt import write_json_array

        return write_json_array(values, self.out)

    # --- the pager -----------------------------------------------------------------------
    def pager_command(self) -> list[str] | None:
        if not self.out_is_terminal:
            return None
        for name in PAGER_ENV:
            if name in self._env:
                command = self._env[name].strip()
                return shlex.split(command) if command and command != "cat" else None
        return None

    @contextlib.contextmanager
    def pager(self) -> Iterator[None]:
        """Send stdout through the pager while the block writes, when there is one."""
        command = self.pager_command()
        if command is None:
            yield
            return
        import subprocess  # here: a command that pages nothing does not import it

        env = {**self._env, "LESS": self._env.get("LESS", "FRX"), "LV": "-c"}
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, text=True, env=env)
        except OSError:
            yield  # a pager that is not there: write straight to the terminal
            return
        assert process.stdin is not None
        saved = self._out
        self._out = process.stdin
        try:
            yield
        except BrokenPipeError:
            pass  # the reader quit the pager early
        finally:
            self._out = saved
            with contextlib.suppress(BrokenPipeError, OSError):
                process.stdin.close()
            process.wait()

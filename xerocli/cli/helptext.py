"""`xero ... --help` answered without typer, from help pages recorded at generate time.

Importing typer costs about three times Python's own startup, and `--help` is what people type
most after TAB. `python -m xerocli.cli.generate` asks every command of the full tree to format
its help into a recording formatter and writes the calls it made (`_help_index.py`); a command
line that is only a command path and `--help`/`-h` is answered by replaying them through
`Formatter`, which lays text out as click's `HelpFormatter` does (same wrapping, same
definition lists, same width rule), so the page is the one typer would print. A test compares
the two for every command at several widths.

Stdlib only at run time (`answer`, `render`); `build_index` imports typer.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

HELP_OPTIONS = ("--help", "-h")
#: A width no recorded row is cut at: the Commands rows keep their whole first sentence, and
#: `render` shortens them for the real width as click's `format_commands` does.
RECORDING_WIDTH = 1_000_000


# --- run time ----------------------------------------------------------------------------------
def answer(args: list[str]) -> str | None:
    """The help page for `xero PATH --help`, or None when the line is anything else."""
    if not args or args[-1] not in HELP_OPTIONS:
        return None
    path = " ".join(args[:-1])
    if any(word.startswith("-") or not word for word in args[:-1]):
        return None
    from xerocli.cli._help_index import PAGES

    ops = PAGES.get(path)
    return None if ops is None else render(ops, terminal_width())


def terminal_width() -> int:
    """click's rule: the terminal's columns (COLUMNS first), at most 80, minus 2, at least 50."""
    import shutil

    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


def main(args: list[str]) -> None:
    """Print the page and exit 0, as click's --help does; return when there is none."""
    page = answer(args)
    if page is None:
        return
    sys.stdout.write(page + "\n")
    sys.stdout.flush()
    sys.exit(0)


def render(ops: list[tuple], width: int) -> str:
    formatter = Formatter(width)
    for op, *values in ops:
        getattr(formatter, op)(*values)
    return formatter.getvalue().rstrip("\n")


class _Wrapper(textwrap.TextWrapper):
    """click's TextWrapper: long words are cut at the space left, and an extra indent."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]

    @contextmanager
    def extra_indent(self, indent: str) -> Iterator[None]:
        old = self.initial_indent, self.subsequent_indent
        self.initial_indent += indent
        self.subsequent_indent += indent
        try:
            yield
        finally:
            self.initial_indent, self.subsequent_indent = old

    def indent_only(self, text: str) -> str:
        return "\n".join(
            f"{self.initial_indent if i == 0 else self.subsequent_indent}{line}"
            for i, line in enumerate(text.splitlines())
        )


def wrap_text(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click's `wrap_text`: paragraphs rewrapped, a paragraph after a `\\b` line kept as is."""
    text = text.expandtabs()
    wrapper = _Wrapper(
        width,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        replace_whitespace=False,
    )
    if not preserve_paragraphs:
        return wrapper.fill(text)
    paragraphs: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if not buf:
            return
        if buf[0].strip() == "\b":
            paragraphs.append((indent or 0, True, "\n".join(buf[1:])))
        else:
            paragraphs.append((indent or 0, False, " ".join(buf)))
        del buf[:]

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
        else:
            if indent is None:
                stripped = line.lstrip()
                indent = len(line) - len(stripped)
                line = stripped
            buf.append(line)
    flush()
    out = []
    for extra, raw, paragraph in paragraphs:
        with wrapper.extra_indent(" " * extra):
            out.append(wrapper.indent_only(paragraph) if raw else wrapper.fill(paragraph))
    return "\n\n".join(out)


def short_help(text: str, max_length: int) -> str:
    """click's `make_default_short_help`: the first sentence, cut with "..." to fit."""
    end = text.find("\n\n")
    if end != -1:
        text = text[:end]
    words = text.split()
    if not words:
        return ""
    if words[0] == "\b":
        words = words[1:]
    total = 0
    last = len(words) - 1
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > max_length:
            break
        if word[-1] == ".":
            return " ".join(words[: i + 1])
        if total == max_length and i != last:
            break
    else:
        return " ".join(words)
    total += len("...")
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= max_length:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


class Formatter:
    """The layout of click's `HelpFormatter`, for replaying recorded calls."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.current_indent = 0
        self.buffer: list[str] = []

    def getvalue(self) -> str:
        return "".join(self.buffer)

    def write(self, string: str) -> None:
        self.buffer.append(string)

    def indent(self) -> None:
        self.current_indent += 2

    def dedent(self) -> None:
        self.current_indent -= 2

    def paragraph(self) -> None:
        if self.buffer:
            self.write("\n")

    def heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}:\n")

    def usage(self, prog: str, args: str, prefix: str) -> None:
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= len(usage_prefix) + 20:
            indent = " " * len(usage_prefix)
            self.write(wrap_text(args, text_width, usage_prefix, indent))
        else:
            self.write(usage_prefix + "\n")
            indent = " " * (max(self.current_indent, len(prefix)) + 4)
            self.write(wrap_text(args, text_width, indent, indent))
        self.write("\n")

    def text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, indent, indent, preserve_paragraphs=True))
        self.write("\n")

    def commands(self, rows: list[tuple[str, str]]) -> None:
        """The Commands section's rows, each help cut for this width (`format_commands`)."""
        limit = self.width - 6 - max(len(name) for name, _ in rows)
        self.dl([(name, short_help(text, limit)) for name, text in rows], 30, 2)

    def dl(self, rows: list[tuple[str, str]], col_max: int, col_spacing: int) -> None:
        first_width = max(len(first) for first, _ in rows)
        first_col = min(first_width, col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n")
                self.write(" " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = wrap_text(second, text_width, preserve_paragraphs=True).splitlines()
            if lines:
                self.write(f"{lines[0]}\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first_col + self.current_indent}}{line}\n")
            else:
                self.write("\n")


# --- generate time -----------------------------------------------------------------------------
def build_index(root: Any = None) -> dict[str, list[tuple]]:
    """{command path: the formatter calls its help makes}, for every command of the tree."""
    from xerocli.cli import tree

    return {" ".join(node.path): record(node.command, node.ctx) for node in tree.walk(root)}


def record(command: Any, ctx: Any) -> list[tuple]:
    """The calls `command.format_help` makes on a formatter, width left out."""
    from typer._click.formatting import HelpFormatter

    ops: list[tuple] = []

    class Recorder(HelpFormatter):
        heading_now = ""

        def write(self, string: str) -> None:
            ops.append(("write", string))
            self.buffer.append(string)

        def indent(self) -> None:
            ops.append(("indent",))
            super().indent()

        def dedent(self) -> None:
            ops.append(("dedent",))
            super().dedent()

        def write_paragraph(self) -> None:
            ops.append(("paragraph",))
            self.buffer.append("\n")  # only whether anything was written matters

        def write_heading(self, heading: str) -> None:
            ops.append(("heading", heading))
            self.heading_now = heading
            self.buffer.append(heading)

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            ops.append(("usage", prog, args, "Usage: " if prefix is None else prefix))
            self.buffer.append(prog)

        def write_text(self, text: str) -> None:
            ops.append(("text", text))
            self.buffer.append(text)

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = [tuple(row) for row in rows]
            is_commands = self.heading_now == "Commands" and hasattr(command, "list_commands")
            if is_commands:
                ops.append(("commands", rows))
            else:
                ops.append(("dl", rows, col_max, col_spacing))
            self.buffer.append("dl")

    formatter = Recorder(width=RECORDING_WIDTH)
    command.format_help(ctx, formatter)
    return ops


def render_index(index: dict[str, list[tuple]]) -> str:
    """Python source for `xerocli/cli/_help_index.py`: literals, one call per line."""
    lines = [
        '"""Help pages of every command, as the formatter calls typer makes for them.',
        "",
        "Generated from the typer app by `python -m xerocli.cli.generate`: do not edit; a test",
        'fails when it is stale. Replayed by `xerocli/cli/helptext.py`."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "PAGES: dict = {",
    ]
    for path, ops in index.items():
        lines.append(f"    {path!r}: [")
        lines.extend(f"        {op!r}," for op in ops)
        lines.append("    ],")
    lines += ["}", "# fmt: on", ""]
    return "\n".join(lines)

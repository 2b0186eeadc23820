"""The command reference, `docs/commands.md`, rendered from the command objects.

Usage lines, help texts and option rows come from click's own API on the objects typer builds
(`collect_usage_pieces`, `get_help_record`), so the reference says what `--help` says without
depending on terminal width or scraping a subprocess.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from xerocli.cli import tree

HEADER = """# Command reference

Generated from the command tree by `python -m xerocli.cli.generate`: do not edit by hand (a test
fails when this file is stale). `xero COMMAND --help` prints the same on a terminal.
"""


def render(root: Any = None) -> str:
    nodes = list(tree.walk(root))
    out = [HEADER, "## Commands", ""]
    for node in nodes:
        name = " ".join(("xero", *node.path))
        indent = "  " * max(len(node.path) - 1, 0)
        if node.path:
            out.append(
                f"{indent}- [`{name}`](#{_anchor(name)}): {node.command.get_short_help_str(300)}"
            )
    out.append("")
    for node in nodes:
        out.extend(_section(node))
    return "\n".join(out).rstrip("\n") + "\n"


def _anchor(title: str) -> str:
    """GitHub's heading anchor for `## xero invoices list`."""
    return "".join(c for c in title.lower() if c.isalnum() or c in " -_").replace(" ", "-")


def _section(node: tree.Visited) -> list[str]:
    name = " ".join(("xero", *node.path))
    ctx = node.ctx
    usage = " ".join([name, *node.command.collect_usage_pieces(ctx)])
    lines = [f"## {name}", "", "```", usage, "```", ""]
    lines += _help_markdown(node.command.help or "")
    arguments = [p for p in node.params() if not tree.is_option(p)]
    options = [p for p in node.params() if tree.is_option(p)]
    if arguments:
        lines += ["Arguments:", ""]
        lines += [_row(p, ctx) for p in arguments]
        lines.append("")
    if options:
        lines += ["Options:", ""]
        lines += [_row(p, ctx) for p in options]
        lines.append("")
    commands = node.subcommands()
    if commands:
        lines += ["Commands:", ""]
        for sub_name, sub in commands:
            full = f"{name} {sub_name}"
            lines.append(f"- [`{sub_name}`](#{_anchor(full)}): {sub.get_short_help_str(300)}")
        lines.append("")
    return lines


def _row(param: Any, ctx: Any) -> str:
    record = param.get_help_record(ctx)
    if record is None:
        names, text = (param.human_readable_name, "")
    else:
        names, text = record
    text = " ".join(text.split())
    return f"- `{names}`" + (f": {_escape(text)}" if text else "")


def _escape(text: str) -> str:
    """Keep `<int>`-like placeholders and stars from turning into HTML or emphasis."""
    return re.sub(r"<(?=[A-Za-z/!])", "&lt;", text).replace("*", "\\*")


def _help_markdown(help_text: str) -> list[str]:
    """Click's help paragraphs as markdown: `\\b` paragraphs (kept as typed) become code blocks."""
    text = inspect.cleandoc(help_text)
    if not text:
        return []
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("\b\n"):
            lines += ["```", paragraph[2:].rstrip(), "```", ""]
        else:
            lines += [" ".join(paragraph.split()), ""]
    return lines

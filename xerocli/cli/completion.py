"""`xero completion bash|zsh|fish`: print the shell's completion script; and the generator of
the static index (`_command_index.py`) those scripts are answered from without typer."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer

from xerocli.cli import complete


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


INSTALL = {
    "bash": "xero completion bash > ~/.local/share/bash-completion/completions/xero",
    "zsh": 'xero completion zsh > "${fpath[1]}/_xero"',
    "fish": "xero completion fish > ~/.config/fish/completions/xero.fish",
}


def completion(
    shell: Shell = typer.Argument(
        ..., help="bash, zsh or fish.", show_default=False, metavar="SHELL"
    ),
) -> None:
    """Print the TAB completion script for bash, zsh or fish.

    Install it once, e.g. `xero completion bash > ~/.local/share/bash-completion/completions/xero`
    (zsh: `xero completion zsh > "${fpath[1]}/_xero"`; fish: `xero completion fish >
    ~/.config/fish/completions/xero.fish`); see the README."""
    sys.stdout.write(complete.script(shell.value))


def build_index(root: Any = None) -> dict[str, dict]:
    """The completion index: every command path, its subcommands, options and arguments."""
    from xerocli.cli import tree

    index: dict[str, dict] = {}
    for node in tree.walk(root):
        options = []
        arguments = []
        for param in node.params():
            if tree.is_option(param):
                names = tuple(
                    sorted([*param.opts, *param.secondary_opts], key=lambda n: (len(n) <= 2, n))
                )
                takes_value = not param.is_flag and not getattr(param, "count", False)
                choices: tuple | dict = tree.choices(param) if takes_value else ()
                by_argument = getattr(param.type, "by_argument", None)
                if takes_value and by_argument:
                    # The list depends on the command's first argument; "" when it is not given.
                    choices = {"": choices, **by_argument}
                options.append(
                    (
                        names,
                        takes_value,
                        choices,
                        _kind(param) if takes_value else "",
                        " ".join((param.help or "").split()),
                        bool(param.multiple or getattr(param, "count", False)),
                    )
                )
            else:
                arguments.append((param.name, tree.choices(param), _kind(param), param.nargs))
        entry: dict[str, Any] = {
            "help": node.command.get_short_help_str(limit=80),
            "options": options,
            "arguments": arguments,
        }
        if node.is_group:
            entry["commands"] = {
                name: sub.get_short_help_str(limit=80) for name, sub in node.subcommands()
            }
        index[" ".join(node.path)] = entry
    return index


def _kind(param: Any) -> str:
    from xerocli.cli import tree

    if getattr(param, "_custom_shell_complete", None) is not None:
        return "dynamic"  # typer's `autocompletion=`: asked of the live app (complete.py)
    return tree.path_kind(param)


def render_index(index: dict[str, dict]) -> str:
    """Python source for `xerocli/cli/_command_index.py`: literals only, one line per option,
    so a change to the tree shows as a readable diff."""
    lines = [
        '"""The command tree for TAB completion, read without importing typer.',
        "",
        "Generated from the typer app by `python -m xerocli.cli.generate`: do not edit; a test",
        'fails when it is stale."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "COMMANDS: dict = {",
    ]
    for path, entry in index.items():
        lines.append(f"    {path!r}: {{")
        lines.append(f"        'help': {entry['help']!r},")
        if "commands" in entry:
            lines.append("        'commands': {")
            lines.extend(f"            {name!r}: {h!r}," for name, h in entry["commands"].items())
            lines.append("        },")
        lines.append("        'options': [")
        lines.extend(f"            {row!r}," for row in entry["options"])
        lines.append("        ],")
        lines.append("        'arguments': [")
        lines.extend(f"            {row!r}," for row in entry["arguments"])
        lines.append("        ],")
        lines.append("    },")
    lines += ["}", "# fmt: on", ""]
    return "\n".join(lines)

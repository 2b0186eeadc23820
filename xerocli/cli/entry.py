"""The `xero` console script: answers TAB completion, `--version`, `PATH --help` and the
command lines the generated parse index describes before importing typer.

Every TAB press runs `xero`; importing typer and building the command tree costs several times
Python's own startup, so those requests are answered from stdlib-only modules and generated
indexes (`_command_index.py`, `_help_index.py`); a command whose function is typer-free
(`xero invoices list`) is parsed from `_parse_index.py` (`fastparse.py`) and run by `fastrun.py`;
only everything else imports the app.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    if os.environ.get("_XERO_COMPLETE"):
        from xerocli.cli import complete

        complete.main()  # exits when it knows the request; else typer gets to answer it
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from xerocli import __version__

        print(f"xero {__version__}")
        sys.exit(0)
    if args and args[-1] in ("--help", "-h"):
        from xerocli.cli import helptext

        helptext.main(args)  # exits when the line is a command path and --help
    if not os.environ.get("_XERO_TYPER_ONLY"):  # tests and benchmarks: typer's path alone
        from xerocli.cli import fastrun

        fastrun.main(args)  # exits when the generated parse index describes the line
    from xerocli.cli.app import main as app_main

    app_main(argv)

"""The `xero` console script: answers TAB completion and `--version` before importing typer.

Every TAB press runs `xero`; importing typer and building the command tree costs several times
Python's own startup, so those two requests are answered from stdlib-only modules, and only
everything else imports the app.
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
    from xerocli.cli.app import main as app_main

    app_main(argv)

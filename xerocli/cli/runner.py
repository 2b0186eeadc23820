"""Run a parsed command and turn every failure into its one-line message and exit code.

Shared by typer's path (`cli/app.py`) and the fast parser's (`cli/entry.py`), so both map
the same exception to the same output and code. Stdlib only: typer's and click's own
exceptions are recognised through `sys.modules`, as neither is imported on the fast path
unless a command raised one of them.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from xerocli import errors


def start(given: dict[str, Any]) -> Any:
    """What the root command does with the global options: the `--debug` log handler and the
    command's `AppContext` (closed by the caller when the command ends)."""
    from xerocli.cli.context import AppContext, GlobalOptions

    options = GlobalOptions(**given)
    if options.debug:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(message)s"))
        logger = logging.getLogger("xerocli")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    return AppContext(options)


def report(exc: errors.XeroCliError) -> None:
    print(f"xero: {errors.printable(exc.message)}", file=sys.stderr)
    for line in exc.details[1:] if exc.details and exc.details[0] in exc.message else exc.details:
        print(f"  {errors.printable(line)}", file=sys.stderr)


def quiet_stdout() -> None:
    """The reader of stdout left (`xero ... | head`): that is not an error of ours. Point stdout
    at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def typer_class(name: str) -> type | None:
    """typer's exception class `name` (Exit, Abort) if typer was imported, else None."""
    typer = sys.modules.get("typer")
    return getattr(typer, name, None) if typer is not None else None


def is_instance(exc: BaseException, name: str) -> bool:
    found = typer_class(name)
    return found is not None and isinstance(exc, found)


#: The errors of a write the machine refused (full, over quota, too big, read-only, failed).
_UNWRITABLE = {
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EROFS", "EIO")
    if hasattr(errno, name)
}


def run_and_exit(call: Callable[[], object], debug: bool) -> NoReturn:
    """`call()` (which returns the exit code or None), every failure mapped as the contract
    in `errors.py` says."""
    try:
        result = call()
        sys.stdout.flush()  # a write the disk refuses fails here, not at the interpreter's exit
    except errors.XeroCliError as exc:
        report(exc)
        sys.exit(int(exc.exit_code))
    except (KeyboardInterrupt, EOFError):
        print("xero: interrupted", file=sys.stderr)
        sys.exit(int(errors.ExitCode.INTERRUPTED))
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(0)
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in _UNWRITABLE:
            # `xero ... > /dev/full`, a full or read-only disk: the environment's, not a bug.
            print(f"xero: cannot write the output ({exc.strerror})", file=sys.stderr)
            quiet_stdout()
            sys.exit(int(errors.ExitCode.USAGE))
        if is_instance(exc, "Abort"):
            print("xero: interrupted", file=sys.stderr)
            sys.exit(int(errors.ExitCode.INTERRUPTED))
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # click's usage errors
            exc.show()
            sys.exit(int(exc.exit_code))
        if debug:
            raise
        print(
            f"xero: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        sys.exit(int(errors.ExitCode.ERROR))
    sys.exit(int(result or 0) if isinstance(result, int) else 0)

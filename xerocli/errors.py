"""One exception per exit code, so every layer fails the same way.

The CLI maps an exception to its exit code and prints its one-line message on stderr.
Messages name the next step (the command to run, the field to fix), never a secret.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import IntEnum


class ExitCode(IntEnum):
    """Stable exit codes: scripts and cron jobs branch on these, so never renumber them."""

    OK = 0
    ERROR = 1
    USAGE = 2
    AUTH = 4
    NOT_FOUND = 5
    VALIDATION = 6
    RATE_LIMITED = 7
    UNAVAILABLE = 8
    INTERRUPTED = 130
    TERMINATED = 143


EXIT_CODE_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success (also when the reader of stdout leaves early, as `head` does)",
    ExitCode.ERROR: "unexpected error: a bug of xero's (run with --debug and report it)",
    ExitCode.USAGE: "bad usage or bad input, or an export target that cannot be written"
    " (nothing was sent to Xero)",
    ExitCode.AUTH: "not logged in, token rejected, tenant not connected or scope missing"
    " (also: a webhook receiver refused the signature)",
    ExitCode.NOT_FOUND: "the record or endpoint does not exist, or takes no such method (405)",
    ExitCode.VALIDATION: "Xero rejected the request or some rows of a batch (validation)",
    ExitCode.RATE_LIMITED: "rate limit still exceeded after retries, or the day budget is spent",
    ExitCode.UNAVAILABLE: "network or Xero (or a webhook receiver) unavailable after retries",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
    ExitCode.TERMINATED: "terminated (SIGTERM) and cleaned up (exports)",
}


def exit_code_table() -> str:
    """The exit codes as aligned text, for `xero --help` and the README."""
    return "\n".join(f"{int(code):>3}  {text}" for code, text in EXIT_CODE_MEANINGS.items())


def human_duration(seconds: float | None) -> str:
    """`90` -> "90 seconds", `5400` -> "90 minutes", for messages about waits and resets."""
    if seconds is None:
        return "a while"
    if seconds < 120:
        return f"{int(seconds)} second{'' if int(seconds) == 1 else 's'}"
    if seconds < 7200:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds / 3600:.1f} hours"


#: Terminal control characters (C0 but newline and tab, DEL, C1) as escapes: a message may
#: quote what a server or a file said (a login callback's `error_description`, Xero's
#: validation text), and an ESC in it must not drive the user's terminal.
_CONTROLS = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (9, 10)
}


def printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters shown as `\\x1b`."""
    return text.translate(_CONTROLS) if not text.isprintable() else text


class XeroCliError(Exception):
    """Base of every error the CLI reports as one line; `exit_code` says how it ends."""

    exit_code: ExitCode = ExitCode.ERROR
    #: Whose failure it was, in a command over several organisations (`--all-tenants`, a
    #: consolidation): set by `of_organisation`, so the command can add what the failure left
    #: of the others' output; None for any other error.
    organisation: str | None = None

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class UsageError(XeroCliError):
    """Bad options or bad input, caught before anything is sent."""

    exit_code = ExitCode.USAGE


class AuthError(XeroCliError):
    """Missing, expired or rejected credentials; the fix is usually `xero auth login`."""

    exit_code = ExitCode.AUTH


class NotFoundError(XeroCliError):
    exit_code = ExitCode.NOT_FOUND


class ValidationError(XeroCliError):
    """Xero answered 400 ValidationException, or some rows of a batch failed."""

    exit_code = ExitCode.VALIDATION


class RateLimitError(XeroCliError):
    exit_code = ExitCode.RATE_LIMITED


class UnavailableError(XeroCliError):
    """Network failures and 5xx answers that outlasted the retries."""

    exit_code = ExitCode.UNAVAILABLE


class Interrupted(XeroCliError):
    """Ctrl-C, reported once with what it left behind ("the export was not written")."""

    exit_code = ExitCode.INTERRUPTED


class Terminated(XeroCliError):
    """SIGTERM: the command stopped at a safe point and cleaned up as on an error."""

    exit_code = ExitCode.TERMINATED


def organisation_label(name: str, tenant_id: str) -> str:
    """`Acme Ltd (tenant 1234...)`: how a message names an organisation among several. The ID
    too: two organisations may share a name, and `xero limits --tenant` takes only an ID."""
    return name if not tenant_id or name == tenant_id else f"{name} (tenant {tenant_id})"


def of_organisation(exc: XeroCliError, name: str, tenant_id: str) -> XeroCliError:
    """`exc` as one organisation's failure among several: its message starts with the
    organisation (`organisation_label`). A stop (Ctrl-C, SIGTERM) is nobody's, and an error
    named already keeps its name (named once, where the organisation is known)."""
    if isinstance(exc, (Interrupted, Terminated)) or exc.organisation is not None:
        return exc
    label = organisation_label(name, tenant_id)
    named = reworded(exc, f"{label}: {exc.message}")
    named.organisation = label
    return named


@contextlib.contextmanager
def of_organisation_calls(name: str, tenant_id: str) -> Iterator[None]:
    """Errors raised inside as the organisation's (`of_organisation`): in a command over
    several organisations, one of twelve failing must say which."""
    try:
        yield
    except XeroCliError as exc:
        named = of_organisation(exc, name, tenant_id)
        if named is exc:
            raise
        raise named from exc


def with_consequence(exc: XeroCliError, consequence: str) -> XeroCliError:
    """`exc` with what the failure left behind after its message (`...; nothing was
    written`), on the same line."""
    return reworded(exc, f"{exc.message}; {consequence}")


def reworded(exc: XeroCliError, message: str) -> XeroCliError:
    """A copy of `exc` with another message: the same class, so the same exit code and the
    same `except` clauses, and its own fields kept. Made without calling `__init__`, whose
    signature a subclass may have changed (`OAuthError`)."""
    again = type(exc).__new__(type(exc))
    again.__dict__.update(exc.__dict__)
    again.args = (message,)
    again.message = message
    return again

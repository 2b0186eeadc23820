"""One exception per exit code, so every layer fails the same way.

The CLI maps an exception to its exit code and prints its one-line message on stderr.
Messages name the next step (the command to run, the field to fix), never a secret.
"""

from __future__ import annotations

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

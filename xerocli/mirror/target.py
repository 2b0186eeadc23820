"""`--db`: which database the mirror lives in, read and checked before anything is sent.

- nothing: `mirror.sqlite` in the data directory (created with its folder);
- a path, or `sqlite:///PATH` (SQLAlchemy's form: three slashes and a relative path, four for
  an absolute one, `sqlite:////srv/xero.sqlite`); a path ending in `.duckdb` is a DuckDB file;
- `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` (also `postgres://`), anything libpq takes;
- `duckdb:///PATH` (same slashes as SQLite).

A malformed URL, an unknown scheme or a file that cannot be written (its folder missing or
read-only, a folder in its place) is a one-line usage error naming the `--db` and what is
wrong; nothing is created. A password in the URL never appears in a message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from xerocli import config, errors

SQLITE, POSTGRES, DUCKDB = "sqlite", "postgresql", "duckdb"
SCHEMES = {"sqlite": SQLITE, "postgresql": POSTGRES, "postgres": POSTGRES, "duckdb": DUCKDB}
FORMS = "a path, sqlite:///PATH, postgresql://USER@HOST/DB or duckdb:///PATH"
DEFAULT_NAME = "mirror.sqlite"
#: A plain path with one of these ends is a DuckDB file (any other: SQLite).
DUCKDB_SUFFIXES = (".duckdb", ".ddb")


@dataclass(frozen=True)
class Target:
    kind: str  # SQLITE, POSTGRES or DUCKDB
    #: The file (SQLite, DuckDB) or the libpq URL (PostgreSQL).
    location: str
    #: How messages name it (no password).
    shown: str
    default: bool = False

    @property
    def path(self) -> Path:
        return Path(self.location)

    @property
    def has_password(self) -> bool:
        """A password written into the URL (it is then in argv, which every user can read)."""
        return self.kind == POSTGRES and self.shown != self.location


PASSWORD_WARNING = (
    "the password in --db is visible to every user of this machine (the process list): give it"
    " in PGPASSWORD or ~/.pgpass instead, which libpq reads"
)


def default_target() -> Target:
    path = config.data_dir() / DEFAULT_NAME
    return Target(SQLITE, str(path), str(path), default=True)


def parse_target(text: str | None) -> Target:
    """The target `--db` names (see the module's docstring); a usage error when it names none."""
    if text is None:
        return default_target()
    if not text.strip():
        raise errors.UsageError(f"--db: an empty value names no database; use {FORMS}")
    if "://" not in text:
        if ":" in text.split("/", 1)[0] and not os.path.exists(text):
            scheme = text.split(":", 1)[0]
            raise errors.UsageError(
                f"--db: {text!r} is not a database URL (a scheme needs ://); use {FORMS}"
                if scheme.lower() in SCHEMES
                else f"--db: {text!r} looks like a URL of unknown scheme {scheme!r}; use {FORMS}"
            )
        kind = DUCKDB if text.lower().endswith(DUCKDB_SUFFIXES) else SQLITE
        return Target(kind, text, text)
    scheme, rest = text.split("://", 1)
    kind = SCHEMES.get(scheme.lower())
    if kind is None:
        shown = _hide_password(text)
        raise errors.UsageError(f"--db: {shown!r} has an unknown scheme {scheme!r}; use {FORMS}")
    if kind == POSTGRES:
        return _postgres(text)
    if not rest.startswith("/") or rest == "/":
        raise errors.UsageError(
            f"--db: {text!r} names no file; use {scheme}:///relative/path or"
            f" {scheme}:////absolute/path"
        )
    path = rest[1:]
    if "?" in path or "#" in path:
        raise errors.UsageError(f"--db: {text!r}: a file URL takes no ?query or #fragment")
    return Target(kind, path, path)


def _hide_password(text: str) -> str:
    try:
        parts = urlsplit(text)
    except ValueError:
        return text.split("://", 1)[0] + "://..."
    if parts.password is None:
        return text
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def _postgres(text: str) -> Target:
    shown = _hide_password(text)
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError as exc:
        raise errors.UsageError(f"--db: {shown!r} is not a PostgreSQL URL ({exc})") from None
    if not parts.hostname and not parts.path.strip("/") and not parts.query:
        raise errors.UsageError(
            f"--db: {shown!r} names no server or database; use postgresql://USER@HOST/DB"
        )
    del port
    return Target(POSTGRES, text, shown)


def check_writable(target: Target) -> None:
    """A file target whose file can be made or written, or a usage error saying why not.

    The default's folder is created (it is ours); a folder given with `--db` must exist."""
    if target.kind == POSTGRES:
        return
    path = target.path
    folder = path.parent if str(path.parent) else Path(".")
    if target.default:
        try:
            config.make_dir(folder)  # the data dir, 0700 when made: the mirror is the books
        except OSError as exc:
            raise _cannot(target, exc.strerror or str(exc)) from None
    if path.is_dir():
        raise _cannot(target, "it is a folder")
    if not folder.is_dir():
        raise _cannot(target, f"its folder {folder} does not exist")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise _cannot(target, "the file is not writable")
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot(target, f"its folder {folder} is not writable")


def _cannot(target: Target, reason: str) -> errors.UsageError:
    return errors.UsageError(f"--db: cannot write the mirror {target.shown} ({reason})")

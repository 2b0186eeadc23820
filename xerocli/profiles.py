"""Profiles: several Xero apps and organisations side by side in one TOML file.

`config.toml` in the config dir holds one table per profile:

    [profiles.default]
    client_id = "ABC..."
    redirect_uri = "http://localhost:8749/callback"
    scopes = "offline_access accounting.invoices ..."
    login = "pkce"
    token_store = "keyring"
    issuer = "https://identity.xero.com"
    tenant_id = "..."
    tenant_name = "Demo Company (NZ)"

No secret is ever written here: refresh tokens and client secrets live in the token store.
The standard library reads TOML but does not write it, and this structure is flat, so a tiny
writer of our own is enough (no new dependency); it writes atomically (temp file + rename).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from xerocli import config, errors

PROFILE_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class Profile:
    """One app (client id, redirect URI, scopes), its login kind and its selected tenant."""

    name: str = config.DEFAULT_PROFILE
    client_id: str | None = None
    redirect_uri: str | None = None
    scopes: str | None = None
    #: "pkce" (a user's login with a refresh token) or "client_credentials" (custom connection).
    login: str | None = None
    token_store: str | None = None
    #: The origin the login was made at (`https://identity.xero.com`, a sandbox's
    #: `http://127.0.0.1:PORT`): its tokens and secret are sent there and nowhere else.
    #: Absent on logins made before it was kept: those were made at Xero's own.
    issuer: str | None = None
    tenant_id: str | None = None
    tenant_name: str | None = None

    @property
    def login_issuer(self) -> str:
        """Where this profile's login was made (Xero's identity server when not recorded)."""
        return self.issuer or config.url_origin(config.DEFAULT_IDENTITY_URL)

    @property
    def effective_redirect_uri(self) -> str:
        return self.redirect_uri or config.DEFAULT_REDIRECT_URI

    def values(self) -> dict[str, Any]:
        """What is written to the file (the name is the table's key, not a value)."""
        return {k: v for k, v in asdict(self).items() if k != "name" and v is not None}


def profile_name(option: str | None) -> str:
    """`--profile`, then XERO_PROFILE, then "default"; the name becomes file names, so check it."""
    name = option or os.environ.get(config.ENV_PROFILE) or config.DEFAULT_PROFILE
    if not PROFILE_NAME_RE.match(name):
        raise errors.UsageError(
            f"profile name {name!r} is not valid: use letters, digits, '.', '_' or '-'"
        )
    return name


def config_path() -> Path:
    return config.config_dir() / config.CONFIG_FILE


def read_config(path: Path | None = None) -> dict[str, Any]:
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise errors.UsageError(f"{path} is not valid TOML ({exc}); fix or remove it") from None
    except RecursionError:  # tomllib recurses on `x = [[[[...` thousands deep
        raise errors.UsageError(f"{path}: values nested too deeply; fix or remove it") from None
    problem = _shape_problem(data)
    if problem:
        raise errors.UsageError(f"{path}: {problem}; fix or remove it")
    return data


def _shape_problem(data: dict[str, Any]) -> str | None:
    """What keeps valid TOML from being our file (`profiles = 5`, `[profiles] default = "x"`):
    every reader below expects one table of strings per profile."""
    profiles = data.get("profiles", {})
    if not isinstance(profiles, dict):
        return f"profiles is {_toml_kind(profiles)}, not a table of [profiles.NAME] tables"
    known = {f.name for f in fields(Profile)} - {"name"}
    for name, table in profiles.items():
        if not isinstance(table, dict):
            return (
                f"profiles.{_key(name)} is {_toml_kind(table)}, not a [profiles.{_key(name)}] table"
            )
        for key in sorted(known & set(table)):
            if not isinstance(table[key], str):
                return f"profiles.{_key(name)}.{key} is {_toml_kind(table[key])}, not a string"
    return None


def _toml_kind(value: Any) -> str:
    """A value's TOML type, as a user reading the file would call it."""
    if isinstance(value, bool):
        return "a boolean"
    for kind, words in (
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
    ):
        if isinstance(value, kind):
            return words
    return "a date or time"


def load_profile(name: str) -> Profile:
    table = read_config().get("profiles", {}).get(name, {})
    known = {f.name for f in fields(Profile)} - {"name"}
    values = {k: v for k, v in table.items() if k in known}  # strings: read_config checks
    return Profile(name=name, **values)


def list_profiles() -> list[str]:
    return sorted(read_config().get("profiles", {}))


def save_profile(profile: Profile) -> Path:
    """Replace one profile's table, keeping the others and any unknown keys of this one."""
    path = config_path()
    with _config_lock():
        data = read_config(path)
        profiles = data.setdefault("profiles", {})
        old = profiles.get(profile.name, {})
        known = {f.name for f in fields(Profile)}
        merged = {k: v for k, v in old.items() if k not in known}
        merged.update(profile.values())
        profiles[profile.name] = merged
        write_atomic(path, dumps(data), mode=0o644)
    return path


def _config_lock():
    from filelock import FileLock

    lock_dir = config.state_dir() / "locks"
    config.make_dir(lock_dir)
    return FileLock(str(lock_dir / "config.lock"), timeout=30)


# --- a tiny TOML writer -------------------------------------------------------------------------
def dumps(data: dict[str, Any]) -> str:
    """TOML for nested tables of scalars and lists of scalars (what this file holds)."""
    lines: list[str] = []
    _write_table(lines, [], data)
    return "\n".join(lines).lstrip("\n") + "\n"


def _write_table(lines: list[str], keys: list[str], table: dict[str, Any]) -> None:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in table.items() if isinstance(v, dict)}
    if keys and (scalars or not tables):
        lines.append("")
        lines.append("[" + ".".join(_key(k) for k in keys) + "]")
    for key, value in scalars.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in tables.items():
        _write_table(lines, [*keys, key], value)


def _key(key: str) -> str:
    return key if _BARE_KEY_RE.match(key) else _string(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _string(text: str) -> str:
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write to a temp file in the same directory, fsync, then rename: never half a file."""
    config.make_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(path.parent))
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

"""Every environment variable name, every default endpoint and every path the CLI uses.

Kept in one module (as hatch does) so that a reader finds the whole configuration surface in
one place. Importing this module is cheap: no httpx, keyring or pydantic.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

APP_NAME = "xerocli"

# Environment variables (documented in README.md, "Environment variables").
ENV_SANDBOX_URL = "XERO_SANDBOX_URL"
ENV_LOGIN_URL = "XERO_LOGIN_URL"
ENV_IDENTITY_URL = "XERO_IDENTITY_URL"
ENV_API_URL = "XERO_API_URL"
ENV_CONFIG_DIR = "XERO_CONFIG_DIR"
ENV_PROFILE = "XERO_PROFILE"
ENV_ACCESS_TOKEN = "XERO_ACCESS_TOKEN"
ENV_CLIENT_ID = "XERO_CLIENT_ID"
ENV_CLIENT_SECRET = "XERO_CLIENT_SECRET"
ENV_TENANT_ID = "XERO_TENANT_ID"
ENV_TOKEN_STORE = "XERO_TOKEN_STORE"
ENV_KEYRING_TIMEOUT = "XERO_KEYRING_TIMEOUT"
ENV_WEBHOOK_KEY = "XERO_WEBHOOK_KEY"
ENV_DATA_DIR = "XERO_DATA_DIR"
ENV_STATE_DIR = "XERO_STATE_DIR"
ENV_NO_COLOR = "NO_COLOR"
#: The pager for one document on a terminal (`xero invoices get`), then PAGER; none if unset.
ENV_PAGER = "XERO_PAGER"
ENV_PAGER_FALLBACK = "PAGER"
#: Length of the rate-limit "minute" the client paces to (default 60; for a sandbox started
#: with `--minute-seconds`).

DEFAULT_LOGIN_URL = "https://login.xero.com"
DEFAULT_IDENTITY_URL = "https://identity.xero.com"
DEFAULT_API_URL = "https://api.xero.com/api.xro/2.0"

AUTHORIZE_PATH = "/identity/connect/authorize"
TOKEN_PATH = "/connect/token"
REVOCATION_PATH = "/connect/revocation"
CONNECTIONS_PATH = "/connections"
ACCOUNTING_PATH = "/api.xro/2.0"

DEFAULT_PROFILE = "default"
CONFIG_FILE = "config.toml"
#: Xero matches redirect URIs exactly, so the loopback port is fixed per app registration.
DEFAULT_REDIRECT_URI = "http://localhost:8749/callback"
#: The keyring service name every stored secret lives under (one entry per profile and kind).
KEYRING_SERVICE = "xerocli"
#: Token store kinds: the OS keyring (default) or the opt-in 0600 file under the data dir.
TOKEN_STORES = ("keyring", "file")

#: Apps created from March 2026 must ask for granular scopes (xero-api.md, OAuth 2.0).
GRANULAR_SCOPES = (
    "offline_access accounting.invoices accounting.payments accounting.banktransactions"
    " accounting.manualjournals accounting.contacts accounting.settings accounting.attachments"
    " accounting.reports.trialbalance.read"
    " accounting.reports.profitandloss.read accounting.reports.balancesheet.read"
    " accounting.reports.aged.read accounting.reports.banksummary.read"
    " accounting.reports.budgetsummary.read accounting.reports.executivesummary.read"
    " accounting.reports.taxreports.read accounting.reports.tenninetynine.read"
    " accounting.journals.read paymentservices accounting.budgets.read"
)
#: Older apps keep the legacy set until they migrate.
LEGACY_SCOPES = (
    "offline_access accounting.transactions accounting.contacts accounting.settings"
    " accounting.attachments accounting.reports.read accounting.journals.read paymentservices"
    " accounting.budgets.read"
)


@dataclass(frozen=True)
class Endpoints:
    """Where each part of Xero lives; a sandbox or a proxy replaces scheme and host only."""

    authorize: str
    token: str
    revocation: str
    connections: str
    api: str

    @classmethod
    def for_base(cls, base: str) -> Endpoints:
        """Every endpoint at one server: Xero's paths do not collide, so one port serves all."""
        base = base.rstrip("/")
        return cls(
            authorize=base + AUTHORIZE_PATH,
            token=base + TOKEN_PATH,
            revocation=base + REVOCATION_PATH,
            connections=base + CONNECTIONS_PATH,
            api=base + ACCOUNTING_PATH,
        )

    @property
    def issuer(self) -> str:
        """The origin that issues and refreshes logins: what a stored login is bound to."""
        return url_origin(self.token)

    @classmethod
    def from_env(cls, sandbox_url: str | None = None) -> Endpoints:
        """`--sandbox-url`/XERO_SANDBOX_URL first, then the one-by-one overrides, then Xero.

        Each is refused when it is plain http to another machine: tokens and secrets would
        cross the network unencrypted (a sandbox on this machine may be plain http)."""
        sandbox = sandbox_url or os.environ.get(ENV_SANDBOX_URL)
        if sandbox:
            _refuse_plain_http(f"the sandbox URL (--sandbox-url or {ENV_SANDBOX_URL})", sandbox)
            return cls.for_base(sandbox)
        login = os.environ.get(ENV_LOGIN_URL, DEFAULT_LOGIN_URL).rstrip("/")
        identity = os.environ.get(ENV_IDENTITY_URL, DEFAULT_IDENTITY_URL).rstrip("/")
        api = os.environ.get(ENV_API_URL, DEFAULT_API_URL).rstrip("/")
        for name, url in ((ENV_LOGIN_URL, login), (ENV_IDENTITY_URL, identity), (ENV_API_URL, api)):
            _refuse_plain_http(name, url)
        parts = urlsplit(api)
        return cls(
            authorize=login + AUTHORIZE_PATH,
            token=identity + TOKEN_PATH,
            revocation=identity + REVOCATION_PATH,
            connections=f"{parts.scheme}://{parts.netloc}{CONNECTIONS_PATH}",
            api=api,
        )


def url_origin(url: str) -> str:
    """`https://identity.xero.com/connect/token` -> `https://identity.xero.com` (lower case,
    the scheme's default port left out)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # not a number: compares as no port
        port = None
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def is_loopback_host(host: str | None) -> bool:
    """127.0.0.0/8, ::1 or localhost: this machine, where a sandbox runs."""
    host = (host or "").lower().strip("[]")
    if host in ("localhost", "::1") or host.endswith(".localhost"):
        return True
    octets = host.split(".")
    return len(octets) == 4 and octets[0] == "127" and all(o.isdigit() for o in octets)


def same_login_server(stored: str, current: str) -> bool:
    """Whether a login made at `stored` may be sent to `current` (both origins).

    The same origin, or two sandboxes on this machine: a sandbox started again on a new port
    with its data file holds the same logins, and loopback never leaves the machine."""
    a, b = urlsplit(url_origin(stored)), urlsplit(url_origin(current))
    if a.scheme == b.scheme == "http" and is_loopback_host(a.hostname):
        return is_loopback_host(b.hostname)
    return url_origin(stored) == url_origin(current)


def _refuse_plain_http(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() == "http" and not is_loopback_host(parts.hostname):
        from xerocli import errors

        raise errors.UsageError(
            f"{name} {url} is plain http to another machine: access tokens and secrets would"
            " cross the network unencrypted; use https, or a sandbox on this machine"
            " (http://127.0.0.1:PORT)"
        )


def _dir(env_name: str, platform_attr: str) -> Path:
    override = os.environ.get(env_name)
    if override:
        return Path(override).expanduser()
    import platformdirs  # imported here: only commands that touch the disk pay for it

    return Path(getattr(platformdirs, platform_attr)(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Profiles (config.toml) live here; XERO_CONFIG_DIR overrides the platform default."""
    return _dir(ENV_CONFIG_DIR, "user_config_dir")


def data_dir() -> Path:
    """The opt-in token file store and the embedded sandbox's database live here."""
    return _dir(ENV_DATA_DIR, "user_data_dir")


def state_dir() -> Path:
    """Rate-limit ledgers, export high-water marks and lock files live here."""
    return _dir(ENV_STATE_DIR, "user_state_dir")


def make_dir(path: Path, mode: int = 0o777) -> None:
    """Create `path` and its parents; xerocli's own config, data and state folders are made
    0700 when this creates them.

    They hold the mirror of an organisation's books, export marks, the rate ledger and the
    profiles: under a umask of 022 they were readable by every user of the machine (the
    mirror is every invoice), under 000 writable too (another user could swap a mark and a
    cron export would skip what changed). A folder that exists is left as its owner made it
    (XERO_DATA_DIR may name a shared one on purpose). `mode` is the last folder's, as for
    `Path.mkdir`. Raises OSError as `mkdir` does."""
    for root in (config_dir(), data_dir(), state_dir()):
        if path == root or root in path.parents:
            if not root.is_dir():
                root.parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(FileExistsError):  # another process made it first
                    root.mkdir(mode=0o700)
            break
    path.mkdir(parents=True, exist_ok=True, mode=mode)


def state_dir_error(path: Path, exc: BaseException):
    """The one-line error for a state dir xero cannot write (read-only, full, not a dir).

    Exit 2: the user's environment is at fault, nothing was sent, and the fix is theirs."""
    from xerocli import errors

    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return errors.UsageError(
        f"cannot write the state directory {state_dir()} ({reason} at {path}): xero keeps its"
        " rate-limit ledger, token cache and locks there; make it writable, free space on its"
        f" disk, or set {ENV_STATE_DIR} to a writable directory"
    )

"""Everything about the sandbox a test or a user may turn: token lifetimes, limits, faults.

Settable at start (`xero sandbox serve --minute-limit 5 ...`) and at run time through
`POST /__sandbox/config`, so one sandbox can serve a whole test session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

#: The demo app for browser logins (Authorization Code + PKCE, no secret), shown in the banner.
#: The custom-connection app the demo company has (machine-to-machine, client credentials).
DEMO_CLIENT_ID = "SANDBOXCUSTOMCONNECTION00000001"
DEMO_CLIENT_SECRET = "sandbox-demo-secret-not-for-production"


@dataclass
class SandboxConfig:
    # OAuth
    access_token_ttl: float = 1800.0
    refresh_grace_seconds: float = 1800.0
    consent: str = "allow"  # "deny" makes the authorize endpoint refuse, as a user clicking Cancel
    custom_connections: dict[str, str] = field(
        default_factory=lambda: {DEMO_CLIENT_ID: DEMO_CLIENT_SECRET}
    )
    custom_connection_tenant: int = 0  # index of the tenant a custom connection is tied to
    # Rate limits (per app and tenant, except app_minute_limit)
    minute_seconds: float = 60.0
    minute_limit: int = 60
    concurrent_limit: int = 5
    day_limit: int = 5000
    app_minute_limit: int = 10000
    # Faults, for the reliability tests
    latency_ms: float = 0.0
    # Calls that got their rate-limit slot wait until this is set false again: a test holds
    # exactly as many calls in flight as it started, with no clock to race (`held` in stats)
    hold_calls: bool = False
    # Reads (GETs) after this many, counted from when it is set, wait as `hold_calls` makes
    # them until it is set to null: a list's page 1 answered, its later pages not yet, while
    # a write goes through (a record that changes while a list is paged, with no clock).
    hold_reads_after: int | None = None
    error_rate: float = 0.0  # share of answers replaced by a 500
    unavailable_rate: float = 0.0  # share of answers replaced by a 503
    drop_rate: float = 0.0  # share of answers cut off mid-body and the connection closed
    fault_seed: int | None = None
    # HTTP: seconds a request body may stall before the answer is a 400 (a client that sends
    # less than its Content-Length must not hold a thread for ever)
    read_timeout: float = 5.0
    # Time, for tests: seconds the sandbox's clock moves forward at each API call, so a token
    # lives a fixed number of calls whatever the machine's speed (see `clock.py`)
    clock_step_seconds: float = 0.0
    # Webhooks: a failed delivery is tried again after this many seconds, doubled each time,
    # until the next try would be past the window after the first failure (Xero: 24 hours);
    # then the subscription is disabled. Tests shorten both.
    webhook_retry_seconds: float = 60.0
    webhook_retry_window_seconds: float = 86400.0

    def update(self, changes: dict) -> None:
        """Apply a partial update, all or nothing.

        Unknown keys are a `KeyError` and bad values a `ValueError`, so a typo or a string where
        a number belongs never passes silently (the control panel's JSON parses decimals as
        `Decimal`, which `time.sleep` and friends refuse: values are coerced here, once).
        """
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise KeyError(", ".join(unknown))
        checked = {key: _check(key, value) for key, value in changes.items()}
        for key, value in checked.items():
            setattr(self, key, value)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["custom_connections"] = sorted(data["custom_connections"])  # never echo secrets
        return data


_FLOATS = {
    "access_token_ttl",
    "refresh_grace_seconds",
    "minute_seconds",
    "latency_ms",
    "read_timeout",
    "clock_step_seconds",
    "webhook_retry_seconds",
    "webhook_retry_window_seconds",
}
#: Settings where 0 means nothing sensible (a zero timeout is a non-blocking socket).
_POSITIVE = {"minute_seconds", "read_timeout", "webhook_retry_seconds"}
_RATES = {"error_rate", "unavailable_rate", "drop_rate"}
_COUNTS = {
    "minute_limit",
    "concurrent_limit",
    "day_limit",
    "app_minute_limit",
    "custom_connection_tenant",
}


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValueError(f"{key} must be a number, not {value!r}")
    return float(value)


def _check(key: str, value: Any) -> Any:
    """One setting's value, coerced to its type, or a `ValueError` that names it."""
    if key in _FLOATS:
        number = _number(key, value)
        if number < 0 or (key in _POSITIVE and number == 0):
            raise ValueError(f"{key} must be positive, not {value!r}")
        return number
    if key in _RATES:
        number = _number(key, value)
        if not 0 <= number <= 1:
            raise ValueError(f"{key} must be between 0 and 1, not {value!r}")
        return number
    if key in _COUNTS:
        number = _number(key, value)
        if number != int(number) or number < 0:
            raise ValueError(f"{key} must be a whole number >= 0, not {value!r}")
        return int(number)
    if key == "hold_calls":
        if not isinstance(value, bool):
            raise ValueError(f"hold_calls must be true or false, not {value!r}")
        return value
    if key == "consent":
        if value not in ("allow", "deny"):
            raise ValueError(f"consent must be 'allow' or 'deny', not {value!r}")
        return value
    if key == "hold_reads_after":
        if value is None:
            return None
        number = _number(key, value)
        if number != int(number) or number < 0:
            raise ValueError(f"hold_reads_after must be a whole number >= 0 or null, not {value!r}")
        return int(number)
    if key == "fault_seed":
        if value is None:
            return None
        number = _number(key, value)
        if number != int(number):
            raise ValueError(f"fault_seed must be a whole number, not {value!r}")
        return int(number)
    if key == "custom_connections":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ValueError("custom_connections must map client ids to secrets")
        return dict(value)
    return value

"""Everything about the sandbox a test or a user may turn: token lifetimes, limits, faults.

Settable at start (`xero sandbox serve --minute-limit 5 ...`) and at run time through
`POST /__sandbox/config`, so one sandbox can serve a whole test session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal

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
    error_rate: float = 0.0  # share of answers replaced by a 500
    unavailable_rate: float = 0.0  # share of answers replaced by a 503
    drop_rate: float = 0.0  # share of answers cut off mid-body and the connection closed
    fault_seed: int | None = None

    def update(self, changes: dict) -> None:
        """Apply a partial update; unknown keys are an error so a typo never passes silently."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise KeyError(", ".join(unknown))
        for key, value in changes.items():
            # JSON bodies are parsed with Decimal numbers; settings are plain floats.
            setattr(self, key, float(value) if isinstance(value, Decimal) else value)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["custom_connections"] = sorted(data["custom_connections"])  # never echo secrets
        return data

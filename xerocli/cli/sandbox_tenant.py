"""The organisation `xero --sandbox ...` commands use, kept apart from every real profile.

The sandbox logs in by itself, so no profile's login is involved and no profile's selection
applies; `xero --sandbox tenants select NAME` is kept here instead (beside the embedded
sandbox's database), so a play session never writes a demo tenant ID into a real profile.
"""

from __future__ import annotations

import json
from pathlib import Path

from xerocli import config

FILE_NAME = "sandbox-tenant.json"


def _path() -> Path:
    return config.data_dir() / FILE_NAME


def selected() -> tuple[str, str | None] | None:
    """(tenant ID, name) chosen for `--sandbox` commands, or None (then the first demo company)."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    tenant_id = data.get("tenantId") if isinstance(data, dict) else None
    if not tenant_id:
        return None
    name = data.get("tenantName")
    return str(tenant_id), str(name) if name else None


def select(tenant_id: str, tenant_name: str | None) -> Path:
    """Remember the choice atomically (a reader never sees half a file)."""
    from xerocli.profiles import write_atomic

    path = _path()
    config.make_dir(path.parent)
    write_atomic(path, json.dumps({"tenantId": tenant_id, "tenantName": tenant_name}) + "\n")
    return path

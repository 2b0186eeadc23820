"""`POST /Setup`: a new organisation's chart of accounts, conversion date and conversion
balances in one request (Xero's conversions guide). Checked whole before anything is sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xerocli import errors
from xerocli.api.input_text import parse_json
from xerocli.api.inputs import InputRecord, validate
from xerocli.api.resources import SETUP

if TYPE_CHECKING:  # the client imports httpx: only when something is sent
    from xerocli.api.client import XeroClient


def read_setup(source: str) -> dict[str, Any]:
    """The one Setup object of `--file`, checked (balances that balance, known fields, a
    ConversionDate with balances): what would be sent."""
    from pathlib import Path

    from xerocli.api import models

    label = f"--file {source}"
    try:
        text = Path(source).read_bytes()
    except FileNotFoundError:
        raise errors.UsageError(f"--file: {source} does not exist") from None
    except OSError as exc:
        raise errors.UsageError(f"--file: cannot read {source} ({exc.strerror})") from None
    data = parse_json(text, label)
    if not isinstance(data, dict):
        raise errors.UsageError(f"{label}: expected one JSON object (ConversionDate, ...)")
    return validate([InputRecord(1, data, label)], models.Setup)[0]


def post_setup(client: XeroClient, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
    """Send it; Xero's ImportSummary (accounts new and updated, the organisation's date)."""
    answer = client.request(
        "POST",
        SETUP.path,
        json_body=body,
        idempotency_key=idempotency_key,
        scope_hint=SETUP.scopes[0],
    )
    return (answer.payload or {}).get("ImportSummary") or {}

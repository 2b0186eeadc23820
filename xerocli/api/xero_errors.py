"""Xero's error answers turned into one-line messages that name the fix.

Xero's bodies vary by layer: the identity server (`{"error": "invalid_grant"}`), the API
gateway (`{"Title": "Unauthorized", "Detail": "TokenExpired: ..."}`), the Accounting API
(`{"Type": "ValidationException", "Elements": [...]}`), and plain text for maintenance 503s.
"""

from __future__ import annotations

from typing import Any

from xerocli import errors


def validation_messages(payload: Any) -> list[str]:
    """Every `ValidationErrors[].Message`, prefixed with the element it belongs to."""
    lines: list[str] = []
    if not isinstance(payload, dict):
        return lines
    for index, element in enumerate(payload.get("Elements") or [], start=1):
        label = _element_label(element, index)
        for problem in element.get("ValidationErrors") or []:
            lines.append(f"{label}: {problem.get('Message', 'invalid')}")
        for line_index, line in enumerate(element.get("LineItems") or [], start=1):
            for problem in line.get("ValidationErrors") or []:
                lines.append(f"{label} line {line_index}: {problem.get('Message', 'invalid')}")
    return lines


def _element_label(element: dict, index: int) -> str:
    for key in ("InvoiceNumber", "CreditNoteNumber", "PurchaseOrderNumber", "Name", "Code"):
        if element.get(key):
            return f"record {index} ({element[key]})"
    return f"record {index}"


def error_for(status: int, payload: Any, text: str, *, scope_hint: str | None = None) -> Exception:
    """The CLI error for a non-success answer."""
    detail = ""
    if isinstance(payload, dict):
        detail = str(payload.get("Detail") or payload.get("Message") or payload.get("error") or "")
    if status == 400:
        lines = validation_messages(payload)
        message = detail or text.strip()[:200] or "Bad request"
        if lines:
            return errors.ValidationError(f"Xero rejected the request: {lines[0]}", details=lines)
        return errors.ValidationError(f"Xero rejected the request: {message}")
    if status == 401:
        reason = detail.split(":")[0] if detail else "Unauthorized"
        return errors.AuthError(
            f"Xero rejected the access token ({reason}); run `xero auth login` to sign in again"
        )
    if status == 403:
        if "AuthorizationUnsuccessful" in detail:
            need = f"the scope {scope_hint}" if scope_hint else "a scope"
            return errors.AuthError(
                f"the login lacks {need}, which this call needs: run `xero auth login` again"
                " (its default scopes include it) or add it to --scopes; a custom connection"
                " adds it to the app at developer.xero.com"
            )
        return errors.AuthError(
            "Xero refused access to this organisation (not connected, or no tenant selected); "
            "run `xero tenants list` and `xero tenants select`"
        )
    if status == 404:
        return errors.NotFoundError(detail or "not found")
    if status == 405:
        return errors.NotFoundError(
            "Xero answered 405 Method Not Allowed: this endpoint does not take that method"
        )
    if status == 429:
        return errors.RateLimitError("Xero's rate limit is still exceeded after retries")
    if status >= 500:
        message = detail or text.strip().splitlines()[0][:200] if text.strip() else ""
        return errors.UnavailableError(f"Xero answered {status}{': ' + message if message else ''}")
    # Any other 4xx (409, 413, 415, ...) is Xero refusing this request, not a bug of ours.
    return errors.ValidationError(
        f"Xero rejected the request ({status}): {detail or text.strip()[:200] or 'no details'}"
    )

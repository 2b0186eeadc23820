"""Xero's error answers turned into one-line messages that name the fix.

Xero's bodies vary by layer: the identity server (`{"error": "invalid_grant"}`), the API
gateway (`{"Title": "Unauthorized", "Detail": "TokenExpired: ..."}`), the Accounting API
(`{"Type": "ValidationException", "Elements": [...]}`), and plain text for an unknown record's
404 ("The resource you're looking for cannot be found") and for maintenance 503s.
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
        for where, message in element_problems(element):
            lines.append(f"{label}{' ' + where if where else ''}: {message}")
    return lines


def element_problems(element: dict) -> list[tuple[str, str]]:
    """One element's problems as (where, message): where is "" for the element, "line 2" for
    its second line. Xero repeats each line's errors in the element's own `ValidationErrors`,
    so a message that a line carries is reported once, on its line."""
    on_lines: list[tuple[str, str]] = []
    for line_index, line in enumerate(element.get("LineItems") or [], start=1):
        for problem in line.get("ValidationErrors") or []:
            on_lines.append((f"line {line_index}", problem.get("Message", "invalid")))
    said_on_a_line = {message for _, message in on_lines}
    on_element = [
        ("", message)
        for message in (p.get("Message", "invalid") for p in element.get("ValidationErrors") or [])
        if message not in said_on_a_line
    ]
    return list(dict.fromkeys(on_element + on_lines))


def _label_keys() -> tuple[str, ...]:
    """What names an element in a message: its number (or code) as the resource table has
    it, else its name."""
    from xerocli.api.resources import RESOURCES

    numbers = [r.number_field for r in RESOURCES if r.number_field]
    return (*dict.fromkeys(numbers), "Name")


def _element_label(element: dict, index: int) -> str:
    for key in _label_keys():
        if element.get(key):
            return f"record {index} ({element[key]})"
    return f"record {index}"


def error_for(
    status: int,
    payload: Any,
    text: str,
    *,
    scope_hint: str | None = None,
    path: str | None = None,
) -> Exception:
    """The CLI error for a non-success answer; `path` names what a 404 did not find."""
    detail = ""
    if isinstance(payload, dict):
        detail = str(payload.get("Detail") or payload.get("Message") or payload.get("error") or "")
    if status == 400:
        lines = validation_messages(payload)
        message = detail or text.strip()[:200] or "Bad request"
        if lines:
            return errors.ValidationError(f"Xero rejected the request: {lines[0]}", details=lines)
        return errors.ValidationError(f"Xero rejected the request: {message}")
    if status in (401, 403) and "AuthorizationUnsuccessful" in detail:
        # Xero's answer to a token without the endpoint's scope (a 401 a refresh cannot cure;
        # some gateways say 403): name the scope, not "sign in again".
        need = f"the scope {scope_hint}" if scope_hint else "a scope"
        return errors.AuthError(
            f"the login lacks {need}, which this call needs (AuthorizationUnsuccessful): run"
            " `xero auth login` again (its default scopes include it) or add it to --scopes; a"
            " custom connection adds it to the app at developer.xero.com"
        )
    if status == 401:
        reason = detail.split(":")[0] if detail else "Unauthorized"
        return errors.AuthError(
            f"Xero rejected the access token ({reason}); run `xero auth login` to sign in again"
        )
    if status == 403:
        return errors.AuthError(
            "Xero refused access to this organisation (not connected, or no tenant selected); "
            "run `xero tenants list` and `xero tenants select`"
        )
    if status == 404:
        return not_found(path, detail or _first_line(text))
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


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip()[:200] if lines else ""


def not_found(path: str | None, said: str) -> errors.NotFoundError:
    """One line naming what is missing: Xero's 404 body is plain text that names nothing."""
    what = f"Xero has no {path.strip('/')}" if path else "Xero found nothing there"
    return errors.NotFoundError(f"{what} (404{': ' + said if said else ''})")

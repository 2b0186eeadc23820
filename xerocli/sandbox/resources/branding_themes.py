"""Branding themes (`/BrandingThemes`): how invoices look; read-only, and each theme's payment
services (`/BrandingThemes/{ID}/PaymentServices`: the "pay now" links its invoices carry)."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, not_found, seeded_at, stable_id, tenant_of
from xerocli.sandbox.resources.declaration import Resource, Route
from xerocli.sandbox.resources.payment_services import service_id
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, ms_date

#: Every demo company has Xero's two stock themes.
_THEMES = ("Standard", "Special Projects")


def theme_id(tenant_id: str, index: int) -> str:
    return stable_id(tenant_id, "branding-theme", index)


def seed_themes(company) -> list[dict]:
    tenant = company.spec.tenant_id
    return [
        {
            "BrandingThemeID": theme_id(tenant, index),
            "Name": name,
            "LogoUrl": f"https://in.xero.com/logo?id={theme_id(tenant, index)}",
            "Type": "INVOICE",
            "SortOrder": index,
            "CreatedDateUTC": ms_date(seeded_at(700 - index * 100)),
            # The standard theme carries the demo card service ("Pay now" on its invoices).
            "PaymentServiceIDs": [service_id(tenant, 0)] if index == 0 else [],
        }
        for index, name in enumerate(_THEMES)
    ]


def _theme(store: Store, req: Request) -> dict | None:
    body = store.get_body(tenant_of(req), "BrandingThemes", req.params["record_id"])
    return loads(body) if body else None


def _services_of(store: Store, req: Request, theme: dict) -> list[dict]:
    wanted = set(theme.get("PaymentServiceIDs") or [])
    services = [loads(b) for b in store.select_bodies(tenant_of(req), "PaymentServices")]
    return [service for service in services if service["PaymentServiceID"] in wanted]


def _public(theme: dict) -> dict:
    """A theme as Xero shows it: which services it carries is only told by its own path."""
    return {key: value for key, value in theme.items() if key != "PaymentServiceIDs"}


def list_themes(store: Store, req: Request) -> Response:
    themes = [loads(b) for b in store.select_bodies(tenant_of(req), "BrandingThemes")]
    return answer("BrandingThemes", [_public(theme) for theme in themes])


def get_theme(store: Store, req: Request) -> Response:
    theme = _theme(store, req)
    return not_found() if theme is None else answer("BrandingThemes", [_public(theme)])


def theme_services(store: Store, req: Request) -> Response:
    """`GET /BrandingThemes/{ID}/PaymentServices`."""
    theme = _theme(store, req)
    if theme is None:
        return not_found()
    return answer("PaymentServices", _services_of(store, req, theme))


def add_theme_services(store: Store, req: Request) -> Response:
    """`POST /BrandingThemes/{ID}/PaymentServices`: the named services join the theme."""
    theme = _theme(store, req)
    if theme is None:
        return not_found()
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get("PaymentServices", []) if isinstance(payload, dict) else []
    ids = [str((s or {}).get("PaymentServiceID") or "") for s in sent]
    tenant = tenant_of(req)
    missing = [i for i in ids if store.get_body(tenant, "PaymentServices", i) is None]
    if not ids or missing:
        message = f"Payment service {missing[0]} could not be found" if missing else "None given"
        return Response.json(400, error_body(10, "ValidationException", message))
    theme["PaymentServiceIDs"] = sorted({*(theme.get("PaymentServiceIDs") or []), *ids})
    with store.transaction():
        store.insert_rows([row_for(tenant, "BrandingThemes", theme)])
    return answer("PaymentServices", _services_of(store, req, theme))


RESOURCE = Resource(
    collection="BrandingThemes",
    type_name="BrandingTheme",
    id_field="BrandingThemeID",
    status_field=None,
    fields=frozenset({"BrandingThemeID", "Name", "LogoUrl", "Type", "SortOrder", "CreatedDateUTC"}),
    scopes=("accounting.settings",),
    seed=seed_themes,
    routes=(
        Route("GET", "", list_themes),
        Route("GET", "/{record_id}", get_theme),
        Route("GET", "/{record_id}/PaymentServices", theme_services, ("paymentservices",)),
        Route("POST", "/{record_id}/PaymentServices", add_theme_services, ("paymentservices",)),
    ),
)

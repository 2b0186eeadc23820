"""Invoice reminders (`/InvoiceReminders/Settings`): whether Xero emails customers about
overdue invoices; one setting per organisation, read-only in the API."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, stored
from xerocli.sandbox.resources.declaration import Resource, Route
from xerocli.sandbox.store import Store


def seed_settings(company) -> list[dict]:
    """Reminders are on in the NZ demo company and off in the global one."""
    return [{"Enabled": company.spec.country == "NZ", "TenantID": company.spec.tenant_id}]


def settings(store: Store, req: Request) -> Response:
    shown = [{"Enabled": bool(r.get("Enabled"))} for r in stored(store, req, "InvoiceReminders")]
    return answer("InvoiceReminders", shown)


RESOURCE = Resource(
    collection="InvoiceReminders",
    type_name="InvoiceReminder",
    # Xero's record has no ID; the sandbox keeps the one setting under its tenant's.
    id_field="TenantID",
    status_field=None,
    fields=frozenset({"Enabled"}),
    scopes=("accounting.settings",),
    seed=seed_settings,
    routes=(Route("GET", "/Settings", settings),),
    list_path="InvoiceReminders/Settings",
    by_id=False,
)

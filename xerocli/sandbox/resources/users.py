"""Users (`/Users`): the people with access to the organisation; read-only in Xero's API."""

from __future__ import annotations

from xerocli.sandbox.records import set_updated
from xerocli.sandbox.resources._answers import seeded_at, stable_id
from xerocli.sandbox.resources.declaration import Resource

#: (first name, last name, role, subscriber): who works in each demo company.
_PEOPLE = (
    ("Demo", "Owner", "FINANCIALADVISER", True),
    ("Sam", "Bookkeeper", "STANDARD", False),
    ("Alex", "Auditor", "READONLY", False),
    ("Pat", "Sales", "INVOICEONLY", False),
)


def seed_users(company) -> list[dict]:
    """The same four people in every demo company, with an address at its domain."""
    tenant = company.spec.tenant_id
    domain = company.spec.short_code.strip("!") + ".example.com"
    users = []
    for index, (first, last, role, subscriber) in enumerate(_PEOPLE):
        user = {
            "UserID": stable_id(tenant, "user", index),
            "EmailAddress": f"{first}.{last}@{domain}".lower(),
            "FirstName": first,
            "LastName": last,
            "IsSubscriber": subscriber,
            "OrganisationRole": role,
        }
        set_updated(user, seeded_at(400 - index * 60))
        users.append(user)
    return users


RESOURCE = Resource(
    collection="Users",
    type_name="User",
    id_field="UserID",
    status_field=None,
    fields=frozenset(
        {
            "UserID",
            "EmailAddress",
            "FirstName",
            "LastName",
            "UpdatedDateUTC",
            "IsSubscriber",
            "OrganisationRole",
        }
    ),
    scopes=("accounting.settings",),
    seed=seed_users,
)

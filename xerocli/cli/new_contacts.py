"""Say, before sending, that a write will create a contact: Xero makes a new contact of any
`Contact.Name` it does not know, silently, so a typo ("Acme Ltd." for "Acme Ltd") would
otherwise leave a second contact behind."""

from __future__ import annotations

from typing import Any

from xerocli.api import guid
from xerocli.api.resources import CONTACT_OPTION, Resource, resource


def named_contact(owner: Resource, values: dict[str, Any]) -> str | None:
    """The `--contact` value when it is a name (not a ContactID), for resources that take it."""
    if CONTACT_OPTION not in owner.create_options:
        return None
    given = values.get(CONTACT_OPTION.option)
    if not given:
        return None
    return None if guid.is_guid(str(given)) else str(given)


def warn_if_new(client: Any, name: str, io: Any) -> bool:
    """One lookup by name; on stderr, a line when Xero will create the contact. True if new."""
    from xerocli.api.query import quote

    found = client.get_records(resource("contacts"), {"where": f"Name=={quote(name)}"})
    if found:
        return False
    io.warn(f"Contact {name!r} is not in Xero: Xero will create it as a new contact.")
    return True

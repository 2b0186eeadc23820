"""Field names in `where` and `order`, checked against each resource's declared fields.

Xero parses `where` and `order` against its model types (a .NET dynamic-LINQ expression) and
answers a field it does not know with 400 `No property or field 'Foo' exists in type
'Invoice'`, not with an empty list. Names match without regard to case, as in Xero; the
canonical spelling is what the store's JSON uses. The fields are the resources' own
(`Resource.fields`, `Resource.nested`).
"""

from __future__ import annotations

from collections.abc import Mapping

from xerocli.sandbox import resources
from xerocli.sandbox.resources.declaration import Nested


class UnknownField(ValueError):
    """A field the kind does not have; the message is Xero's."""


def _lookup(names: frozenset[str], name: str) -> str | None:
    if name in names:
        return name
    lowered = name.lower()
    return next((known for known in names if known.lower() == lowered), None)


def canonical(kind: str, path: str) -> str:
    """`contact.name` -> `Contact.Name` for Invoices; `UnknownField` for a field Xero lacks.

    Paths deeper than the sandbox knows (`Contact.Addresses.City`) are taken as given past the
    last level it can check.
    """
    resource = resources.get(kind)
    names: frozenset[str] | None = resource.fields
    type_name = resource.type_name
    nested: Mapping[str, str | Nested] = resource.nested
    parts = path.split(".")
    out: list[str] = []
    for index, part in enumerate(parts):
        if names is None:
            out.extend(parts[index:])
            break
        found = _lookup(names, part)
        if found is None:
            raise UnknownField(f"No property or field '{part}' exists in type '{type_name}'")
        out.append(found)
        held = nested.get(found)
        if isinstance(held, str):
            inner = resources.get(held)
            names, type_name, nested = inner.fields, inner.type_name, inner.nested
        elif isinstance(held, Nested):
            names, type_name, nested = held.fields, held.type_name, {}
        else:
            names = None
    return ".".join(out)

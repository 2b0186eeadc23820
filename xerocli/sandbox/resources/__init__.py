"""Every resource the sandbox serves, each declared once (see `declaration.Resource`).

Each module of this package that defines `RESOURCE` is one collection of `/api.xro/2.0/`: its
declaration and the code only it needs (its writer, its ledger postings, its rules). The engine
reads `ALL` and `by_collection()`; nothing outside this package switches on a collection's name.

Adding a resource
-----------------
1. Add `resources/<name>.py` with `RESOURCE = Resource(collection=..., type_name=...,
   id_field=..., fields=..., scopes=...)`: the number, date and due fields it indexes, what
   it holds of other records (`nested`), its list parameters (`Listing`: paged, summaryOnly,
   searchTerm fields, includeArchived, its line field).
2. Say how it is seeded: `seeded_by` names the company generator's step when `seed.py` builds
   it beside related documents; a resource of its own gives `seed=` a function
   `(company) -> records`, called after everything the generator builds.
3. Read-only ends here: it is listed (paged or not), read by ID, filtered with `where`/`order`,
   and covered by `tests/sandbox/test_xero_walk.py`. A writable resource adds `writer=` (and,
   as it needs them, `postings=`/`posted_statuses=` for the ledger (and `journal_documents=`
   when its journals are not the record itself: a prepayment's allocations), `webhook_category=`,
   `lifecycle=`, `number_prefix=`, `delete=`, `email=`, `allocate=`), and tests of its rules.
The module is found on its own (no list to edit); `register()` adds one from elsewhere (tests).
"""

from __future__ import annotations

import importlib
import pkgutil

from xerocli.sandbox.resources.declaration import Resource

#: Every declared resource, in module-name order (`register` adds to it).
ALL: list[Resource] = []
_BY_COLLECTION: dict[str, Resource] = {}


def register(resource: Resource) -> Resource:
    """Serve `resource` (replacing one of the same collection); returns it."""
    unregister(resource.collection)
    ALL.append(resource)
    _BY_COLLECTION[resource.collection.lower()] = resource
    return resource


def unregister(collection: str) -> None:
    """Stop serving a collection (for tests that declare a throwaway resource)."""
    found = _BY_COLLECTION.pop(collection.lower(), None)
    if found is not None:
        ALL.remove(found)


def by_collection(name: str) -> Resource | None:
    """The resource for a collection name, in any case (URLs are case-insensitive)."""
    return _BY_COLLECTION.get(name.lower())


def get(name: str) -> Resource:
    """The resource for a collection the engine itself names (a KeyError if undeclared)."""
    found = by_collection(name)
    if found is None:
        raise KeyError(name)
    return found


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_") or module.name == "declaration":
            continue
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "RESOURCE", None)
        if isinstance(declared, Resource):
            register(declared)


_discover()

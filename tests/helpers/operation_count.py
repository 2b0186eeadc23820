"""How much of Xero's Accounting API xerocli names by a command and its sandbox serves, counted
from the code, not by hand (issue 14's count).

`named()` is every request shape the resource table makes the CLI send (list, get, create,
upsert, update, status verbs, delete, allocations, refunds, actions, attachments, history,
online invoice, email; `pdf` names both of Xero's PDF forms) plus `xero reports` and `xero
setup`; `served()` says whether the sandbox's declarations (and its reports and document
routes) answer a method and path.
`xero api` reaches everything and is not counted.

Run it with the spec's path (tests never read the spec):

    python -m tests.helpers.operation_count /work/shared/xero-openapi/xero_accounting.yaml
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from xerocli.api import reports as client_reports
from xerocli.api.resources import RESOURCES, SETUP, Resource
from xerocli.sandbox import resources as declared
from xerocli.sandbox.reports import REPORTS as SANDBOX_REPORTS

ANY = "{}"
#: An attachment named by its file name, not its ID (Xero has both paths; they differ).
NAME = "{name}"


def _segment(part: str) -> str:
    if part == NAME or part == "{FileName}":
        return NAME
    return ANY if part.startswith("{") else part.lower()


def _shape(path: str) -> str:
    """`/Invoices/{InvoiceID}/History` -> `/invoices/{}/history` (segments compared alone; a
    `{FileName}` stays apart from an ID)."""
    return "/" + "/".join(_segment(part) for part in path.strip("/").split("/"))


def spec_operations(spec_path: str) -> list[tuple[str, str]]:
    """(METHOD, path) of every operation of the spec's `paths` (a line scan: no YAML reader)."""
    found, path = [], None
    with open(spec_path, encoding="utf-8") as spec:
        for line in spec:
            top = re.match(r"^(\S[^:]*):", line)
            if top:
                path = None if top.group(1) != "paths" else path
                continue
            at = re.match(r"^  (/\S*):\s*$", line)
            if at:
                path = at.group(1)
                continue
            verb = re.match(r"^    (get|put|post|delete):\s*$", line)
            if verb and path:
                found.append((verb.group(1).upper(), path))
    return found


def _of_resource(r: Resource) -> set[tuple[str, str]]:
    base = f"/{r.name}"
    one = f"{base}/{ANY}"
    shapes: set[tuple[str, str]] = set()
    if r is not SETUP:
        shapes.add(("GET", r.list_path))
    if r.get_by == "path":
        shapes.add(("GET", one))
    if r.create_options or (r.model and r is not SETUP):
        shapes |= {("PUT", base), ("POST", base)}  # create, create --upsert
    if r is SETUP:
        shapes.add(("POST", base))
    if r.updatable:
        shapes.add(("POST", base if r.update_by_collection else one))
    for verb in r.status_verbs:
        shapes.add(("POST", one))
        if verb.bulk:
            shapes.add(("POST", base))
    if r.deletable:
        shapes.add(("DELETE", one))
    if r.allocate:
        shapes |= {("PUT", f"{one}/Allocations"), ("DELETE", f"{one}/Allocations/{ANY}")}
    if r.refund:
        shapes.add(("PUT", "/Payments"))
    if r.makes_invoice:
        shapes.add(("PUT", "/Invoices"))
    for action in r.actions:
        path = action.path.replace("{id}", ANY).replace("{item}", ANY)
        shapes.add((action.method, f"{base}/{path}"))
    if r.attachments:
        attachments = f"{one}/Attachments"
        shapes |= {
            ("GET", attachments),
            ("GET", f"{attachments}/{ANY}"),  # download (by AttachmentID)
            ("GET", f"{attachments}/{NAME}"),  # download KEY NAME (by its file name)
            ("PUT", f"{attachments}/{NAME}"),  # attach a new name
            ("POST", f"{attachments}/{NAME}"),  # attach a name the record has
        }
    if r.history:
        shapes |= {("GET", f"{one}/History"), ("PUT", f"{one}/History")}
    if r.online_url:
        shapes.add(("GET", f"{one}/OnlineInvoice"))
    if r.pdf:  # `pdf KEY` sends GET /{ID} with Accept: application/pdf; the spec's `x-path`
        shapes.add(("GET", f"{one}/pdf"))  # names GET /{ID}/pdf the same operation
    if r.name == "Invoices":  # `invoices email` (cli/actions.py)
        shapes.add(("POST", f"{one}/Email"))
    return {(method, _shape(path)) for method, path in shapes}


def named() -> set[tuple[str, str]]:
    """Every (METHOD, path shape) a command of xerocli sends."""
    shapes: set[tuple[str, str]] = set()
    for resource in (*RESOURCES, SETUP):
        shapes |= _of_resource(resource)
    for report in client_reports.REPORTS:
        shapes.add(("GET", _shape(f"/Reports/{report.name}")))
    shapes |= {("GET", "/reports"), ("GET", "/reports/{}")}  # `reports published [ID]`
    return shapes


def served(method: str, path: str) -> bool:
    """Whether the sandbox answers `method path` (a spec path, `{...}` any segment)."""
    parts = path.strip("/").split("/")
    if parts[0] == "Reports":
        if len(parts) == 1:
            return method == "GET"
        names = {name.lower() for name in SANDBOX_REPORTS}
        return method == "GET" and (parts[1].startswith("{") or parts[1].lower() in names)
    resource = declared.by_collection(parts[0])
    if resource is None:
        return False
    rest = "/" + "/".join(parts[1:]) if len(parts) > 1 else ""
    for route in resource.routes:
        pattern = re.sub(r"\{\w+\}", "[^/]+", route.path)
        concrete = rest.replace("{", "x").replace("}", "")
        if route.method == method and re.fullmatch(pattern, concrete, re.IGNORECASE):
            return True
    tail = _shape(rest) if rest else ""
    docs = resource.documents
    rules = {
        ("GET", ""): resource.listed,
        ("GET", "/{}"): resource.by_id,
        ("PUT", ""): resource.writer is not None,
        ("POST", ""): resource.writer is not None,
        ("POST", "/{}"): resource.writer is not None,
        ("DELETE", "/{}"): resource.delete is not None,
        ("PUT", "/{}/allocations"): resource.allocate is not None,
        ("DELETE", "/{}/allocations/{}"): resource.unallocate is not None,
        ("POST", "/{}/email"): resource.email is not None,
        ("GET", "/{}/attachments"): docs.attachments,
        ("GET", "/{}/attachments/{}"): docs.attachments,
        ("GET", "/{}/attachments/{name}"): docs.attachments,  # by ID or by file name
        ("PUT", "/{}/attachments/{name}"): docs.attachments,
        ("POST", "/{}/attachments/{name}"): docs.attachments,
        ("GET", "/{}/history"): docs.history,
        ("PUT", "/{}/history"): docs.history,
        ("GET", "/{}/onlineinvoice"): bool(docs.online_statuses),
        ("GET", "/{}/pdf"): bool(docs.pdf_titles),  # pdf.PdfPaths
    }
    return bool(rules.get((method, tail), False))


def count(spec_path: str) -> dict:
    """Totals and, per collection, the operations both named and served (and what is not)."""
    operations = spec_operations(spec_path)
    shapes = named()
    per: dict[str, list[tuple[str, str, bool, bool]]] = defaultdict(list)
    for method, path in operations:
        per[path.strip("/").split("/")[0]].append(
            (method, path, (method, _shape(path)) in shapes, served(method, path))
        )
    both = sum(1 for ops in per.values() for _, _, n, s in ops if n and s)
    collections = [c for c in per if c != "Reports"]
    covered = [c for c in collections if any(n and s for _, _, n, s in per[c])]
    return {
        "operations": len(operations),
        "named_and_served": both,
        "named": sum(1 for ops in per.values() for _, _, n, _ in ops if n),
        "served": sum(1 for ops in per.values() for _, _, _, s in ops if s),
        "collections": len(collections),
        "collections_covered": len(covered),
        "missing": [
            f"{m} {p} (named={n}, served={s})"
            for ops in per.values()
            for m, p, n, s in ops
            if not (n and s)
        ],
    }


if __name__ == "__main__":  # pragma: no cover - a report for people
    result = count(sys.argv[1])
    for key in ("operations", "named", "served", "named_and_served"):
        print(f"{key}: {result[key]}")
    print(
        f"collections (Reports aside): {result['collections_covered']} of {result['collections']}"
    )
    print("not both named and served:")
    for line in result["missing"]:
        print(f"  {line}")

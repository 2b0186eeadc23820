"""Every record of every declared resource, in every list shape it takes, read by Xero's own SDK.

The walk follows `resources.ALL`, so a new declaration is covered here without a new test: its
unpaged list, every page of a paged one, `summaryOnly=true` where it is declared, and a sample
of its records by ID, from both demo companies, must each deserialize through xero-python's
models (`sdk.deserialize`, the SDK's own deserializer) without error.
"""

from __future__ import annotations

import re

import httpx

from tests.sandbox.sdk import deserialize
from xerocli.sandbox import resources
from xerocli.sandbox.resources.declaration import Resource

#: Records read by ID per resource and company (spread over the list).
SAMPLE = 5
#: Small pages, so a paged collection of the small sandbox has several.
PAGE_SIZE = 40


def sdk_attribute(collection: str) -> str:
    """`BankTransactions` -> `bank_transactions`, the SDK collection model's attribute."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", collection).lower()


def read(client: httpx.Client, resource: Resource, path: str, **params: object) -> dict:
    """One answer, which the SDK must deserialize with every record in it; its JSON."""
    answer = client.get(path, params=params)
    assert answer.status_code == 200, f"{path} {params}: {answer.status_code} {answer.text[:300]}"
    key = resource.answer_key or resource.collection
    parsed = deserialize(answer, key)
    body = answer.json()
    records = getattr(parsed, sdk_attribute(key))
    assert len(records) == len(body[key]), f"{path} {params}"
    return body


def walk(client: httpx.Client, resource: Resource) -> int:
    """Read `resource` in every shape it declares; returns how many answers were checked."""
    name, id_field = resource.collection, resource.id_field
    listed = read(client, resource, resource.list_path or name)[resource.answer_key or name]
    assert listed, f"the demo company has {name}"
    answers = 1
    if not resource.by_id:  # listed only (Currencies) or one record (the organisation)
        return answers
    ids = [record[id_field] for record in listed]
    if resource.listing.paged:
        paged_ids: list[str] = []
        page, pages = 1, 1
        while page <= pages:
            body = read(client, resource, name, page=page, pageSize=PAGE_SIZE)
            paged_ids += [record[id_field] for record in body[name]]
            pages = body["pagination"]["pageCount"]
            page += 1
            answers += 1
        assert sorted(paged_ids) == sorted(ids), f"{name}: the pages hold every record once"
    if resource.listing.summary_only:
        assert len(read(client, resource, name, summaryOnly="true")[name]) == len(ids)
        answers += 1
    step = max(len(ids) // SAMPLE, 1)
    for record_id in ids[::step][:SAMPLE]:
        (one,) = read(client, resource, f"{name}/{record_id}")[name]
        assert one[id_field] == record_id
        answers += 1
    return answers


def test_every_declared_resource_deserializes_with_xero_python(nz, glob) -> None:
    checked = {}
    for resource in resources.ALL:
        if not resource.listed:  # POST only (Setup): nothing to read
            continue
        checked[resource.collection] = sum(walk(client, resource) for client in (nz, glob))
    assert set(checked) >= {"Invoices", "Contacts", "ManualJournals", "TaxRates"}, checked

"""Creating and updating records in batches within Xero's limits, each row's result reported.

Batches are sent with `summarizeErrors=false`, so one bad element does not fail the others and
each comes back with its own `StatusAttributeString` and `ValidationErrors`. Every batch carries
an `Idempotency-Key` derived from the command's key (`KEY-1`, `KEY-2`, ...): a retried request,
or the same command run again with the same `--idempotency-key`, creates nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from xerocli import errors
from xerocli.api import wire
from xerocli.api.client import XeroClient, wire_dumps
from xerocli.api.resources import Resource
from xerocli.api.xero_errors import element_problems

#: Xero refuses request bodies over 3.5 MB; stay under with room for the envelope.
MAX_BODY_BYTES = 3_400_000
MAX_KEY_LENGTH = 128
#: Set on an answer replayed from the idempotency cache (the sandbox sets it, as Stripe does;
#: Xero documents no such signal, so without it a replay cannot be told from a new write).
REPLAYED_HEADER = "Idempotent-Replayed"


@dataclass
class RowResult:
    label: str
    ok: bool
    record: dict[str, Any] | None
    messages: list[str] = field(default_factory=list)
    #: Answered from Xero's idempotency cache (`Idempotent-Replayed: true`): an earlier run
    #: with the same key made it, this one changed nothing.
    replayed: bool = False


def batches(bodies: list[dict], size: int) -> Iterator[tuple[int, int]]:
    """(start, end) index pairs: at most `size` records and MAX_BODY_BYTES per batch."""
    start = 0
    while start < len(bodies):
        end = start
        total = 0
        while end < len(bodies) and end - start < size:
            length = len(wire_dumps(bodies[end]).encode("utf-8")) + 1
            if end > start and total + length > MAX_BODY_BYTES:
                break
            total += length
            end += 1
        yield start, end
        start = end


def batch_key(base: str, index: int) -> str:
    suffix = f"-{index}"
    return base[: MAX_KEY_LENGTH - len(suffix)] + suffix


def write_records(
    client: XeroClient,
    resource: Resource,
    bodies: list[dict],
    labels: list[str],
    *,
    upsert: bool,
    idempotency_key: str,
) -> Iterator[RowResult]:
    """PUT (create) or POST (create or update) every record, one result per input row."""
    method = "POST" if upsert else "PUT"
    params: dict[str, Any] = {"summarizeErrors": "false"} if resource.element_errors else {}
    if resource.unitdp:
        params["unitdp"] = 4
    spans = list(batches(bodies, resource.batch_size))
    for number, (start, end) in enumerate(spans, start=1):
        try:
            answer = client.request(
                method,
                resource.path,
                params=params,
                json_body={resource.name: bodies[start:end]},
                idempotency_key=batch_key(idempotency_key, number),
                scope_hint=resource.scopes[0],
            )
        except errors.ValidationError as exc:
            if "idempotency" not in exc.message.lower() or "different" not in exc.message:
                raise
            raise errors.ValidationError(
                f"{_span(labels[start], labels[end - 1])} (batch {number} of"
                f" {len(spans)}) differ from what was sent before under this idempotency key,"
                " so Xero refused them"
                + (f" (batches 1-{number - 1} went through or were replayed)" if number > 1 else "")
                + ": a changed file needs a new --idempotency-key, and `--upsert` keeps"
                " records created before from being created twice"
            ) from None
        elements = wire.records_of(answer.payload, resource.name)
        # A replay on a first try is an earlier run's answer; after a retry it may be this
        # run's own first try (its connection dropped after Xero wrote), so it is not counted.
        replayed = (
            str(answer.headers.get(REPLAYED_HEADER, "")).lower() == "true" and answer.attempts == 1
        )
        for offset, label in enumerate(labels[start:end]):
            element = elements[offset] if offset < len(elements) else None
            result = _result(label, element)
            result.replayed = replayed
            yield result


def _span(first: str, last: str) -> str:
    """`row 102`, `row 122` -> "rows 102-122" (the labels of a batch's first and last rows)."""
    if first == last:
        return first
    kind, _, number = first.rpartition(" ")
    return f"{kind}s {number}-{last.rpartition(' ')[2]}" if kind else f"{first}-{last}"


def _result(label: str, element: dict | None) -> RowResult:
    if element is None:
        return RowResult(label, False, None, ["Xero returned no result for this row"])
    status = str(element.get("StatusAttributeString") or "OK").upper()
    messages = [f"{where}: {text}" if where else text for where, text in element_problems(element)]
    warnings = [w.get("Message", "") for w in element.get("Warnings") or []]
    if status == "ERROR" or (messages and status != "WARNING"):
        return RowResult(label, False, element, messages or ["rejected by Xero"])
    return RowResult(label, True, element, warnings)


def update_record(
    client: XeroClient,
    resource: Resource,
    record_id: str,
    body: dict[str, Any],
    *,
    idempotency_key: str,
) -> dict:
    """POST one record's changes to `/{Collection}/{ID}` (void, delete a payment, update), or
    to `/{Collection}` where Xero updates there (`update_by_collection`: the ID is in `body`)."""
    params = {"unitdp": 4} if resource.unitdp else None
    path = resource.path if resource.update_by_collection else resource.record_path(record_id)
    answer = client.request(
        "POST",
        path,
        params=params,
        json_body={resource.name: [body]},
        idempotency_key=idempotency_key,
        scope_hint=resource.scopes[0],
    )
    records = wire.records_of(answer.payload, resource.name)
    return records[0] if records else {}

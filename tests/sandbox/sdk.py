"""Reading sandbox answers with Xero's own SDK (xero-python), and checking nothing is lost.

The SDK's models are generated from Xero's OpenAPI spec, so a field name or enum value the
sandbox gets wrong either fails to deserialize (enums are checked by the model setters) or is
silently dropped; `assert_lossless` catches the second case.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import httpx
import simplejson
from xero_python.accounting import AccountingApi
from xero_python.api_client import ApiClient, Configuration

API = ApiClient(Configuration(), pool_threads=1)
FINDER = AccountingApi(API).get_model_finder()
#: Fields Xero sends that the SDK's models leave out: the text twins of transaction dates.
WIRE_ONLY = {"DateString", "DueDateString", "DeliveryDateString", "ExpectedArrivalDateString"}
#: Fields Xero sends on one model that its spec leaves out: a refused element's line items
#: carry their own ValidationErrors (the spec's own Allocation example shows them on nested
#: records; xero-node #177), which the SDK drops.
WIRE_ONLY_ON = {"LineItem": {"ValidationErrors"}}
#: The envelope every answer carries, which the SDK's collection models do not keep.
ENVELOPE = {"Id", "Status", "ProviderName", "DateTimeUTC"}
SCALARS = {"str", "float", "bool", "int", "date", "datetime", "object"}


class _Answer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text


def deserialize(response: httpx.Response, collection: str) -> Any:
    """What `AccountingApi` would hand a caller for this answer."""
    return API.deserialize(_Answer(response.text), collection, FINDER)


def assert_lossless(data: Any, type_name: str, path: str = "") -> None:
    """Every field in `data` has a home in the SDK model `type_name`, recursively."""
    if type_name.startswith("list["):
        assert isinstance(data, list), f"{path}: expected a list"
        for index, item in enumerate(data):
            assert_lossless(item, type_name[5:-1], f"{path}[{index}]")
        return
    base = type_name.split("[")[0]
    if base in SCALARS:
        return
    model = FINDER.find_model(type_name)
    if issubclass(model, Enum):
        model(data)  # raises for a value the spec does not allow
        return
    assert isinstance(data, dict), f"{path}: expected an object for {type_name}"
    by_wire = {wire: attr for attr, wire in model.attribute_map.items()}
    for key, value in data.items():
        if key in WIRE_ONLY or key in WIRE_ONLY_ON.get(type_name, ()):
            continue
        assert key in by_wire, f"{path}.{key} is not a field of {type_name} in Xero's spec"
        assert_lossless(value, model.openapi_types[by_wire[key]], f"{path}.{key}")


def check_answer(response: httpx.Response, collection: str) -> Any:
    """Lossless check of a whole answer, then the SDK's deserialized object."""
    assert response.status_code == 200, response.text
    payload = simplejson.loads(response.text, use_decimal=True)
    assert set(payload) >= ENVELOPE, "the envelope is incomplete"
    assert_lossless({k: v for k, v in payload.items() if k not in ENVELOPE}, collection)
    return deserialize(response, collection)

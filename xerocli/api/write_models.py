"""Which model a record to write must satisfy: create rules, or update rules for a change.

The resource table names each resource's model (`Resource.model`, a class of `api/models.py`,
by name so that the table stays free of pydantic). A change to an existing record is checked
with the same fields, formats, precision and limits, but nothing is required and nothing is
defaulted: Xero's POST changes only the fields it is sent, so a record holding just
`{"InvoiceID": ..., "Reference": "new"}` is a complete change, and a default (Type ACCREC)
would silently overwrite what the record has.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from xerocli.api import models
from xerocli.api.resources import Resource


def create_model(resource: Resource) -> type[models.XeroModel]:
    """The model a new record of `resource` must satisfy."""
    if not resource.model:
        raise KeyError(f"{resource.name} are not written by this CLI")
    model = getattr(models, resource.model)
    if not (isinstance(model, type) and issubclass(model, models.XeroModel)):
        raise TypeError(f"{resource.name}: models.{resource.model} is not a write model")
    return model


def update_model(resource: Resource) -> type[models.XeroModel]:
    """The model a change to an existing record of `resource` must satisfy."""
    return _partial(create_model(resource))


@cache
def _partial(model: type[models.XeroModel]) -> type[models.XeroModel]:
    from pydantic import create_model as pydantic_model
    from pydantic.fields import FieldInfo

    fields: dict[str, Any] = {
        name: (info.annotation | None, FieldInfo.merge_field_infos(info, default=None))
        for name, info in model.model_fields.items()
    }
    partial = pydantic_model(f"{model.__name__}Change", __base__=model, **fields)
    partial.__doc__ = f"A change to an existing {model.__name__}: any of its fields, none required."
    return partial


def model_for(resource: Resource, data: dict[str, Any], *, upsert: bool) -> type[models.XeroModel]:
    """The rules an input row is checked with.

    Without `--upsert` every row is new: create rules. With it, a row holding the ID is a
    change to that record: update rules (and no defaults, which would overwrite its fields).
    A row naming a record only by number (`InvoiceNumber`) may be either: create rules when it
    satisfies them (a whole record, defaults as for a new one), else update rules, so that a
    partial change by number goes through with its formats checked; Xero still refuses it if
    no such record exists.
    """
    if not upsert:
        return create_model(resource)
    if data.get(resource.id_field) not in (None, ""):
        return update_model(resource)
    if not any(data.get(key) not in (None, "") for key in resource.upsert_keys):
        return create_model(resource)
    from pydantic import ValidationError

    try:
        create_model(resource).model_validate(data)
    except ValidationError:
        return update_model(resource)
    return create_model(resource)

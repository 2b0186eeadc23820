"""The resource table says everything about an object once: this walks every entry and checks
it is complete and consistent (model, filters, columns, writes), so a new entry cannot leave
a command half-built or a string key that nothing checks."""

from __future__ import annotations

from typing import get_origin

import pytest

from xerocli.api.resources import LINE_KINDS, RESOURCES, Resource, filters_of_any_resource
from xerocli.api.write_models import create_model, update_model
from xerocli.api.xero_errors import validation_messages

FILTER_KINDS = {
    "where_eq",
    "where_guid",
    "where_date_from",
    "where_date_to",
    "contact",
    "param",
    "param_date",
    "flag",
}
WHERE_KINDS = {"where_eq", "where_guid", "where_date_from", "where_date_to", "contact"}
IDS = [resource.noun for resource in RESOURCES]


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_columns_and_filters_are_complete(resource: Resource) -> None:
    assert resource.columns and resource.export_columns
    assert len({c.path for c in resource.columns}) == len(resource.columns)
    options = [spec.option for spec in resource.filters]
    assert len(set(options)) == len(options)
    for spec in resource.filters:
        assert spec.kind in FILTER_KINDS, spec
        assert spec.help, spec
        if spec.kind in WHERE_KINDS:
            assert resource.supports_where, f"{spec.option}: {resource.name} takes no where"
        if spec.upper:
            assert all(choice == choice.upper() for choice in spec.choices), spec
        if spec.list_param:
            assert spec.kind == "where_eq" and spec.multi, spec
        if spec.kind == "flag":  # on or off: no values to choose or repeat
            assert not (spec.choices or spec.hints or spec.multi), spec
        if spec.option == "status":
            assert spec.choices and spec.target in (resource.status_field, "Status"), spec
    if resource.lines_field:
        assert resource.line_columns
        assert all(c.startswith(resource.line_prefix) for c in resource.line_columns)


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_writes_name_a_model_whose_fields_the_options_fill(resource: Resource) -> None:
    writes = bool(resource.create_options or resource.upsert_keys or resource.updatable)
    assert bool(resource.model) == writes, "a model exactly where records are written"
    if not writes:
        return
    model = create_model(resource)
    fields = set(model.model_fields)
    assert resource.id_field in fields
    for key in resource.upsert_keys:
        assert key in fields, key
    assert len({spec.option for spec in resource.create_options}) == len(resource.create_options)
    for spec in resource.create_options:
        if spec.kind == "tracking":  # `--tracking` fills a field of each line
            (line_model,) = model.model_fields[resource.lines_field].annotation.__args__
            assert spec.path in line_model.model_fields, spec
            continue
        assert spec.path.split(".")[0] in fields, f"--{spec.option} -> {spec.path}"
        if spec.kind in LINE_KINDS:  # given several times, filling one list of the record
            assert get_origin(model.model_fields[spec.path].annotation) is list, spec
            assert spec.path == (resource.lines_field or spec.path), spec
        if spec.kind == "ref":
            assert spec.id_key and spec.key, spec
    # A change to an existing record requires nothing and defaults nothing.
    change = update_model(resource)
    assert set(change.model_fields) == fields
    assert change.model_validate({}).to_xero() == {}


@pytest.mark.parametrize("resource", RESOURCES, ids=IDS)
def test_lookups_and_updates_are_consistent(resource: Resource) -> None:
    if resource.updatable:
        assert resource.create_options, "update is built from the create options"
    if resource.number_in_path:
        assert resource.number_field
    if resource.number_field and not resource.number_in_path:
        assert resource.supports_where or resource.number_param, (
            "a number is otherwise found through where or the endpoint's number parameter"
        )
    if resource.name_field:
        assert resource.supports_where and resource.name_field in resource.export_columns


def _label_key(resource: Resource) -> str | None:
    return resource.number_field or ("Name" if "Name" in resource.export_columns else None)


NAMED = [resource for resource in RESOURCES if _label_key(resource)]


@pytest.mark.parametrize("resource", NAMED, ids=[resource.noun for resource in NAMED])
def test_xero_validation_messages_name_each_object_by_its_number(resource: Resource) -> None:
    key = _label_key(resource)
    element = {key: "K-1", "ValidationErrors": [{"Message": "bad"}]}
    assert validation_messages({"Elements": [element]}) == ["record 1 (K-1): bad"]


def test_filters_offered_for_any_object_cover_every_object() -> None:
    offered = {spec.option: spec for spec in filters_of_any_resource()}
    for resource in RESOURCES:
        for spec in resource.filters:
            assert spec.option in offered
            assert offered[spec.option].multi or not spec.multi

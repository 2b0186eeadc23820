"""`--fields`: one path language for list, get and export, checked against declared fields."""

from __future__ import annotations

import csv
import io

import pytest

from tests.helpers.cli import run_xero
from xerocli.api.resources import RESOURCES
from xerocli.output.schema import check_fields, check_path, root_schema

UNKNOWN = [
    ("Nope,Total", "'Nope' is not a field of invoices (did you mean 'Type'?)"),
    ("contact.name", "'contact.name' is not a field of invoices (did you mean 'Contact.Name'?)"),
    ("total", "'total' is not a field of invoices (did you mean 'Total'?)"),
    ("Nope.Nothing", "'Nope.Nothing' is not a field of invoices"),
    ("Total.Nothing", "'Total.Nothing': Total is a value, with no field Nothing"),
]


@pytest.mark.parametrize(("fields", "message"), UNKNOWN)
def test_unknown_fields_on_list_and_get_are_usage_errors_before_any_call(
    fields, message, sandbox, sandbox_env
) -> None:
    sandbox.reset_stats()
    for command in (["list"], ["get", "INV-0001"]):
        result = run_xero("--sandbox", "invoices", *command, "--fields", fields, env=sandbox_env)
        assert result.code == 2, result
        assert result.stdout == ""
        assert result.stderr.strip() == f"xero: --fields: {message}"
    assert sandbox.stats()["api_calls"] == 0


def test_an_unknown_field_suggests_the_closest_real_one() -> None:
    invoices = next(r for r in RESOURCES if r.noun == "invoices")
    with pytest.raises(Exception, match=r"did you mean 'InvoiceNumber'\?"):
        check_fields(invoices, ["InvoiceNumbr"])
    with pytest.raises(Exception, match=r"did you mean 'LineItems\[0\].Description'\?"):
        check_fields(invoices, ["LineItems[0].descripton"])


def test_an_empty_result_does_not_make_fields_unknown(sandbox_env) -> None:
    none = run_xero(
        "--sandbox", "invoices", "list", "--where", 'InvoiceNumber=="NO-SUCH"',
        "--fields", "InvoiceNumber,Contact.Name", env=sandbox_env,
    )  # fmt: skip
    assert none.ok().json() == []


def test_list_get_and_export_read_the_same_paths(sandbox_env, tmp_path) -> None:
    paths = "ContactID,Addresses[POBOX].City,Addresses.0.City,Phones[DEFAULT].PhoneNumber"
    listed = run_xero(
        "--sandbox", "contacts", "list", "--limit", "5", "-o", "csv", "--fields", paths,
        env=sandbox_env,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(listed.ok().stdout, newline="")))
    assert rows[0] == paths.split(",")
    assert any(row[1] for row in rows[1:]), "the demo contacts have PO boxes"
    target = tmp_path / "contacts.csv"
    run_xero(
        "--sandbox", "export", "csv", "contacts", "--fields", paths, "-o", str(target),
        env=sandbox_env,
    ).ok()  # fmt: skip
    exported = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    by_id = {row[0]: row for row in exported[1:]}
    for row in rows[1:]:
        assert by_id[row[0]] == row
    first = rows[1][0]
    got = run_xero("--sandbox", "contacts", "get", first, "--fields", paths, env=sandbox_env)
    picked = got.ok().json()
    assert picked["Addresses[POBOX]"]["City"] == rows[1][1]
    assert picked["Addresses[0]"]["City"] == rows[1][2]
    assert picked["Phones[DEFAULT]"]["PhoneNumber"] == rows[1][3]


def test_export_refuses_what_list_refuses_with_the_same_message(sandbox_env, tmp_path) -> None:
    listed = run_xero("--sandbox", "invoices", "list", "--fields", "contact.name", env=sandbox_env)
    exported = run_xero(
        "--sandbox", "export", "csv", "invoices", "--fields", "contact.name",
        "-o", str(tmp_path / "x.csv"), env=sandbox_env,
    )  # fmt: skip
    assert listed.code == exported.code == 2
    assert listed.stderr == exported.stderr
    # Export line columns need --lines; on list a line is LineItems[N].
    no_lines = run_xero(
        "--sandbox", "export", "csv", "invoices", "--fields", "LineItem.Description",
        env=sandbox_env,
    )  # fmt: skip
    assert no_lines.code == 2 and "needs --lines" in no_lines.stderr
    on_list = run_xero(
        "--sandbox", "invoices", "list", "--fields", "LineItem.Description", env=sandbox_env
    )
    assert on_list.code == 2 and "LineItems[0].Description" in on_list.stderr


def test_every_table_export_and_served_field_is_declared(sandbox_env, monkeypatch) -> None:
    """The declared fields cover the resource table and all the sandbox serves (so a field
    a user sees in `-o json` is never refused)."""
    from xerocli.cli.context import AppContext, GlobalOptions

    for key, value in sandbox_env.items():  # the isolated user, in this process
        if key.startswith(("XERO_", "XDG_", "HOME")):
            monkeypatch.setenv(key, value)
    context = AppContext(GlobalOptions(sandbox=True))
    try:
        client = context.client()
        for resource in RESOURCES:
            check_fields(resource, [column.path for column in resource.columns])
            check_fields(resource, [*resource.export_columns, *resource.line_columns], lines=True)
            records = next(iter(client.iter_pages(resource, {}, {}, page_size=200, max_pages=1)))
            assert records, resource.noun
            for path in sorted({p for record in records for p in _leaf_paths(record)}):
                assert check_path(root_schema(resource.name), path) is None, (resource.noun, path)
    finally:
        context.close()


def _leaf_paths(value, prefix: str = ""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                yield from _leaf_paths(item, f"{prefix}[0]")
    else:
        yield prefix

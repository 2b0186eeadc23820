"""Input at fault is exit 2 with one line naming the file (or row, field, option) and the
problem, and nothing sent; these used to be exit 1, "unexpected error", with a Python
exception's name (`RecursionError`, `_csv.Error`, `AttributeError`), or were stored as is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero

DEEP = "[" * 100_000 + "]" * 100_000


def refused(result, message: str) -> None:
    assert result.code == 2, (result.code, result.stderr)
    assert result.stdout == ""
    assert result.stderr == f"xero: {message}\n"


def test_json_nested_100000_deep_from_file_stdin_and_api_input(env, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    problem = "JSON nested more than 64 levels deep, deeper than any Xero record"
    refused(
        run_xero("invoices", "create", "--file", str(deep), env=env), f"--file {deep}: {problem}"
    )
    refused(
        run_xero("invoices", "create", "--file", "-", input=DEEP, env=env),
        f"--file - (stdin): {problem}",
    )
    refused(
        run_xero("api", "PUT", "Invoices", "--input", str(deep), env=env),
        f"--input {deep}: {problem}",
    )
    refused(
        run_xero("api", "PUT", "Invoices", "--input", "-", input=DEEP, env=env),
        f"--input - (stdin): {problem}",
    )


def test_a_csv_cell_past_the_csv_limit_names_row_and_column(env, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "Contact.Name,LineItem.Description,LineItem.Quantity\n"
        "Acme,short,1\n"
        f"Acme,{'x' * 140_000},1\n",
        encoding="utf-8",
    )
    refused(
        run_xero("invoices", "create", "--file", str(path), env=env),
        f"--file {path}: row 3: column 'LineItem.Description' has 140,000 characters; a cell may"
        " have 131,072 (Xero's longest field takes 4,000)",
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("profiles = 5\n", "profiles is an integer, not a table of [profiles.NAME] tables"),
        (
            '[profiles]\ndefault = "x"\n',
            "profiles.default is a string, not a [profiles.default] table",
        ),
        (
            "[profiles.default]\nclient_id = 5\n",
            "profiles.default.client_id is an integer, not a string",
        ),
        pytest.param(
            "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
            "values nested too deeply",
            id="nested-100000-deep",
        ),
    ],
)
def test_a_config_toml_of_the_wrong_shape_names_the_file(env, text: str, problem: str) -> None:
    config = Path(env["XERO_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    refused(run_xero("invoices", "list", env=env), f"{config}: {problem}; fix or remove it")


def test_nul_and_control_characters_are_refused_naming_row_and_field(env, tmp_path: Path) -> None:
    """A NUL in a CSV cell or a JSON string was stored in the created invoice."""
    csv_file = tmp_path / "nul.csv"
    csv_file.write_text(
        "Contact.Name,LineItem.Description,LineItem.Quantity\nAcme,ok,1\nAcme,a\x00b,1\n",
        encoding="utf-8",
    )
    refused(
        run_xero("invoices", "create", "--file", str(csv_file), env=env),
        "row 3: LineItem.Description: contains a NUL character (U+0000) at character 2; remove it",
    )
    json_file = tmp_path / "nul.json"
    body = [{"Contact": {"Name": "Acme\u001b[31m"}, "LineItems": [{"Description": "x"}]}]
    json_file.write_text(json.dumps(body), encoding="utf-8")  # written as \u001b escapes
    refused(
        run_xero("invoices", "create", "--file", str(json_file), env=env),
        "record 1: Contact.Name: contains the control character U+001B at character 5; remove it",
    )
    refused(
        run_xero("invoices", "create", "--contact", "Acme", "--line", "a\x07,1,1,200", env=env),
        "--line 1: Description: contains the control character U+0007 at character 2; remove it",
    )

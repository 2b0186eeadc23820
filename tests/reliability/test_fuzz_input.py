"""Bad input through `invoices create --file`: a one-line error naming the row and field, or a
correct result; never a traceback, never a partial batch.

Most examples run in-process against the validation layer (the reader plus the models, the
code `create` runs before it sends anything); a few run end to end through the CLI against
the sandbox, where a failed run must leave no invoice with the example's Reference behind.
The inputs are the same on every run (the "ci" profile, tests/conftest.py);
`--hypothesis-profile=random` draws new ones, ten times as many.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.cli import run_xero
from tests.reliability.conftest import invoices_with_reference
from tests.reliability.fuzz_inputs import csv_file, examples, json_file
from xerocli import errors
from xerocli.api import inputs
from xerocli.api.models import Invoice

#: How a problem starts: the row (CSV), the record (JSON) or the file as a whole.
WHERE = re.compile(r"^(row \d+|record \d+|--file): \S")
REFERENCE = "fuzz-in-process"


def outcome(text: str, kind: str, path: Path | None = None) -> list[dict] | str:
    """The bodies `create` would send, or the one-line message it would stop with (naming
    `path` where the problem is the file's, as `--file PATH` does)."""
    reader = inputs.read_csv if kind == "csv" else inputs.read_json
    source = f"--file {path}" if path else "--file"
    try:
        return inputs.validate(reader(text, source=source), Invoice)
    except errors.UsageError as exc:
        return exc.message


def check_message(message: str) -> None:
    assert "\n" not in message and "\r" not in message, message
    assert WHERE.match(message), message
    assert "Traceback" not in message and "pydantic" not in message.lower(), message


def check_bodies(bodies: list[dict]) -> None:
    for body in bodies:
        assert body["LineItems"] and body["Contact"]
        for line in body["LineItems"]:
            for key in ("Quantity", "UnitAmount"):
                if key in line:
                    assert isinstance(line[key], Decimal) and line[key].is_finite()
        Invoice.model_validate(body)  # what is sent validates again as is


@settings(max_examples=examples(400))
@given(st.data())
def test_json_files_validate_or_fail_with_one_line(data) -> None:
    result = outcome(data.draw(json_file(REFERENCE)), "json")
    check_message(result) if isinstance(result, str) else check_bodies(result)


@settings(max_examples=examples(400))
@given(st.data())
def test_csv_files_validate_or_fail_with_one_line(data) -> None:
    result = outcome(data.draw(csv_file(REFERENCE)), "csv")
    check_message(result) if isinstance(result, str) else check_bodies(result)


@settings(
    max_examples=examples(16),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), kind=st.sampled_from(["json", "csv"]))
def test_create_from_fuzzed_files_end_to_end(data, kind, box_env, tmp_path: Path) -> None:
    reference = f"fuzz-{uuid.uuid4().hex[:12]}"
    text = data.draw(json_file(reference) if kind == "json" else csv_file(reference))
    source = tmp_path / f"{reference}.{kind}"
    source.write_text(text, encoding="utf-8")
    expected = outcome(text, kind, source)
    result = run_xero("--sandbox", "invoices", "create", "--file", str(source), env=box_env)
    assert "Traceback" not in result.stderr, result.stderr
    stored = invoices_with_reference(box_env, reference)
    if isinstance(expected, str):
        assert result.code == 2, (result.code, result.stderr)
        assert result.stderr == f"xero: {expected}\n"
        assert result.stdout == ""
        assert stored == []  # nothing sent: no partial batch
    else:
        # stdout holds what was created, and nothing at all when Xero refused every record
        created = result.json() if result.stdout else []
        assert result.stdout or result.code == 6, (result.code, result.stderr)
        if result.code == 6:
            # Valid here, refused by Xero for what only Xero knows (an account code it does
            # not have): each refusal is named, and exactly the others were created, once.
            rejected = [line for line in result.stderr.splitlines() if ": rejected: " in line]
            assert rejected and len(rejected) + len(created) == len(expected), result.stderr
        else:
            assert result.code == 0, (result.code, result.stderr, text)
            assert len(created) == len(expected)
        assert len(stored) == len(created)

"""`api/guid` reads a Xero ID exactly as `uuid.UUID` does, without importing `uuid`."""

from __future__ import annotations

import subprocess
import sys
import uuid

from hypothesis import given
from hypothesis import strategies as st

from xerocli.api import guid

HEX = "0123456789abcdefABCDEF"
#: Pieces `uuid.UUID` treats specially, so generated texts hit its edges.
PIECES = st.sampled_from(["urn:", "uuid:", "{", "}", "-", "+", "0x", "_", " ", "g", "--"])
TEXTS = st.lists(st.one_of(st.text(HEX, min_size=1, max_size=32), PIECES), max_size=8).map("".join)


def _by_uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


@given(st.one_of(TEXTS, st.uuids().map(str), st.uuids().map(lambda u: u.hex.upper()), st.text()))
def test_canonical_is_what_uuid_makes_of_a_text(text: str) -> None:
    assert guid.canonical(text) == _by_uuid(text)
    assert guid.is_guid(text) == (_by_uuid(text) is not None)


def test_the_examples_users_type() -> None:
    wanted = "7f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b"
    for text in (wanted, wanted.upper(), wanted.replace("-", ""), "{" + wanted + "}"):
        assert guid.canonical(text) == wanted
    for text in ("INV-0001", "Demo Company (NZ)", "", "200", wanted[:-1]):
        assert guid.canonical(text) is None


def test_reading_an_id_does_not_import_uuid() -> None:
    code = (
        "import sys; from xerocli.api import guid, credentials, query, inputs;"
        " guid.canonical('7f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b');"
        " print('uuid' in sys.modules, 'platform' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]

"""A `where` string holding text outside ASCII or a quote matches as written: the
sandbox read `"Wälk"` as `unicode_escape` bytes (`WÃ¤lk`), so `contacts get 'Wälk Ünï Co'` was
exit 5 and `invoices create --contact` said the contact is not in Xero."""

from __future__ import annotations

import uuid

from tests.helpers.cli import run_xero


def test_names_outside_ascii_and_with_quotes_are_found(sandbox_env) -> None:
    tail = uuid.uuid4().hex[:6]
    for name in (f"Wälk Ünï Co {tail}", f'Quote "Q" Co {tail}'):
        run_xero("--sandbox", "contacts", "create", "--name", name, env=sandbox_env).ok()
        got = run_xero("--sandbox", "contacts", "get", name, env=sandbox_env).ok().json()
        assert got["Name"] == name
        made = run_xero(
            "--sandbox", "invoices", "create", "--contact", name, "--line", "x,1,10,200",
            env=sandbox_env,
        ).ok()  # fmt: skip
        assert "not in Xero" not in made.stderr, made.stderr
        assert made.json()[0]["Contact"]["ContactID"] == got["ContactID"]

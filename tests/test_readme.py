"""The README's sandbox examples run as written, in order, for a new user.

A tour whose commands fail is the first thing a new user meets; this keeps it honest. Lines
that read a file the user brings (`--file`, `--input`) are skipped; a line piped to jq or wc
runs its `xero` part and must print JSON or NDJSON.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from tests.helpers.cli import REPO, isolated_env, run_xero

FENCE = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
USER_FILES = ("--file", "--input")


def sandbox_examples(readme: str) -> list[tuple[list[str], bool]]:
    """(argv after `xero`, piped?) of every `xero --sandbox ...` line in the sh blocks."""
    examples = []
    for block in FENCE.findall(readme):
        for line in block.replace("\\\n", " ").splitlines():
            if not line.startswith("xero --sandbox "):
                continue
            words = shlex.split(line, comments=True)
            piped = "|" in words
            words = words[: words.index("|")] if piped else words
            if any(flag in words for flag in USER_FILES):
                continue
            examples.append((words[1:], piped))
    return examples


def test_every_sandbox_example_in_the_readme_runs(home: Path) -> None:
    examples = sandbox_examples((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 15, examples
    env = isolated_env(home)
    for argv, piped in examples:
        result = run_xero(*argv, env=env).ok()
        if piped:
            text = result.stdout.strip()
            if text.startswith("["):
                json.loads(text)
            else:
                [json.loads(line) for line in text.splitlines()]

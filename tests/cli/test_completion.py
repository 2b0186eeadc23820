"""TAB completion: the generated files are fresh, `xero completion SHELL` prints them, requests
are answered from the static index the way click would answer them, and bash really completes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import REPO, isolated_env, run_xero
from xerocli.cli import complete, generate

FORMATS = ["table", "json", "ndjson", "csv", "tsv", "xlsx"]


def ask(home: Path, shell: str, *words: str, cword: int | None = None) -> list[str]:
    """One completion request as the generated scripts make it: words in the environment."""
    env = isolated_env(
        home,
        _XERO_COMPLETE=f"{shell}_complete",
        COMP_WORDS="\n".join(["xero", *words]),
        COMP_CWORD=str(len(words) if cword is None else cword),
    )
    result = run_xero(env=env, timeout=60).ok()
    assert result.stderr == ""
    return result.stdout.splitlines()


def values(lines: list[str]) -> list[str]:
    return [line.removeprefix("plain,") for line in lines]


def test_generated_files_are_fresh() -> None:
    assert generate.stale() == [], "run: python -m xerocli.cli.generate"


def test_generator_check_names_a_stale_file(tmp_path: Path) -> None:
    for relative, text in generate.generated().items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert generate.stale(tmp_path) == []
    (tmp_path / "docs/commands.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "completions/_xero").unlink()
    assert sorted(generate.stale(tmp_path)) == [Path("completions/_xero"), Path("docs/commands.md")]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_command_prints_the_file(shell: str, env: dict[str, str]) -> None:
    printed = run_xero("completion", shell, env=env).ok().stdout
    assert printed == (REPO / "completions" / complete.FILENAMES[shell]).read_text()
    source = run_xero(env={**env, "_XERO_COMPLETE": f"{shell}_source"}).ok().stdout
    assert source == printed


#: What `xero invoices <TAB>` offers, in the order of `--help`.
INVOICE_VERBS = [
    "list",
    "get",
    "create",
    "update",
    "attachments",
    "attach",
    "download",
    "pdf",
    "history",
    "note",
    "url",
    "void",
    "email",
]


def test_completion_command_rejects_other_shells(env: dict[str, str]) -> None:
    result = run_xero("completion", "tcsh", env=env)
    assert result.code == 2
    assert result.stdout == ""


def test_commands_subcommands_options_and_choices(home: Path) -> None:
    assert values(ask(home, "bash", "inv")) == ["invoices", "invoice-reminders"]
    assert values(ask(home, "bash", "invoices", "")) == [
        *INVOICE_VERBS,
    ]
    assert values(ask(home, "bash", "invoices", "list", "--out")) == ["--output"]
    assert values(ask(home, "bash", "invoices", "list", "--output", "")) == FORMATS
    assert values(ask(home, "bash", "invoices", "list", "-o", "n")) == ["ndjson"]
    # global options and their values are stepped over on the way to the subcommand
    assert values(ask(home, "bash", "--tenant", "Demo Company", "--sandbox", "cont")) == [
        "contacts",
        "contact-groups",
    ]
    assert values(ask(home, "bash", "completion", "")) == ["bash", "zsh", "fish"]
    # a path option leaves the completing to the shell
    assert ask(home, "bash", "sandbox", "serve", "--data", "") == ["file,"]
    # options already given are not offered again
    assert "--output" not in values(ask(home, "bash", "invoices", "list", "-o", "csv", "--"))


def test_bash_splits_at_equals_and_the_others_do_not(home: Path) -> None:
    # bash: `--output=js` arrives as three words; the answer completes the part after `=`
    assert values(ask(home, "bash", "invoices", "list", "--output", "=", "js")) == ["json"]
    assert values(ask(home, "bash", "invoices", "list", "--output", "=")) == FORMATS
    fish = ask(home, "fish", "invoices", "list", "--output=j")
    assert fish == ["plain,--output=json"]


def test_zsh_and_fish_answers_carry_help(home: Path) -> None:
    zsh = ask(home, "zsh", "invoices", "li")
    assert zsh == ["plain", "list", "List invoices."]
    fish = ask(home, "fish", "invoices", "list", "--js")
    assert fish == ["plain,--json\tShort for --output json."]


def test_cursor_past_the_last_word_completes_a_new_word(home: Path) -> None:
    # COMP_CWORD beyond the words sent: the word under the cursor is empty
    assert values(ask(home, "bash", "invoices", cword=2)) == [
        *INVOICE_VERBS,
    ]


def _click_cases() -> list[tuple[list[str], str]]:
    from xerocli.cli._command_index import COMMANDS

    cases: list[tuple[list[str], str]] = []
    for path, node in COMMANDS.items():
        words = path.split()
        cases += [(words, ""), (words, "-"), (words, "--"), (words, "--h")]
        cases += [(words, name[:2]) for name in node.get("commands", {})]
        for names, takes_value, *_ in node["options"]:
            if takes_value:
                cases += [([*words, names[0]], ""), ([*words, names[0], "x"], "")]
                cases += [([*words, names[-1], "x"], "-")]
            else:
                cases += [([*words, names[0]], "")]
    return cases


def test_the_index_answers_what_click_would() -> None:
    """Differential: every command, option and choice of the tree, against click's own resolver
    on the live typer app (the slow path the index replaces)."""
    import typer.main
    from typer._completion_classes import BashComplete

    from xerocli.cli.app import app

    resolver = BashComplete(typer.main.get_command(app), {}, "xero", "_XERO_COMPLETE")
    cases = _click_cases()
    assert len(cases) > 300
    for args, incomplete in cases:
        ours = [
            value for kind, value, _ in complete.candidates(args, incomplete) if kind == "plain"
        ]
        theirs = [
            item.value
            for item in resolver.get_completions(args, incomplete)
            if item.type == "plain"
        ]
        assert sorted(ours) == sorted(theirs + _globals_beyond_click(args, incomplete, theirs)), (
            args,
            incomplete,
        )


def _globals_beyond_click(args: list[str], incomplete: str, theirs: list[str]) -> list[str]:
    """Global options are accepted after a subcommand too (`global_options.hoist`), which
    click's resolver does not know: ours offers them there as well."""
    from xerocli.cli.global_options import ROOT_OPTIONS

    if not incomplete.startswith("-") or not args or args[0].startswith("-"):
        return []
    names = [name for option in ROOT_OPTIONS for name in option.names]
    return [name for name in names if name.startswith(incomplete) and name not in theirs]


def test_global_options_complete_after_the_subcommand(home: Path) -> None:
    assert "--tenant" in values(ask(home, "bash", "invoices", "list", "--ten"))
    assert "--quiet" in values(ask(home, "bash", "export", "csv", "invoices", "--q"))


def test_fixed_lists_complete_objects_statuses_and_types(home: Path) -> None:
    nouns = values(ask(home, "bash", "export", "csv", ""))
    assert "invoices" in nouns and "bank-transactions" in nouns
    assert values(ask(home, "bash", "export", "csv", "invoices", "--status", "")) == [
        "DRAFT",
        "SUBMITTED",
        "AUTHORISED",
        "PAID",
        "VOIDED",
        "DELETED",
    ]
    # The list follows the object named before it; an object without one offers nothing.
    assert values(ask(home, "bash", "export", "ndjson", "credit-notes", "--type", "")) == [
        "ACCRECCREDIT",
        "ACCPAYCREDIT",
    ]
    assert values(ask(home, "bash", "export", "csv", "tax-rates", "--type", "")) == []
    assert values(ask(home, "bash", "invoices", "list", "--type", "")) == ["ACCREC", "ACCPAY"]
    assert values(ask(home, "bash", "accounts", "list", "--type", "B")) == ["BANK"]
    assert values(ask(home, "bash", "invoices", "create", "--status", "")) == [
        "DRAFT",
        "SUBMITTED",
        "AUTHORISED",
    ]
    assert values(ask(home, "bash", "webhooks", "trigger", "--event-type", "")) == [
        "CREATE",
        "UPDATE",
    ]


def test_every_option_whose_help_lists_its_values_completes_them() -> None:
    """An option whose help spells out its values ("DRAFT or POSTED", "CREATE or UPDATE") but
    offers none on TAB is a list someone forgot to declare."""
    import re

    from xerocli.cli._command_index import COMMANDS

    spelled = re.compile(r"^[A-Za-z-]+( \(.*?\))?(, [A-Za-z-]+( \(.*?\))?)* or [A-Za-z-]+")
    free = {"--contact", "--invoice", "--account", "--bank-account", "--input", "--file"}
    for path, node in COMMANDS.items():
        for names, takes_value, choices, _kind, help_text, _multiple in node["options"]:
            if takes_value and not choices and not free & set(names) and spelled.match(help_text):
                raise AssertionError(f"xero {path} {names[0]}: {help_text!r} offers no values")


def test_bash_round_trip(tmp_path: Path, home: Path) -> None:
    """Source completions/xero.bash in a real bash and press TAB through the function it
    registers, with `xero` on PATH being this worktree's CLI."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "xero"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m xerocli "$@"\n')
    shim.chmod(0o755)
    env = isolated_env(home)
    env["PATH"] = f"{bin_dir}:{env.get('PATH', '')}"
    script = REPO / "completions" / "xero.bash"

    def tab(*words: str) -> list[str]:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in ("xero", *words))
        line = (
            f"source '{script}'; complete -p xero >/dev/null || exit 9; "
            f"COMP_WORDS=({quoted}); COMP_CWORD={len(words)}; "
            '_xero_completion xero "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; '
            "printf '%s\\n' \"${COMPREPLY[@]}\""
        )
        done = subprocess.run(
            [shutil.which("bash") or "bash", "--norc", "--noprofile", "-c", line],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return [w for w in done.stdout.splitlines() if w]

    assert tab("inv") == ["invoices", "invoice-reminders"]
    assert tab("invoices", "") == INVOICE_VERBS
    assert tab("invoices", "list", "--out") == ["--output"]
    assert tab("invoices", "list", "--output", "") == FORMATS
    assert tab("--tenant", "Demo Company (Global)", "sand") == ["sandbox"]


def test_an_output_given_before_the_command_is_completed_and_stepped_over(home: Path) -> None:
    """`xero -o csv invoices list --st<TAB>` offered nothing: `-o` is the command's own option,
    which may come before the subcommand, and its value was taken for an argument."""
    assert values(ask(home, "bash", "-o", "csv", "invoices", "list", "--st")) == ["--status"]
    assert values(ask(home, "bash", "-o", "")) == FORMATS
    assert "invoices" in values(ask(home, "bash", "--tenant", "Acme", "-o", "csv", "inv"))

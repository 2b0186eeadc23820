"""Regenerate what is derived from the command tree: `python -m xerocli.cli.generate`.

Writes `xerocli/cli/_command_index.py` (TAB completion without typer), `_help_index.py` (`--help`
without typer), `_parse_index.py` (command lines parsed without typer), `completions/` (the
bash, zsh and fish scripts), `docs/commands.md` (the command reference) and `docs/mirror.md`
(the mirror's tables, from `xerocli/mirror/schema.py`).
`--check` writes nothing and exits 1 naming the files that are stale; the tests do the same
comparison.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def generated() -> dict[Path, str]:
    """Every generated file (relative to the repository root) and the text it should hold."""
    from xerocli.cli import complete, completion, helptext, parse_spec, reference, tree
    from xerocli.mirror import docs as mirror_docs

    root = tree.root_command()
    files = {
        Path("xerocli/cli/_command_index.py"): completion.render_index(
            completion.build_index(root)
        ),
        Path("xerocli/cli/_help_index.py"): helptext.render_index(helptext.build_index(root)),
        Path("xerocli/cli/_parse_index.py"): parse_spec.render_index(parse_spec.build_index(root)),
        Path("docs/commands.md"): reference.render(root),
        Path("docs/mirror.md"): mirror_docs.render(),
    }
    for shell, filename in complete.FILENAMES.items():
        files[Path("completions") / filename] = complete.script(shell)
    return files


def stale(repo: Path = REPO) -> list[Path]:
    out = []
    for relative, text in generated().items():
        path = repo / relative
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(relative)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xerocli.cli.generate", description=__doc__)
    parser.add_argument("--check", action="store_true", help="Write nothing; exit 1 if stale.")
    args = parser.parse_args(argv)
    if args.check:
        found = stale()
        for relative in found:
            print(f"stale: {relative} (run python -m xerocli.cli.generate)", file=sys.stderr)
        return 1 if found else 0
    for relative, text in generated().items():
        path = REPO / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {relative}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

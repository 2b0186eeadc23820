"""The trees a benchmark compares, each with its bytecode written first.

A tree from `git archive` has no `__pycache__`, and with PYTHONDONTWRITEBYTECODE set (as on
the dev box) Python never writes one: every run of that tree would compile ~170 modules
(~0.3 s of CPU) that an installed or long-used tree does not, and the comparison would
measure the compiler. So every benchmark that runs two trees compiles both before it times
anything, as an install does.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compiled(tree: Path) -> Path:
    """`tree`, resolved, with every module of its `xerocli` package compiled to bytecode."""
    tree = tree.resolve()
    compileall.compile_dir(str(tree / "xerocli"), quiet=1)
    return tree

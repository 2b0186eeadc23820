"""Options whose values come from a fixed list: offered on TAB, checked elsewhere.

`OfferedText` is text to click (the value reaches the command as typed), with the list for
TAB completion: the generated index reads `choices` (and `by_argument`), click's own resolver
calls `shell_complete`. The command, or Xero, judges the value, with Xero's wording for a
refusal (`--status: 'LOST' is not one of ...`), so the list is a hint, not a gate.
"""

from __future__ import annotations

from typing import Any

from typer._click.shell_completion import CompletionItem
from typer._click.types import StringParamType


class OfferedText(StringParamType):
    """Text with values to offer. `by_argument`: the list depends on an argument of the same
    command (`xero export csv invoices --status` offers invoice statuses), named `argument`;
    `choices` is then every value of every list, offered before that argument is given."""

    def __init__(
        self,
        choices: tuple[str, ...] = (),
        *,
        by_argument: dict[str, tuple[str, ...]] | None = None,
        argument: str | None = None,
    ) -> None:
        self.by_argument = dict(by_argument or {})
        self.argument = argument
        merged = list(choices)
        for values in self.by_argument.values():
            merged += [v for v in values if v not in merged]
        self.choices = tuple(merged)

    def offered(self, argument_value: str | None) -> tuple[str, ...]:
        """The list for the argument's value (empty for one that has none), else every value."""
        if argument_value in self.by_argument:
            return self.by_argument[argument_value]
        return self.choices

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
        chosen = ctx.params.get(self.argument) if self.argument else None
        return [CompletionItem(v) for v in self.offered(chosen) if v.startswith(incomplete)]


def offered(values: tuple[str, ...]) -> OfferedText | None:
    """The click type for an option offering `values`, or None (plain text) for none."""
    return OfferedText(values) if values else None

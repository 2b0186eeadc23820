"""What any input text must be before it becomes a record, whatever its format.

- JSON is parsed with exact numbers that remember how they were written (messages quote the
  file, `'1.001'`, not `Decimal('1.001')`), and at most MAX_JSON_DEPTH deep: `json` itself raises
  RecursionError on `[[[[...` 100,000 deep, which would be an "unexpected error".
- No text holds NUL or another control character Xero cannot take (REFUSED_CHARACTERS).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from xerocli import errors


class WrittenNumber(Decimal):
    """A JSON number with a fraction or exponent, exact, that remembers how it was written:
    messages show `'1.234567'` or `'1e40'` as in the file, not `Decimal('1.234567')`."""

    written: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, text)
        number.written = text
        return number


def shown(value: Any) -> str:
    """A value in a message as the user wrote it: `'1.001'`, `'abc'`, `7`."""
    if isinstance(value, Decimal):
        return repr(getattr(value, "written", None) or str(value))
    return repr(value)


#: Deeper than any body Xero takes (an envelope, a record, its lines, their tracking: about 6),
#: shallow enough that nothing after the reader recurses out of stack on it.
MAX_JSON_DEPTH = 64


def parse_json(text: str | bytes, where: str) -> Any:
    """JSON with exact numbers, or a one-line UsageError saying where and what is wrong:
    `json` raises RecursionError (an "unexpected error") on `[[[[...` 100,000 deep."""
    try:
        if isinstance(text, bytes):  # strictly UTF-8, as it is sent (json.loads would guess)
            text = text.decode("utf-8")
        data = json.loads(text, parse_float=WrittenNumber)
    except json.JSONDecodeError as exc:
        raise errors.UsageError(
            f"{where}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except UnicodeDecodeError as exc:
        raise errors.UsageError(f"{where}: not UTF-8 (byte {exc.start + 1})") from None
    except RecursionError:
        data = None
        depth = MAX_JSON_DEPTH + 1
    else:
        depth = _depth(data)
    if depth > MAX_JSON_DEPTH:
        raise errors.UsageError(
            f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep, deeper than any"
            " Xero record"
        )
    return data


def _depth(data: Any) -> int:
    """How deeply arrays and objects nest (a scalar is 0), without recursing."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_JSON_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


#: Characters no text sent to Xero may hold: NUL and the other C0 control characters but tab,
#: newline and carriage return (XML 1.0, which Xero's API also speaks, cannot carry them, and a
#: NUL would be stored in the record as is), and unpaired surrogates (not Unicode: no UTF-8).
REFUSED_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def refused_character(data: Any) -> tuple[tuple, str] | None:
    """The field path of the first text holding a refused character, and what it is."""
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            found = REFUSED_CHARACTERS.search(value)
            if found:
                code = ord(found.group())
                what = (
                    "a NUL character (U+0000)"
                    if code == 0
                    else f"an unpaired surrogate (U+{code:04X})"
                    if code >= 0xD800
                    else f"the control character U+{code:04X}"
                )
                return path, f"{what} at character {found.start() + 1}"
        elif isinstance(value, dict):
            stack.extend((item, (*path, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))
    return None

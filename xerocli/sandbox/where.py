"""Xero's `where` and `order` parameters, translated to SQL over the store's columns.

The `where` language is a small C#-like expression grammar:
    Status=="AUTHORISED" AND Type=="ACCREC"
    Date>=DateTime(2026,01,01) && Date<DateTime(2026,02,01)
    Contact.ContactID==Guid("...") OR Contact.Name.Contains("Ridge")
    AmountDue>0 AND NOT (Status=="PAID")
Fields with an indexed column use it; any other field is read from the stored JSON with
`json_extract`. Everything is parameterised: no user text is ever spliced into the SQL.
"""

from __future__ import annotations

import re
from datetime import datetime

from xerocli.sandbox import fields, resources


class QueryError(ValueError):
    """A `where` or `order` the sandbox cannot parse; answered with 400 as Xero does."""


TOKEN_RE = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<number>-?\d+(?:\.\d+)?)
    | (?P<op>==|!=|>=|<=|>|<|=|&&|\|\||!|\(|\)|,|\.)
    | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)

DATE_COLUMNS = {"Date": "date", "UpdatedDateUTC": "updated"}
#: A single `=` is equality too, as in Xero's (dynamic LINQ) parser.
SQL_OPS = {"==": "=", "=": "=", "!=": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


def column_for(kind: str, field: str) -> tuple[str, str]:
    """SQL expression for a field, and its flavour: 'date', 'updated' or 'json'.

    A field the kind does not have is a `QueryError` naming it, as Xero answers (400).
    """
    resource = resources.get(kind)
    try:
        field = fields.canonical(kind, field)
    except fields.UnknownField as exc:
        raise QueryError(str(exc)) from None
    if field == "UpdatedDateUTC":
        return "updated", "updated"
    if resource.date_field and field == resource.date_field:
        return "date", "date"
    if resource.due_field and field == resource.due_field:
        return "due_date", "date"
    simple = {
        "Status": "status",
        "ContactStatus": "status",
        "Type": "type",
        "Contact.ContactID": "contact_id",
        resource.id_field: "id",
    }
    if resource.number_field:
        simple[resource.number_field] = "number"
    if field in simple:
        return simple[field], "text"
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", field):
        raise QueryError(f"Invalid field {field!r}")
    return f"json_extract(body, '$.{field}')", "json"


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = TOKEN_RE.match(text, position)
        if not match or match.end() == position:
            raise QueryError(f"Unexpected character at position {position} in where: {text!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "ident" and value.upper() in ("AND", "OR", "NOT"):
            kind, value = "op", {"AND": "&&", "OR": "||", "NOT": "!"}[value.upper()]
        out.append((kind, value))
        position = match.end()
    return out


class _Parser:
    def __init__(self, kind: str, text: str) -> None:
        self.kind = kind
        self.tokens = _tokens(text)
        self.pos = 0
        self.params: list = []

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise QueryError(f"Expected {value or 'more'} in where expression")
        self.pos += 1
        return token

    def parse(self) -> str:
        sql = self.or_expr()
        if self.peek() is not None:
            raise QueryError(f"Unexpected {self.peek()[1]!r} in where expression")
        return sql

    def or_expr(self) -> str:
        parts = [self.and_expr()]
        while self.peek() == ("op", "||"):
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def and_expr(self) -> str:
        parts = [self.unary()]
        while self.peek() == ("op", "&&"):
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def unary(self) -> str:
        if self.peek() == ("op", "!"):
            self.take()
            return f"NOT ({self.unary()})"
        if self.peek() == ("op", "("):
            self.take()
            inner = self.or_expr()
            self.take(")")
            return f"({inner})"
        return self.comparison()

    def field(self) -> tuple[str, str | None]:
        """A dotted field, and a trailing method (Contains, StartsWith, ...) if any."""
        names = [self.take()[1]]
        method = None
        while self.peek() == ("op", "."):
            self.take()
            name = self.take()[1]
            if self.peek() == ("op", "("):
                method = name
                break
            names.append(name)
        return ".".join(names), method

    def value(self, flavour: str) -> object:
        kind, text = self.take()
        if kind == "string":
            return _unescaped(text[1:-1])
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "ident" and text in ("true", "false"):
            return 1 if text == "true" else 0
        if kind == "ident" and text == "null":
            return None
        if kind == "ident" and text in ("DateTime", "DateTimeOffset"):
            self.take("(")
            numbers = [int(self.take()[1])]
            while self.peek() == ("op", ","):
                self.take()
                numbers.append(int(self.take()[1]))
            self.take(")")
            try:
                stamp = datetime(*numbers)
            except (TypeError, ValueError) as exc:
                raise QueryError(f"Invalid DateTime{tuple(numbers)}") from exc
            if flavour == "updated":
                return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f")
            return stamp.date().isoformat()
        if kind == "ident" and text == "Guid":
            self.take("(")
            guid = self.value("text")
            self.take(")")
            return guid
        raise QueryError(f"Unexpected {text!r} in where expression")

    def comparison(self) -> str:
        name, method = self.field()
        column, flavour = column_for(self.kind, name)
        if method:
            self.take("(")
            argument = self.value(flavour)
            self.take(")")
            pattern = {"Contains": "%{}%", "StartsWith": "{}%", "EndsWith": "%{}"}.get(method)
            if pattern is None:
                raise QueryError(f"Unsupported method {method}")
            escaped = str(argument).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            self.params.append(pattern.format(escaped))
            return f"{column} LIKE ? ESCAPE '\\'"
        _, op = self.take()
        if op not in SQL_OPS:
            raise QueryError(f"Expected a comparison after {name}")
        value = self.value(flavour)
        if value is None:
            return f"{column} IS {'NOT ' if op == '!=' else ''}NULL"
        self.params.append(value)
        collate = " COLLATE NOCASE" if isinstance(value, str) and flavour != "date" else ""
        return f"{column}{collate} {SQL_OPS[op]} ?"


def translate(kind: str, expression: str) -> tuple[str, list]:
    parser = _Parser(kind, expression)
    return parser.parse(), parser.params


def order_by(kind: str, order: str | None) -> str:
    """`order=Date DESC,InvoiceNumber` -> SQL, with insertion order as the stable tie-break."""
    if not order:
        return "seq"
    parts = []
    for item in order.split(","):
        words = item.strip().split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1].upper() not in ("ASC", "DESC")):
            raise QueryError(f"Invalid order: {order!r}")
        column, _ = column_for(kind, words[0])
        direction = words[1].upper() if len(words) == 2 else "ASC"
        parts.append(f"{column} {direction}")
    parts.append("seq")
    return ", ".join(parts)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _unescaped(inner: str) -> str:
    """A where string's text: `\\"` is a quote, `\\\\` a backslash (`\\n`, `\\t`, `\\r`
    as in C#), and every other character as written. Not `unicode_escape`, which reads the
    UTF-8 bytes of `Wälk` as Latin-1 (`WÃ¤lk`), so a name outside ASCII never matched."""
    out: list[str] = []
    chars = iter(inner)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_ESCAPES.get(following, following))
        else:
            out.append(char)
    return "".join(out)


__all__ = ["QueryError", "order_by", "translate"]

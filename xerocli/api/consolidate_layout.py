"""The consolidated rows laid out as the report they consolidate: sections of accounts with
the report's own signs (income and liabilities positive), then its totals (Gross Profit, Net
Profit; Net Assets, Total Equity; a trial balance's Total of net debits, zero when it
balances), every total computed afresh from the translated rows, column by column."""

from __future__ import annotations

from decimal import Decimal

from xerocli.api.consolidate import CTR, CYE, ZERO, Row


def _record(section: str, kind: str, label: str, amounts: dict[str, Decimal], columns) -> dict:
    return {
        "Section": section,
        "RowType": kind,
        "Account": label,
        # `or ZERO`: a negated zero is -0.00, which no one wants to read.
        **{column: amounts.get(column, ZERO) or ZERO for column in columns},
    }


def _sum(rows: list[Row], columns: list[str], sign: Decimal) -> dict[str, Decimal]:
    return {c: sign * sum((r.amounts.get(c, ZERO) for r in rows), ZERO) for c in columns}


def _sections(rows, columns, plan) -> tuple[list[dict], dict[str, dict[str, Decimal]]]:
    """Records of each (title, total label, sign, rows) in `plan`, and each section's totals."""
    records, totals = [], {}
    for title, total_label, sign, members in plan:
        members = sorted(members, key=lambda r: (r.label == CYE, r.label == CTR, r.label.lower()))
        for row in members:
            signed = {c: sign * row.amounts.get(c, ZERO) for c in columns}
            records.append(_record(title, "Row", row.label, signed, columns))
        totals[title] = _sum(members, columns, sign)
        if total_label:
            records.append(_record(title, "SummaryRow", total_label, totals[title], columns))
    return records, totals


def _profit_and_loss(rows: list[Row], columns: list[str]) -> list[dict]:
    income = [r for r in rows if r.klass == "REVENUE"]
    costs = [r for r in rows if r.klass != "REVENUE" and r.type == "DIRECTCOSTS"]
    expenses = [r for r in rows if r.klass != "REVENUE" and r.type != "DIRECTCOSTS"]
    one, minus = Decimal(1), Decimal(-1)
    records, totals = _sections(
        rows,
        columns,
        [
            ("Income", "Total Income", minus, income),
            ("Less Cost of Sales", "Total Cost of Sales", one, costs),
        ],
    )
    gross = {c: totals["Income"][c] - totals["Less Cost of Sales"][c] for c in columns}
    records.append(_record("", "Row", "Gross Profit", gross, columns))
    more, expense_totals = _sections(
        rows, columns, [("Less Operating Expenses", "Total Operating Expenses", one, expenses)]
    )
    records += more
    net = {c: gross[c] - expense_totals["Less Operating Expenses"][c] for c in columns}
    records.append(_record("", "SummaryRow", "Net Profit", net, columns))
    return records


def _balance_sheet(rows: list[Row], columns: list[str]) -> list[dict]:
    one, minus = Decimal(1), Decimal(-1)
    plan = [
        ("Assets", "Total Assets", one, [r for r in rows if r.klass == "ASSET"]),
        ("Liabilities", "Total Liabilities", minus, [r for r in rows if r.klass == "LIABILITY"]),
    ]
    records, totals = _sections(rows, columns, plan)
    net = {c: totals["Assets"][c] - totals["Liabilities"][c] for c in columns}
    records.append(_record("", "Row", "Net Assets", net, columns))
    equity, _ = _sections(
        rows, columns, [("Equity", "Total Equity", minus, [r for r in rows if r.klass == "EQUITY"])]
    )
    return records + equity


def _trial_balance(rows: list[Row], columns: list[str]) -> list[dict]:
    one = Decimal(1)
    plan = [
        (title, "", one, [r for r in rows if r.klass == klass])
        for klass, title in (
            ("REVENUE", "Revenue"),
            ("EXPENSE", "Expenses"),
            ("ASSET", "Assets"),
            ("LIABILITY", "Liabilities"),
            ("EQUITY", "Equity"),
        )
    ]
    records, _ = _sections(rows, columns, plan)
    records.append(_record("", "SummaryRow", "Total", _sum(rows, columns, one), columns))
    return records


LAYOUTS = {
    "profit-and-loss": _profit_and_loss,
    "balance-sheet": _balance_sheet,
    "trial-balance": _trial_balance,
}

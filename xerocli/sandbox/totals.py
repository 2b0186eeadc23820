"""Line amounts and totals as Xero computes them, by `LineAmountTypes`.

- Exclusive: LineAmount = Quantity x UnitAmount; tax is added on top of it.
- Inclusive: LineAmount already includes tax; tax = LineAmount - LineAmount / (1 + rate).
- NoTax: no tax at all.
Each line's LineAmount and TaxAmount are rounded to 2 places (half up) before summing, as Xero
does, so totals always equal the sum of what the lines show.
"""

from __future__ import annotations

from decimal import Decimal

from xerocli.sandbox.xerojson import money

LINE_AMOUNT_TYPES = ("Exclusive", "Inclusive", "NoTax")


def line_amount(quantity: Decimal, unit_amount: Decimal, discount_rate: Decimal | None) -> Decimal:
    gross = quantity * unit_amount
    if discount_rate:
        gross = gross * (Decimal(100) - discount_rate) / Decimal(100)
    return money(gross)


def line_tax(amount: Decimal, rate_percent: Decimal, line_amount_types: str) -> Decimal:
    if line_amount_types == "NoTax" or not rate_percent:
        return Decimal("0.00")
    rate = rate_percent / Decimal(100)
    if line_amount_types == "Inclusive":
        return money(amount - amount / (1 + rate))
    return money(amount * rate)


def compute(lines: list[dict], line_amount_types: str, tax_rates: dict[str, Decimal]) -> dict:
    """Fill each line's LineAmount and TaxAmount; return SubTotal, TotalTax and Total.

    `lines` hold Decimal Quantity and UnitAmount and a TaxType; `tax_rates` maps TaxType to a
    percentage. A line may carry its own LineAmount (Xero accepts that in place of a quantity).
    """
    sub_total = Decimal("0.00")
    total_tax = Decimal("0.00")
    for line in lines:
        if line.get("UnitAmount") is not None:
            quantity = Decimal(line.get("Quantity", 1))
            amount = line_amount(quantity, line["UnitAmount"], line.get("DiscountRate"))
        else:
            amount = money(line.get("LineAmount") or 0)
        rate = tax_rates.get(line.get("TaxType") or "NONE", Decimal(0))
        tax = line_tax(amount, rate, line_amount_types)
        if line.get("TaxAmount") is not None and line_amount_types != "NoTax":
            tax = money(line["TaxAmount"])  # Xero keeps a tax amount the client gave
        line["LineAmount"] = amount
        line["TaxAmount"] = tax
        total_tax += tax
        sub_total += amount - tax if line_amount_types == "Inclusive" else amount
    return {"SubTotal": sub_total, "TotalTax": total_tax, "Total": sub_total + total_tax}

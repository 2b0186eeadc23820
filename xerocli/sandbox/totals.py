"""Line amounts and totals as Xero computes them, by `LineAmountTypes`.

- Exclusive: LineAmount = Quantity x UnitAmount; tax is added on top of it.
- Inclusive: LineAmount already includes tax; tax = LineAmount - LineAmount / (1 + rate).
- NoTax: no tax at all.
Each line's LineAmount and TaxAmount are rounded to 2 places (half up) before summing, as Xero
does, so totals always equal the sum of what the lines show.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from xerocli.sandbox.xerojson import TWO_PLACES, money

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


#: Tax rate percentages as fractions, computed once each: `compute` runs for every seeded line
#: (hundreds of thousands at 100,000 invoices), and the division is the same every time.
_FRACTIONS: dict[Decimal, Decimal] = {}
_NONE = Decimal(0)


def compute(lines: list[dict], line_amount_types: str, tax_rates: dict[str, Decimal]) -> dict:
    """Fill each line's LineAmount and TaxAmount; return SubTotal, TotalTax and Total.

    `lines` hold Decimal Quantity and UnitAmount and a TaxType; `tax_rates` maps TaxType to a
    percentage. A line may carry its own LineAmount (Xero accepts that in place of a quantity).
    The same arithmetic as `line_amount` and `line_tax`, inlined: the seed calls this for
    every line it builds.
    """
    sub_total = Decimal("0.00")
    total_tax = Decimal("0.00")
    no_tax = line_amount_types == "NoTax"
    inclusive = line_amount_types == "Inclusive"
    for line in lines:
        unit = line.get("UnitAmount")
        if unit is None:
            amount = money(line.get("LineAmount") or 0)
        elif line.get("DiscountRate"):
            amount = line_amount(Decimal(line.get("Quantity", 1)), unit, line["DiscountRate"])
        else:
            amount = (Decimal(line.get("Quantity", 1)) * unit).quantize(TWO_PLACES, ROUND_HALF_UP)
        rate_percent = tax_rates.get(line.get("TaxType") or "NONE", _NONE)
        if no_tax or not rate_percent:
            tax = Decimal("0.00")
        else:
            rate = _FRACTIONS.get(rate_percent)
            if rate is None:
                rate = _FRACTIONS[rate_percent] = rate_percent / Decimal(100)
            if inclusive:
                tax = (amount - amount / (1 + rate)).quantize(TWO_PLACES, ROUND_HALF_UP)
            else:
                tax = (amount * rate).quantize(TWO_PLACES, ROUND_HALF_UP)
        if line.get("TaxAmount") is not None and not no_tax:
            tax = money(line["TaxAmount"])  # Xero keeps a tax amount the client gave
        line["LineAmount"] = amount
        line["TaxAmount"] = tax
        total_tax += tax
        sub_total += amount - tax if inclusive else amount
    return {"SubTotal": sub_total, "TotalTax": total_tax, "Total": sub_total + total_tax}

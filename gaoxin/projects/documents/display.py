"""How the documents show figures: amounts in 万元 with 2 decimals, percentages with 1 decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal(100)


def wan(value: Decimal | None) -> str:
    """An amount in 万元: "1234.50"; "—" when unknown."""
    if value is None:
        return "—"
    return str(Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def percent(fraction: Decimal | None) -> str:
    """A fraction as a percentage with one decimal: 0.4567 → "45.7%"; "—" when unknown."""
    if fraction is None:
        return "—"
    return f"{(Decimal(fraction) * HUNDRED).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)}%"


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part / whole`` as a fraction; None without a positive whole."""
    if part is None or not whole or whole <= 0:
        return None
    return Decimal(part) / Decimal(whole)

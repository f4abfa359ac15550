"""How reports and pages show figures and dates: amounts in 万元 with thousands separators and 2 decimals,
counts with separators, percentages with 1 decimal, dates written out (2026年12月7日 in Chinese)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats

from gaoxin.core.reports.content import AMOUNT, DATE, INTEGER, PERCENT

TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal(100)


def wan(value: Decimal | None) -> str:
    """An amount in 万元 with thousands separators and 2 decimals: "1,234.50"; "—" when unknown."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP):,}"


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


def long_date(day: dt.date | None) -> str:
    """A date as documents write it in the active language: 2026年12月7日; "—" when unknown."""
    return "—" if day is None else formats.date_format(day, "DATE_FORMAT")


def shown(kind: str, value: object) -> str:
    """A cell of a report's column of ``kind`` as text."""
    if value is None:
        return "—"
    if kind == AMOUNT:
        return wan(Decimal(str(value)))
    if kind == PERCENT:
        return percent(Decimal(str(value)))
    if kind == INTEGER:
        return f"{int(Decimal(str(value))):,}"
    if kind == DATE and isinstance(value, dt.date):
        return long_date(value)
    return str(value)

"""How the documents (and the module's pages) show figures and dates: amounts in 万元 with thousands separators
and 2 decimals, percentages with 1 decimal, dates written out (2026年12月7日 in Chinese), the reasons of a
project's light as sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats

from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message

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


def describe_reasons(reasons: Iterable[Mapping[str, Any]]) -> list[str]:
    """A stored ``Project.light_reasons`` list as sentences in the active language, dates written out
    (计划于2026年8月24日开工), as the map, the card and the bulletin show them."""
    return [translated(Message(reason["msgid"], _readable(reason.get("params", {})))) for reason in reasons]


def _readable(params: Mapping[str, Any]) -> dict[str, Any]:
    """The params of a reason with its date (stored as an ISO string) written out."""
    return {
        key: long_date(dt.date.fromisoformat(value)) if key == "date" else value
        for key, value in params.items()
    }

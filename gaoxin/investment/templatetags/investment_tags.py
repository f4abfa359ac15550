"""How the investment pages show an amount: in 亿元 from 1 亿 up, else in 万元, with thousands separators."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from gaoxin.core.reports.display import percent, wan

register = template.Library()

YI = Decimal(10_000)  # 万元 in one 亿元


@register.filter
def money(value: Decimal | None) -> str:
    """1234.5 → "1,234.50万元"; 123456 → "12.35亿元"; "—" when unknown."""
    if value is None:
        return "—"
    if abs(value) >= YI:
        return _("%(amount)s hundred million yuan") % {"amount": wan(Decimal(value) / YI)}
    return _("%(amount)s ten thousand yuan") % {"amount": wan(value)}


@register.filter
def figure(value: Decimal | int | None) -> str:
    """A figure whose unit its label states, with thousands separators: amounts and areas to 2 decimals
    (1615.1 → "1,615.10"), counts whole (6480 → "6,480"); "—" when unknown."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return wan(Decimal(value))


@register.filter
def share(fraction: Decimal | None) -> str:
    """A fraction as a percentage with one decimal: 0.4567 → "45.7%"."""
    return percent(fraction)

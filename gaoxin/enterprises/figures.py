"""An enterprise's yearly figures as people read them: a number with separators, the decimals of its unit
(万元, 亩, tce … 2; persons 0) and, where the label does not say it, the unit."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gaoxin.core.templatetags.numbers import invalid_text, is_invalid

# field → (unit, decimals)
UNITS = {
    "tax": (_("10k yuan"), 2),
    "revenue": (_("10k yuan"), 2),
    "main_revenue": (_("10k yuan"), 2),
    "output_value": (_("10k yuan"), 2),
    "value_added": (_("10k yuan"), 2),
    "energy_tce": (_("tce"), 2),
    "electricity_10k_kwh": (_("10k kWh"), 2),
    "emissions_t": (_("tonnes"), 2),
    "rd_expense": (_("10k yuan"), 2),
    "employees": (_("persons"), 0),
    "land_mu": (_("mu"), 2),
}


def number(name: str, value: Decimal | float | int | str | None) -> str:
    """``value`` of the field ``name`` with separators and its unit's decimals ("1,234.50"; persons "2,675");
    — when empty, 无效值 when the database holds a number its column cannot represent."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = Decimal(value)
    if is_invalid(value):
        return invalid_text()
    decimals = UNITS.get(name, ("", 2))[1]
    return f"{Decimal(str(value)):,.{decimals}f}"


def figure(name: str, value: Decimal | float | int | str | None) -> str:
    """``number`` with the unit ("1,234.50 万元", "2,675 人")."""
    text = number(name, value)
    unit = UNITS.get(name, ("", 2))[0]
    return f"{text} {unit}" if unit and text not in ("—", invalid_text()) else text

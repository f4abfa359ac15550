"""An enterprise's yearly figures as people read them: a number with separators and the decimals of its unit
(万元, 亩, tce … 2; persons 0). The unit is said once, by the field's label ("用地面积（亩）"), on every page."""

from __future__ import annotations

from decimal import Decimal

from gaoxin.core.templatetags.numbers import invalid_text, is_invalid

# field → decimals (any other field: 2)
DECIMALS = {"employees": 0}


def number(name: str, value: Decimal | float | int | str | None) -> str:
    """``value`` of the field ``name`` with separators and its unit's decimals ("1,234.50"; persons "2,675");
    — when empty, 无效值 when the database holds a number its column cannot represent."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = Decimal(value)
    if is_invalid(value):
        return invalid_text()
    decimals = DECIMALS.get(name, 2)
    return f"{Decimal(str(value)):,.{decimals}f}"

"""ECharts options built in Python and handed to templates with ``json_script``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

PALETTE = ["#b71c1c", "#1d4ed8", "#15803d", "#b45309", "#7c3aed", "#0e7490", "#be185d", "#4b5563"]


def _number(value: Decimal | float | int | None) -> float | None:
    return None if value is None else round(float(value), 4)


def line_chart(
    *,
    categories: Sequence[Any],
    series: Sequence[tuple[str, Sequence[Decimal | float | int | None]]],
    unit: str = "",
    counts: bool = False,
) -> dict[str, Any]:
    """``counts``: the values are numbers of things, so the axis shows whole numbers only."""
    y_axis: dict[str, Any] = {
        "type": "value",
        "name": unit,
        "nameGap": 14,
        "nameTextStyle": {"align": "right"},
    }
    if counts:
        y_axis["minInterval"] = 1
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 64, "right": 20, "top": 56, "bottom": 30},
        "xAxis": {"type": "category", "data": [str(c) for c in categories]},
        "yAxis": y_axis,
        "series": [
            {
                "name": name,
                "type": "line",
                "smooth": False,
                "connectNulls": False,
                "data": [_number(v) for v in values],
            }
            for name, values in series
        ],
    }


def bar_chart(
    *,
    categories: Sequence[Any],
    series: Sequence[tuple[str, Sequence[Any]]],
    unit: str = "",
    counts: bool = False,
) -> dict[str, Any]:
    options = line_chart(categories=categories, series=series, unit=unit, counts=counts)
    for s in options["series"]:
        s["type"] = "bar"
    return options

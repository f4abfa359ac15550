"""Checks of a project's profile, pure: planned dates in the order 开工 ≤ 竣工 ≤ 投产, fixed-asset investment within
the total, the location inside the zone's boundary (a GeoJSON of polygons), and spending reported before
construction started. Each problem is a field name and a ``Message`` the Django layer translates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any

from gaoxin.core.messages import Message, gettext_noop

PLAN_ORDER = (
    ("planned_start_on", gettext_noop("planned construction start")),
    ("planned_completion_on", gettext_noop("planned completion")),
    ("planned_production_on", gettext_noop("planned production start")),
)


def profile_problems(values: Mapping[str, Any]) -> list[tuple[str, Message]]:
    """The problems of a profile's planned dates and investment (each: the field to blame, the message)."""
    problems: list[tuple[str, Message]] = []
    dated: list[tuple[str, str, dt.date]] = [
        (field, label, values[field]) for field, label in PLAN_ORDER if values.get(field) is not None
    ]
    for (_f1, earlier_label, earlier), (field, label, later) in pairwise(dated):
        if later < earlier:
            problems.append(
                (
                    field,
                    Message(
                        gettext_noop(
                            "The %(later)s (%(later_date)s) cannot come before the %(earlier)s (%(earlier_date)s)."
                        ),
                        {
                            "later": Message(label),
                            "later_date": later,
                            "earlier": Message(earlier_label),
                            "earlier_date": earlier,
                        },
                    ),
                )
            )
    total, fixed = values.get("total_investment"), values.get("fixed_asset_investment")
    if total is not None and fixed is not None and Decimal(fixed) > Decimal(total):
        problems.append(
            (
                "fixed_asset_investment",
                Message(
                    gettext_noop(
                        "The fixed-asset investment (%(fixed)s 10k yuan) cannot exceed the total investment "
                        "(%(total)s 10k yuan)."
                    ),
                    {"fixed": fixed, "total": total},
                ),
            )
        )
    return problems


def _in_ring(x: float, y: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting: whether (x, y) lies inside the closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _polygons(geojson: Mapping[str, Any]) -> Iterable[Sequence[Sequence[Sequence[float]]]]:
    features = geojson.get("features") if geojson.get("type") == "FeatureCollection" else [geojson]
    for feature in features or []:
        geometry = feature.get("geometry", feature) or {}
        if geometry.get("type") == "Polygon":
            yield geometry["coordinates"]
        elif geometry.get("type") == "MultiPolygon":
            yield from geometry["coordinates"]


def inside_zone(longitude: float, latitude: float, geojson: Mapping[str, Any]) -> bool:
    """Whether the point lies inside one of the boundary's polygons (inside its outer ring, outside its holes)."""
    for polygon in _polygons(geojson):
        outer, *holes = polygon
        if _in_ring(longitude, latitude, outer) and not any(_in_ring(longitude, latitude, h) for h in holes):
            return True
    return False


def spending_before_start(
    reports: Iterable[tuple[int, int, Decimal | None]], started_on: dt.date | None
) -> list[tuple[int, int]]:
    """The (year, month) of reports with completed investment above zero in a month wholly before construction
    started (every such month when it has not started)."""
    return [
        (year, month)
        for year, month, completed in reports
        if completed
        and completed > 0
        and (started_on is None or (year, month) < (started_on.year, started_on.month))
    ]

"""Visit coverage (走访覆盖率): the share of the zone's operating enterprises visited in a year, overall, by
department and by officer; and how the visit plans stand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CoverageRow:
    key: Any
    label: str
    visits: int
    enterprises: int
    share: float | None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def coverage(
    year: int,
    base: int,
    overall: dict[str, int],
    departments: Iterable[dict[str, Any]],
    officers: Iterable[dict[str, Any]],
) -> dict[str, Any]:
    """The coverage page's figures from the counts of the year's visits and enterprises visited
    (``selectors.visit_coverage``): overall, by department and by officer; ``base`` is the number of operating
    enterprises."""
    return {
        "year": year,
        "base": base,
        "visits": overall["visits"],
        "enterprises": overall["enterprises"],
        "share": _share(overall["enterprises"], base),
        "by_department": [
            CoverageRow(
                d["department__code"] or "",
                d["department__name"] or "—",
                d["n"],
                d["e"],
                _share(d["e"], base),
            )
            for d in departments
        ],
        "by_officer": [
            CoverageRow(
                o["officers__pk"],
                f"{o['officers__display_name'] or o['officers__username']}（{o['officers__department__name'] or '—'}）",
                o["n"],
                o["e"],
                _share(o["e"], base),
            )
            for o in officers
            if o["officers__pk"] is not None
        ],
    }

"""Visit coverage (走访覆盖率): the share of the zone's operating enterprises visited in a year, overall, by
department and by officer; and how the visit plans stand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.servicedesk.models import Visit, VisitPlan


@dataclass(frozen=True)
class CoverageRow:
    key: Any
    label: str
    visits: int
    enterprises: int
    share: float | None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def coverage(visits: QuerySet[Visit], year: int) -> dict[str, Any]:
    in_year = visits.filter(visited_on__year=year).order_by()
    base = enterprise_selectors.operating_count()
    overall = in_year.aggregate(
        visits=Count("id", distinct=True), enterprises=Count("enterprise", distinct=True)
    )
    departments = (
        in_year.values("department__code", "department__name")
        .annotate(n=Count("id", distinct=True), e=Count("enterprise", distinct=True))
        .order_by("-e", "department__code")
    )
    officers = (
        in_year.values(
            "officers__pk", "officers__display_name", "officers__username", "officers__department__name"
        )
        .annotate(n=Count("id", distinct=True), e=Count("enterprise", distinct=True))
        .order_by("-e", "officers__username")
    )
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


def plan_status(plans: QuerySet[VisitPlan], today: dt.date) -> dict[str, int]:
    return plans.order_by().aggregate(
        planned=Count("id"),
        done=Count("id", filter=Q(visit__isnull=False)),
        overdue=Count("id", filter=Q(visit__isnull=True, planned_on__lt=today)),
    )

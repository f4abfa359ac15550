"""One definition of each project figure for a report month, read by the investment page, the project card, the
overview, the monthly bulletin and the lights alike (DOMAIN §4.2):

- 年度计划 — the project's investment plan of the year;
- 本年累计 — the completed investment of the year through the month (the ``ytd_completed`` its latest report of
  the year up to the month carries);
- 开工以来累计 — the completed investment of every report up to the month (``since_start_completed``);
- 时序进度 — months elapsed ÷ 12; completion — 本年累计 ÷ 年度计划; the gap — time progress − completion, in
  percentage points (``gaoxin.projects.lights``).

A report carries its cumulative figures (kept in line by ``services.progress.refresh_running_totals``), so
nothing is summed per request.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet, Subquery

from gaoxin.projects import lights
from gaoxin.projects.models import MonthlyReport, Project

ZERO = Decimal(0)


def judged_on(year: int, month: int, today: dt.date) -> dt.date:
    """The day a report month's lights are judged on: the end of the following month (when the month's reports
    were due), at the latest ``today``."""
    next_year, next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    return min(today, lights.month_end(next_year, next_month))


def _amount(value: float | int | Decimal | None) -> Decimal | None:
    """A stored amount as the driver returns it, as a Decimal: PostgreSQL returns numerics as Decimals; SQLite
    returns a double (or an integer), whose shortest repr is the stored amount (four decimals, below 10¹⁰ 万元:
    within a double's fifteen significant digits)."""
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _fetch(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query as the driver returns them: thousands of rows read
    without Django's per-value converters."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class ProjectMonth(NamedTuple):
    """The figures of one project for one report month (amounts in 万元); month 0: the year has not begun."""

    pk: int
    code: str
    name: str
    unit_id: int
    stage_id: int
    planned_start_on: dt.date | None
    started_on: dt.date | None
    annual_plan: Decimal | None
    month_completed: Decimal | None  # None when the month is not reported
    ytd: Decimal
    since_start: Decimal
    month: int

    @property
    def time_progress(self) -> Decimal:
        return lights.PROGRESS[self.month]

    @property
    def completion(self) -> Decimal | None:
        return lights.completion(self.ytd, self.annual_plan)

    @property
    def gap(self) -> Decimal | None:
        return lights.gap_points(self.time_progress, self.completion)

    @property
    def completion_percent(self) -> Decimal | None:
        return None if self.completion is None else self.completion * 100

    @property
    def time_progress_percent(self) -> Decimal:
        return self.time_progress * 100


def project_months(projects: QuerySet[Project], year: int, month: int) -> list[ProjectMonth]:
    """The projects in code order with their annual plan and month figures. A report carries the cumulative
    figures through its month, so nothing is summed: each project's report of the month is joined in (one
    query); a project without one takes the figures of its latest earlier report (two more queries, made only
    when some project has not reported the month), where 本年累计 counts only if that report is of ``year``."""
    rows = projects.annotate(
        plan=FilteredRelation("investment_plans", condition=Q(investment_plans__year=year)),
        report=FilteredRelation(
            "monthly_reports", condition=Q(monthly_reports__year=year, monthly_reports__month=month)
        ),
    ).values_list(
        "pk", "code", "name", "responsible_unit_id", "stage_id", "planned_start_on", "started_on", "plan__amount",
        "report__pk", "report__completed", "report__ytd_completed", "report__since_start_completed",
    )  # fmt: skip
    fetched = _fetch(rows.order_by("code"))
    earlier = _earlier_figures(projects, year, month) if any(row[8] is None for row in fetched) else {}
    months = []
    for row in fetched:
        report, completed, ytd, since_start = row[8:]
        if report is None:
            completed, (ytd, since_start) = None, earlier.get(row[0], (ZERO, ZERO))
        months.append(
            ProjectMonth._make(
                (
                    *row[:7],
                    _amount(row[7]),
                    _amount(completed),
                    _amount(ytd) or ZERO,
                    _amount(since_start) or ZERO,
                    month,
                )
            )
        )
    return months


def _earlier_figures(
    projects: QuerySet[Project], year: int, month: int
) -> dict[int, tuple[Decimal | int | float, Decimal | int | float]]:
    """(本年累计 as of the month, 开工以来累计) of the projects that did not report ``year``-``month``, from their
    latest report before it; projects with no report before it are left out."""
    latest = (
        MonthlyReport.objects.filter(project=OuterRef("pk"))
        .filter(Q(year__lt=year) | Q(year=year, month__lt=month))
        .order_by("-year", "-month")
        .values("pk")[:1]
    )
    unreported = projects.filter(
        ~Exists(MonthlyReport.objects.filter(project=OuterRef("pk"), year=year, month=month))
    )
    ids = [
        pk
        for (pk,) in _fetch(unreported.order_by().annotate(latest=Subquery(latest)).values_list("latest"))
        if pk
    ]
    if not ids:
        return {}
    reports = MonthlyReport.objects.filter(pk__in=ids).order_by()
    return {
        project: (ytd if y == year else ZERO, since_start)
        for project, y, ytd, since_start in _fetch(
            reports.values_list("project_id", "year", "ytd_completed", "since_start_completed")
        )
    }


def project_month(project: Project, year: int, month: int) -> ProjectMonth:
    """The figures of one project (see ``project_months``)."""
    return project_months(Project.objects.filter(pk=project.pk), year, month)[0]

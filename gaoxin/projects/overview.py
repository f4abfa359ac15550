"""The monthly overview (月度总览): every active project's investment for a chosen report month, its light, and
totals by responsible unit and by stage — read with a fixed number of queries whatever the number of projects.

The light shown is judged for the chosen month (YTD through it against its time progress) as of the end of
the following month, when that month's reports were due (today, for the latest month — the judgement the light
stored on the project holds).

Each project's figures come from its latest report up to the month, which carries the cumulative sums
(MonthlyReport.ytd_completed, since_start_completed); nothing is summed per request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import Department
from gaoxin.core.tabular import Column, Number, Percent, TableSpec, Text, write_xlsx
from gaoxin.projects import lights, selectors
from gaoxin.projects.choices import Light
from gaoxin.projects.models import MonthlyReport, Project, Stage
from gaoxin.projects.services.progress import current_rule

ZERO = Decimal(0)
SORT_KEYS: dict[str, Callable[[OverviewRow], Any]] = {
    "code": lambda r: r.code,
    "name": lambda r: r.name,
    "unit": lambda r: (r.unit_order, r.unit_name),
    "stage": lambda r: (r.stage_order, r.stage_name),
    "annual_plan": lambda r: r.annual_plan,
    "month_completed": lambda r: r.month_completed,
    "ytd": lambda r: r.ytd,
    "since_start": lambda r: r.since_start,
    "completion": lambda r: r.completion,
    "gap": lambda r: r.gap,
    "light": lambda r: lights.SEVERITY[r.light],
}


@dataclass(frozen=True)
class OverviewFilters:
    year: int
    month: int
    unit: str = ""
    stage: str = ""
    light: str = ""
    q: str = ""
    sort: str = "code"

    @classmethod
    def from_query(cls, params: Any, *, today: dt.date | None = None) -> OverviewFilters:
        """The filters of a query string; the report month defaults to the last complete month."""
        default_year, default_month = lights.report_month(today or timezone.localdate())
        year, month = _int(params.get("year"), default_year), _int(params.get("month"), default_month)
        if not 2000 <= year <= 2100 or not 1 <= month <= 12:
            year, month = default_year, default_month
        text = {name: (params.get(name) or "").strip() for name in ("unit", "stage", "light", "q", "sort")}
        if text["sort"].removeprefix("-") not in SORT_KEYS:
            text["sort"] = "code"
        if text["light"] not in lights.SEVERITY:
            text["light"] = ""
        return cls(year=year, month=month, **text)

    @property
    def judged_on(self) -> dt.date:
        """The day the lights are judged on: the end of the month after the report month, at the latest today."""
        next_year, next_month = (self.year, self.month + 1) if self.month < 12 else (self.year + 1, 1)
        return min(timezone.localdate(), lights.month_end(next_year, next_month))


def _int(text: Any, default: int) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


class OverviewRow(NamedTuple):
    """One project's line (a named tuple: thousands are made per request)."""

    pk: int
    code: str
    name: str
    unit_id: int
    unit_name: str
    unit_order: int
    stage_code: str
    stage_name: str
    stage_order: int
    annual_plan: Decimal | None
    month_completed: Decimal | None
    ytd: Decimal
    since_start: Decimal
    time_progress: Decimal
    completion: Decimal | None
    gap: Decimal | None
    light: str

    @property
    def completion_percent(self) -> Decimal | None:
        return None if self.completion is None else self.completion * 100


@dataclass
class Totals:
    label: str
    count: int
    annual_plan: Decimal
    month_completed: Decimal
    ytd: Decimal
    lights: dict[str, int]

    @classmethod
    def of(cls, label: str, rows: list[OverviewRow]) -> Totals:
        counts = dict.fromkeys(lights.SEVERITY, 0)
        annual_plan = month_completed = ytd = ZERO
        for row in rows:
            counts[row.light] += 1
            ytd += row.ytd
            if row.annual_plan is not None:
                annual_plan += row.annual_plan
            if row.month_completed is not None:
                month_completed += row.month_completed
        return cls(label, len(rows), annual_plan, month_completed, ytd, counts)

    @classmethod
    def combined(cls, label: str, parts: list[Totals]) -> Totals:
        return cls(
            label,
            sum(p.count for p in parts),
            sum((p.annual_plan for p in parts), ZERO),
            sum((p.month_completed for p in parts), ZERO),
            sum((p.ytd for p in parts), ZERO),
            {light: sum(p.lights[light] for p in parts) for light in lights.SEVERITY},
        )

    @property
    def completion_percent(self) -> Decimal | None:
        return self.ytd / self.annual_plan * 100 if self.annual_plan else None


@dataclass
class Overview:
    filters: OverviewFilters
    time_progress: Decimal
    rows: list[OverviewRow]  # filtered (light included) and sorted
    light_counts: dict[str, int]  # of the rows matching every filter but the light
    total: Totals
    by_unit: list[Totals]
    by_stage: list[Totals]
    units: list[Department]  # every responsible unit with projects, for the filter
    stages: list[Stage]

    @property
    def time_progress_percent(self) -> Decimal:
        return self.time_progress * 100


def scoped_projects(user: Any, filters: OverviewFilters) -> QuerySet[Project]:
    """The active projects the user sees, narrowed by unit, stage and search as the project list narrows them
    (the light is judged later, for the chosen month)."""
    return selectors.project_list(
        user, selectors.ProjectFilters(q=filters.q, stage=filters.stage, unit=filters.unit)
    )


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
    """What the overview reads of one project for one report month (amounts in 万元)."""

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


def monthly_overview(user: Any, filters: OverviewFilters) -> Overview:
    """The overview's rows and totals in at most six queries whatever the number of projects: the units, the
    stages, the projects with their plans and month figures (see ``project_months``), the light rule."""
    units = list(Department.objects.filter(projects__isnull=False).distinct().order_by("sort_order", "code"))
    stages = list(Stage.objects.all())
    unit_by_id = {u.pk: u for u in units}
    stage_by_id = {s.pk: s for s in stages}
    rule = current_rule()
    on = filters.judged_on
    month = filters.month
    progress = lights.time_progress(month)
    judge, facts = lights.judge, lights.Facts
    everything: list[OverviewRow] = []
    for p in project_months(scoped_projects(user, filters), filters.year, month):
        verdict = judge(
            facts(p.annual_plan, p.ytd, p.planned_start_on, p.started_on),
            month=month,
            on=on,
            rule=rule,
            explain=False,
        )
        unit, stage = unit_by_id[p.unit_id], stage_by_id[p.stage_id]
        everything.append(
            OverviewRow(
                p.pk, p.code, p.name, p.unit_id, unit.short_name or unit.name, unit.sort_order, stage.code,
                stage.name, stage.sort_order, p.annual_plan, p.month_completed, p.ytd, p.since_start, progress,
                verdict.completion, verdict.gap, verdict.light,
            )
        )  # fmt: skip
    light_counts = dict.fromkeys(lights.SEVERITY, 0)
    for row in everything:
        light_counts[row.light] += 1
    rows = [r for r in everything if r.light == filters.light] if filters.light else everything
    rows = sort_rows(rows, filters.sort)
    by_unit: dict[int, list[OverviewRow]] = {}
    by_stage: dict[str, list[OverviewRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit_id, []).append(row)
        by_stage.setdefault(row.stage_code, []).append(row)
    unit_totals = [Totals.of(u.short_name or u.name, by_unit[u.pk]) for u in units if u.pk in by_unit]
    return Overview(
        filters=filters,
        time_progress=progress,
        rows=rows,
        light_counts=light_counts,
        total=Totals.combined(_("Total"), unit_totals),
        by_unit=unit_totals,
        by_stage=[Totals.of(s.name, by_stage[s.code]) for s in stages if s.code in by_stage],
        units=units,
        stages=stages,
    )


def sort_rows(rows: Iterable[OverviewRow], sort: str) -> list[OverviewRow]:
    """Sorted by ``sort`` (a SORT_KEYS name, "-" for descending); empty values always last. The sort is stable:
    rows given in code order stay in code order among equals."""
    descending = sort.startswith("-")
    key = SORT_KEYS[sort.lstrip("-")]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + missing


def light_chart(counts: dict[str, int]) -> dict[str, Any]:
    """An ECharts pie of the light counts, in the lights' own colours."""
    colours = {
        lights.GREEN: "#15803d",
        lights.YELLOW: "#b45309",
        lights.RED: "#b91c1c",
        lights.GREY: "#9ca3af",
    }
    return {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "data": [
                    {
                        "name": str(Light(light).label),
                        "value": counts[light],
                        "itemStyle": {"color": colours[light]},
                    }
                    for light in (lights.GREEN, lights.YELLOW, lights.RED, lights.GREY)
                ],
            }
        ],
    }


EXPORT = TableSpec(
    columns=(
        Column("code", "项目代码", converter=Text()),
        Column("name", "项目名称", converter=Text()),
        Column("unit", "责任单位", converter=Text()),
        Column("stage", "所处阶段", converter=Text()),
        Column("annual_plan", "年度计划投资", converter=Number(places=2), unit="万元"),
        Column("month_completed", "本月完成投资", converter=Number(places=2), unit="万元"),
        Column("ytd", "本年累计完成投资", converter=Number(places=2), unit="万元"),
        Column("since_start", "开工以来累计完成投资", converter=Number(places=2), unit="万元"),
        Column("completion", "年度计划完成率", converter=Percent()),
        Column("time_progress", "时序进度", converter=Percent()),
        Column("gap", "落后时序进度（百分点）", converter=Number(places=1)),
        Column("light", "亮灯", converter=Text()),
    )
)
LIGHT_LABELS = {lights.GREEN: "绿灯", lights.YELLOW: "黄灯", lights.RED: "红灯", lights.GREY: "未评"}


def overview_xlsx(overview: Overview) -> bytes:
    """Exactly the filtered, sorted rows of the overview, as an .xlsx."""
    filters = overview.filters
    rows = (
        {
            "code": r.code,
            "name": r.name,
            "unit": r.unit_name,
            "stage": r.stage_name,
            "annual_plan": r.annual_plan,
            "month_completed": r.month_completed,
            "ytd": r.ytd,
            "since_start": r.since_start,
            "completion": r.completion,
            "time_progress": r.time_progress,
            "gap": r.gap,
            "light": LIGHT_LABELS[r.light],
        }
        for r in overview.rows
    )
    return write_xlsx(
        EXPORT,
        rows,
        f"{filters.year}年{filters.month}月",
        title=f"重大项目月度投资总览（{filters.year}年{filters.month}月）",
    )

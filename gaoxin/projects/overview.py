"""The monthly overview (月度总览): every active project's investment for a chosen report month, its light, and
totals by responsible unit and by stage — read with a fixed number of queries whatever the number of projects.

The light shown is judged for the chosen month (YTD through it against its time progress) as of the end of
the following month, when that month's reports were due (today, for the latest month): for the latest report
month it is the light stored on the project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import Department
from gaoxin.core.tabular import Column, Number, Percent, TableSpec, Text, write_xlsx
from gaoxin.projects import lights, selectors
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Project, Stage
from gaoxin.projects.services.progress import current_rule

ZERO = Decimal(0)
FOUR_PLACES = Decimal("0.0001")  # amounts have four decimals
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
        if text["sort"].lstrip("-") not in SORT_KEYS:
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


@dataclass(frozen=True)
class OverviewRow:
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
        for row in rows:
            counts[row.light] += 1
        return cls(
            label,
            len(rows),
            sum((r.annual_plan for r in rows if r.annual_plan is not None), ZERO),
            sum((r.month_completed for r in rows if r.month_completed is not None), ZERO),
            sum((r.ytd for r in rows), ZERO),
            counts,
        )

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
    """The active projects the user sees, narrowed by unit, stage and search (the light is judged later)."""
    projects = selectors.projects_for(user).filter(is_active=True)
    if filters.unit.isdigit():
        projects = projects.filter(responsible_unit_id=int(filters.unit))
    if filters.stage:
        projects = projects.filter(stage__code=filters.stage)
    if filters.q:
        projects = projects.filter(
            Q(name__icontains=filters.q) | Q(code__icontains=filters.q) | Q(owner__name__icontains=filters.q)
        )
    return projects


def _amount(value: float | int | Decimal | None) -> Decimal | None:
    """A summed amount as the driver returns it, made exact: PostgreSQL sums numerics exactly; SQLite sums
    them as doubles, whose error for amounts of four decimals up to 10⁸ 万元 stays far below half a unit of the
    fourth decimal, so rounding to four decimals gives the exact sum."""
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(FOUR_PLACES)
    return Decimal(value)


def _fetch(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query as the driver returns them: thousands of rows read
    without Django's per-value converters."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def investment_sums(
    projects: QuerySet[Project], year: int, month: int
) -> tuple[dict[int, Decimal | None], dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]]]:
    """Two queries: the annual plans of ``year``, and per project (month completed, YTD, since the start)."""
    scope = projects.order_by().values("pk")
    plans = InvestmentPlan.objects.filter(year=year, project__in=scope)
    sums = (
        MonthlyReport.objects.filter(project__in=scope)
        .filter(Q(year__lt=year) | Q(year=year, month__lte=month))
        .values("project_id")
        .annotate(
            month_sum=Sum("completed", filter=Q(year=year, month=month)),
            ytd_sum=Sum("completed", filter=Q(year=year)),
            since_sum=Sum("completed"),
        )
        .values_list("project_id", "month_sum", "ytd_sum", "since_sum")
        .order_by()
    )
    return (
        {pk: _amount(amount) for pk, amount in _fetch(plans.values_list("project_id", "amount"))},
        {pk: (_amount(m), _amount(y), _amount(s)) for pk, m, y, s in _fetch(sums)},
    )


def monthly_overview(user: Any, filters: OverviewFilters) -> Overview:
    """The overview's rows and totals in six queries whatever the number of projects: the units, the stages, the
    projects, their plans, their report sums, the light rule."""
    units = list(Department.objects.filter(projects__isnull=False).distinct().order_by("sort_order", "code"))
    stages = list(Stage.objects.all())
    unit_by_id = {u.pk: u for u in units}
    stage_by_id = {s.pk: s for s in stages}
    projects = scoped_projects(user, filters)
    plans, sums = investment_sums(projects, filters.year, filters.month)
    rule = current_rule()
    on = filters.judged_on
    month = filters.month
    progress = lights.time_progress(month)
    judge, facts = lights.judge, lights.Facts
    nothing: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None)
    everything: list[OverviewRow] = []
    for pk, code, name, unit_id, stage_id, planned_start, started in projects.order_by("code").values_list(
        "pk", "code", "name", "responsible_unit_id", "stage_id", "planned_start_on", "started_on"
    ):
        month_completed, ytd, since_start = sums.get(pk, nothing)
        ytd = ytd or ZERO
        plan = plans.get(pk)
        verdict = judge(
            facts(plan, ytd, planned_start, started), month=month, on=on, rule=rule, explain=False
        )
        unit, stage = unit_by_id[unit_id], stage_by_id[stage_id]
        everything.append(
            OverviewRow(
                pk, code, name, unit_id, unit.short_name or unit.name, unit.sort_order, stage.code, stage.name,
                stage.sort_order, plan, month_completed, ytd, since_start or ZERO, progress, verdict.completion,
                verdict.gap, verdict.light,
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
    names = {
        lights.GREEN: _("Green"),
        lights.YELLOW: _("Yellow"),
        lights.RED: _("Red"),
        lights.GREY: _("Not rated"),
    }
    return {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [
            {
                "type": "pie",
                "radius": ["35%", "65%"],
                "data": [
                    {"name": names[light], "value": counts[light], "itemStyle": {"color": colours[light]}}
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

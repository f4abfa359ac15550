"""The monthly overview (月度总览): every active project's investment for a chosen report month, its light, and
totals by responsible unit and by stage — read with a fixed number of queries whatever the number of projects.

The light shown is judged for the chosen month (YTD through it against its time progress) as of the end of
the following month, when that month's reports were due (today, for the latest month — the judgement the light
stored on the project holds).

Each project's figures are those of ``gaoxin.projects.selectors.figures`` (one definition for every page and document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import pgettext

from gaoxin.accounts.models import Department
from gaoxin.core.message_text import translated
from gaoxin.core.tabular import Column, Number, Percent, TableSpec, Text, write_xlsx
from gaoxin.projects import lights, phrases
from gaoxin.projects.choices import Light
from gaoxin.projects.models import Project, Stage
from gaoxin.projects.selectors import figures
from gaoxin.projects.selectors.rules import current_light_rule

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
    year: int
    month: int  # the report month
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


def monthly_overview(
    projects: QuerySet[Project], *, year: int, month: int, light: str = "", sort: str = "code"
) -> Overview:
    """The overview of ``projects`` (the active ones a user sees, narrowed as the project list narrows them) for
    the report month: their figures, their lights judged for the month as of the end of the following month (at
    the latest today), only those of ``light`` when one is given, sorted by ``sort`` (a SORT_KEYS name, "-" for
    descending). At most six queries whatever the number of projects: the units, the stages, the projects with
    their plans and month figures (see ``project_months``), the light rule."""
    units = list(Department.objects.filter(projects__isnull=False).distinct().order_by("sort_order", "code"))
    stages = list(Stage.objects.all())
    unit_by_id = {u.pk: u for u in units}
    stage_by_id = {s.pk: s for s in stages}
    rule = current_light_rule()
    on = figures.judged_on(year, month, timezone.localdate())
    progress = lights.time_progress(month)
    judge, facts = lights.judge, lights.Facts
    everything: list[OverviewRow] = []
    for p in figures.project_months(projects, year, month):
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
    rows = sort_rows([r for r in everything if r.light == light] if light else everything, sort)
    by_unit: dict[int, list[OverviewRow]] = {}
    by_stage: dict[str, list[OverviewRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit_id, []).append(row)
        by_stage.setdefault(row.stage_code, []).append(row)
    unit_totals = [Totals.of(u.short_name or u.name, by_unit[u.pk]) for u in units if u.pk in by_unit]
    return Overview(
        year=year,
        month=month,
        time_progress=progress,
        rows=rows,
        light_counts=light_counts,
        total=Totals.combined(pgettext("sum", "Total"), unit_totals),
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
        Column("ahead", "超（+）或落后（−）时序进度（百分点）", converter=Number(places=1)),
        Column("against_time_progress", "与时序进度比较", converter=Text()),
        Column("light", "亮灯", converter=Text()),
    )
)
LIGHT_LABELS = {lights.GREEN: "绿灯", lights.YELLOW: "黄灯", lights.RED: "红灯", lights.GREY: "未评"}


def overview_xlsx(overview: Overview) -> bytes:
    """Exactly the filtered, sorted rows of the overview, as an .xlsx."""
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
            "ahead": None if r.gap is None else -r.gap,
            "against_time_progress": ""
            if r.gap is None
            else translated(phrases.against_time_progress(r.gap)),
            "light": LIGHT_LABELS[r.light],
        }
        for r in overview.rows
    )
    return write_xlsx(
        EXPORT,
        rows,
        f"{overview.year}年{overview.month}月",
        title=f"重大项目月度投资总览（{overview.year}年{overview.month}月）",
    )

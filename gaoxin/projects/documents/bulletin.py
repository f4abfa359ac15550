"""The projects part of the monthly bulletin (一月一通报) for a year and month: headline figures, a table per
responsible unit, the red-light projects with their reasons, the overdue problems — as .xlsx and .docx.

Investment is read as of the end of the month (reports of months 1…M, time progress M ÷ 12); problems as of the
month's end or today, whichever is earlier; lights are judged for the month. What it reads comes from
``selectors.documents.bulletin_month``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from gaoxin.core.message_text import translated
from gaoxin.core.reports import output
from gaoxin.core.reports.content import (
    AMOUNT,
    DATE,
    INTEGER,
    PERCENT,
    TEXT,
    Figure,
    ReportDocument,
    Section,
    Table,
)
from gaoxin.core.reports.display import percent, wan
from gaoxin.projects import lights, phrases
from gaoxin.projects.choices import Light
from gaoxin.projects.display import describe_reasons
from gaoxin.projects.selectors.documents import BulletinMonth
from gaoxin.projects.selectors.figures import ProjectMonth

LIGHT_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)


@dataclass(frozen=True)
class StageLine:
    stage: str
    projects: int
    total_investment: Decimal


@dataclass(frozen=True)
class UnitLine:
    unit: str
    projects: int
    annual_plan: Decimal
    ytd: Decimal
    red: int
    yellow: int
    open_issues: int
    overdue_issues: int

    @property
    def completion(self) -> Decimal | None:
        return lights.completion(self.ytd, self.annual_plan)


@dataclass(frozen=True)
class RedProject:
    code: str
    name: str
    unit: str
    stage: str
    annual_plan: Decimal | None
    ytd: Decimal
    reasons: list[str]

    @property
    def completion(self) -> Decimal | None:
        return lights.completion(self.ytd, self.annual_plan)


@dataclass(frozen=True)
class OverdueIssue:
    project: str
    title: str
    unit: str
    deadline: dt.date
    days_overdue: int


@dataclass(frozen=True)
class Bulletin:
    year: int
    month: int
    as_of: dt.date
    projects: int
    total_investment: Decimal
    stages: list[StageLine]
    started: int
    completed: int
    producing: int
    annual_plan: Decimal
    ytd: Decimal
    lights: list[tuple[str, str, int]]  # value, label, count
    units: list[UnitLine]
    red_projects: list[RedProject]
    overdue_issues: list[OverdueIssue]
    issued_by: str = ""  # the issuing body the project office configured
    made_on: dt.date | None = None

    @property
    def completion(self) -> Decimal | None:
        return lights.completion(self.ytd, self.annual_plan)

    @property
    def time_progress(self) -> Decimal:
        return lights.time_progress(self.month)

    @property
    def against_time_progress(self) -> str:
        gap = lights.gap_points(self.time_progress, self.completion)
        return "" if gap is None else translated(phrases.against_time_progress(gap))

    @property
    def title(self) -> str:
        return _("Major projects in %(year)s, month %(month)s: monthly bulletin") % {
            "year": self.year,
            "month": self.month,
        }

    @property
    def headline(self) -> str:
        values = {
            "month": self.month,
            "projects": self.projects,
            "total": wan(self.total_investment),
            "plan": wan(self.annual_plan),
            "ytd": wan(self.ytd),
            "completion": percent(self.completion),
            "time_progress": percent(self.time_progress),
            "against": self.against_time_progress or "—",
            "started": self.started,
            "completed": self.completed,
            "producing": self.producing,
        }
        return (
            _(
                "By the end of month %(month)s the zone tracks %(projects)s major projects with a total investment of "
                "%(total)s (10k yuan). Planned investment this year is %(plan)s, of which %(ytd)s has been completed: "
                "%(completion)s of the annual plan against a time progress of %(time_progress)s (%(against)s). "
                "This year %(started)s projects started construction, %(completed)s were completed and "
                "%(producing)s started production."
            )
            % values
        )

    @property
    def light_line(self) -> str:
        return "；".join(f"{label} {count}" for _value, label, count in self.lights)


def _on_or_before(day: dt.date | None, year: int, end: dt.date) -> bool:
    return day is not None and day.year == year and day <= end


def bulletin(reads: BulletinMonth, today: dt.date) -> Bulletin:
    """The bulletin of a month as it stood at the month's end, from what ``selectors.documents.bulletin_month``
    read: the projects that existed by then, in the stage they stood in, with their figures and the light
    judged for the month (as the overview judges it); problems as of the month's end or today, whichever is
    earlier."""
    year, month, end, facts, months = reads.year, reads.month, reads.end, reads.facts, reads.months
    verdicts = {
        p.pk: lights.judge(
            lights.Facts(p.annual_plan, p.ytd, p.planned_start_on, p.started_on),
            month=month,
            on=reads.judged_on,
            rule=reads.rule,
        )
        for p in months
    }
    stage_by_id = {stage.pk: stage for stage in reads.stages}
    by_stage: dict[int, list[int]] = {}
    for pk, (stage_id, *_rest) in facts.items():
        by_stage.setdefault(stage_id, []).append(pk)
    stages = [
        StageLine(
            stage.name,
            len(by_stage[stage.pk]),
            sum((facts[pk][1] or Decimal(0) for pk in by_stage[stage.pk]), Decimal(0)),
        )
        for stage in reads.stages
        if stage.pk in by_stage
    ]
    light_counts = Counter(verdict.light for verdict in verdicts.values())
    by_unit: dict[int, list[ProjectMonth]] = {}
    for p in months:
        by_unit.setdefault(p.unit_id, []).append(p)
    unit_by_id = {u.pk: u for u in reads.units}
    units = [
        UnitLine(
            unit=unit.short_name or unit.name,
            projects=len(by_unit[unit.pk]),
            annual_plan=sum((p.annual_plan or Decimal(0) for p in by_unit[unit.pk]), Decimal(0)),
            ytd=sum((p.ytd for p in by_unit[unit.pk]), Decimal(0)),
            red=sum(verdicts[p.pk].light == Light.RED for p in by_unit[unit.pk]),
            yellow=sum(verdicts[p.pk].light == Light.YELLOW for p in by_unit[unit.pk]),
            open_issues=reads.unit_issues.get(unit.pk, (0, 0))[0],
            overdue_issues=reads.unit_issues.get(unit.pk, (0, 0))[1],
        )
        for unit in reads.units
    ]
    unit_order = list(unit_by_id)
    red_projects = [
        RedProject(
            code=p.code,
            name=p.name,
            unit=unit_by_id[p.unit_id].short_name or unit_by_id[p.unit_id].name,
            stage=stage_by_id[facts[p.pk][0]].name,
            annual_plan=p.annual_plan,
            ytd=p.ytd,
            reasons=describe_reasons(verdicts[p.pk].reasons_json()),
        )
        for p in sorted(months, key=lambda p: (unit_order.index(p.unit_id), p.code))
        if verdicts[p.pk].light == Light.RED
    ]
    overdue = [
        OverdueIssue(
            project=issue.project.name,
            title=issue.title,
            unit=issue.unit.short_name or issue.unit.name,
            deadline=issue.deadline,
            days_overdue=(reads.as_of - issue.deadline).days,
        )
        for issue in reads.overdue_issues
    ]
    return Bulletin(
        year=year,
        month=month,
        as_of=reads.as_of,
        projects=len(facts),
        total_investment=sum((row[1] or Decimal(0) for row in facts.values()), Decimal(0)),
        stages=stages,
        started=sum(_on_or_before(row[2], year, end) for row in facts.values()),
        completed=sum(_on_or_before(row[3], year, end) for row in facts.values()),
        producing=sum(_on_or_before(row[4], year, end) for row in facts.values()),
        annual_plan=sum((p.annual_plan or Decimal(0) for p in months), Decimal(0)),
        ytd=sum((p.ytd for p in months), Decimal(0)),
        lights=[(light.value, str(light.label), light_counts.get(light.value, 0)) for light in LIGHT_ORDER],
        units=units,
        red_projects=red_projects,
        overdue_issues=overdue,
        issued_by=reads.issued_by,
        made_on=today,
    )


def tables(content: Bulletin) -> list[Table]:
    return [
        Table(
            _("Projects by stage"),
            [_("Stage"), _("Number of projects"), _("Total investment (10k yuan)")],
            [TEXT, INTEGER, AMOUNT],
            [[line.stage, line.projects, line.total_investment] for line in content.stages],
        ),
        Table(
            _("By responsible unit"),
            [
                _("Responsible unit"),
                _("Number of projects"),
                _("Annual plan (10k yuan)"),
                _("Completed this year (10k yuan)"),
                _("Completion of the annual plan"),
                _("Red lights"),
                _("Yellow lights"),
                _("Open problems"),
                _("Overdue problems"),
            ],
            [TEXT, INTEGER, AMOUNT, AMOUNT, PERCENT, INTEGER, INTEGER, INTEGER, INTEGER],
            [
                [
                    line.unit,
                    line.projects,
                    line.annual_plan,
                    line.ytd,
                    line.completion,
                    line.red,
                    line.yellow,
                    line.open_issues,
                    line.overdue_issues,
                ]
                for line in content.units
            ],
        ),
        Table(
            _("Red-light projects"),
            [
                _("Project code"),
                _("Project"),
                _("Responsible unit"),
                _("Stage"),
                _("Annual plan (10k yuan)"),
                _("Completed this year (10k yuan)"),
                _("Completion of the annual plan"),
                _("Why red"),
            ],
            [TEXT, TEXT, TEXT, TEXT, AMOUNT, AMOUNT, PERCENT, TEXT],
            [
                [
                    p.code,
                    p.name,
                    p.unit,
                    p.stage,
                    p.annual_plan,
                    p.ytd,
                    p.completion,
                    "；".join(p.reasons) or "—",
                ]
                for p in content.red_projects
            ],
        ),
        Table(
            _("Overdue problems"),
            [_("Project"), _("Problem"), _("Assigned unit"), _("Deadline"), _("Days overdue")],
            [TEXT, TEXT, TEXT, DATE, INTEGER],
            [[i.project, i.title, i.unit, i.deadline, i.days_overdue] for i in content.overdue_issues],
        ),
    ]


def headline_rows(content: Bulletin) -> list[tuple[str, str, object]]:
    """The headline figures: label, kind, value."""
    return [
        (_("Number of projects"), INTEGER, content.projects),
        (_("Total investment (10k yuan)"), AMOUNT, content.total_investment),
        (_("Annual plan (10k yuan)"), AMOUNT, content.annual_plan),
        (_("Completed this year (10k yuan)"), AMOUNT, content.ytd),
        (_("Completion of the annual plan"), PERCENT, content.completion),
        (_("Time progress"), PERCENT, content.time_progress),
        (_("Started construction this year"), INTEGER, content.started),
        (_("Construction completed this year"), INTEGER, content.completed),
        (_("Started production this year"), INTEGER, content.producing),
        *((label, INTEGER, count) for _value, label, count in content.lights),
    ]


def document(content: Bulletin) -> ReportDocument:
    """The bulletin as a report: the headline in words and as figures, then its tables."""
    return ReportDocument(
        title=content.title,
        as_of=content.as_of,
        made_on=content.made_on or content.as_of,
        issued_by=content.issued_by,
        summary=[content.headline, _("Lights: %(lights)s") % {"lights": content.light_line}],
        figures=[Figure(label, kind, value) for label, kind, value in headline_rows(content)],
        sections=[Section(table.title, tables=[table]) for table in tables(content)],
    )


def bulletin_xlsx(content: Bulletin) -> bytes:
    return output.report_xlsx(document(content))


def bulletin_docx(content: Bulletin) -> bytes:
    return output.report_docx(document(content))

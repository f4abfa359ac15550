"""Reads of the project documents (``gaoxin.projects.documents``): the monthly bulletin's month as the zone stood
at its end, and the card's plan steps, open problems and commitments. The documents take what these return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from gaoxin.accounts.models import Department
from gaoxin.projects import lights
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import Obligation, PlanStep, Project, ProjectIssue, Stage, StageTransition
from gaoxin.projects.selectors.figures import ProjectMonth, judged_on, project_month, project_months
from gaoxin.projects.selectors.issue_board import open_on_q, overdue_on_q
from gaoxin.projects.selectors.rules import current_light_rule, current_office_settings

# per project: the stage it stood in at the month's end, total investment, started, completed, production on
ProjectFacts = tuple[int, Decimal | None, dt.date | None, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class BulletinMonth:
    """What the bulletin of ``year``-``month`` reads: the projects that existed by the month's end, in the stage
    they stood in then, with their figures (``selectors.figures``); problems as of ``as_of``."""

    year: int
    month: int
    end: dt.date  # the month's last day
    as_of: dt.date  # the month's end or today, whichever is earlier
    judged_on: dt.date  # the day the month's lights are judged on (as the overview judges them)
    rule: lights.Rule
    facts: dict[int, ProjectFacts]  # by project id
    months: list[ProjectMonth]  # the projects' figures of the month, in code order
    stages: list[Stage]  # every stage, in the pipeline's order
    units: list[Department]  # the projects' responsible units, in the committee's order
    unit_issues: dict[
        int, tuple[int, int]
    ]  # per responsible unit: problems open at ``as_of``, overdue of them
    overdue_issues: list[ProjectIssue]  # overdue at ``as_of`` by deadline, with their projects and units
    issued_by: str  # the issuing body the project office configured


def existing_by(end: dt.date) -> QuerySet[Project]:
    """The active projects that existed by ``end``: in the library (some stage reached) on or before it; each
    annotated ``stage_then``, the stage it stood in at ``end``."""
    moves = StageTransition.objects.filter(project=OuterRef("pk"), on__lte=end)
    return (
        Project.objects.filter(is_active=True)
        .filter(Exists(moves))
        .annotate(stage_then=Subquery(moves.order_by("-on", "-id").values("to_stage_id")[:1]))
    )


def bulletin_month(year: int, month: int, today: dt.date) -> BulletinMonth:
    """The reads of the bulletin of ``year``-``month`` made on ``today``; ValueError for a month not 1–12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1–12")
    end = lights.month_end(year, month)
    as_of = min(end, today)
    projects = existing_by(end)
    facts = {
        row[0]: row[1:]
        for row in projects.values_list(  # type: ignore[misc]  # stage_then is an annotation
            "pk", "stage_then", "total_investment", "started_on", "completed_on", "production_on"
        )
    }
    months = project_months(projects, year, month)
    issues = ProjectIssue.objects.filter(project__in=projects.values("pk"))
    unit_issues = {
        row["responsible"]: (row["open"], row["overdue"])
        for row in issues.filter(open_on_q(as_of))
        .values(responsible=F("project__responsible_unit_id"))
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=as_of)))
        .order_by()
    }
    units = Department.objects.filter(pk__in={p.unit_id for p in months}).order_by("sort_order", "code")
    return BulletinMonth(
        year=year,
        month=month,
        end=end,
        as_of=as_of,
        judged_on=judged_on(year, month, today),
        rule=current_light_rule(),
        facts=facts,
        months=months,
        stages=list(Stage.objects.order_by("sort_order", "code")),
        units=list(units),
        unit_issues=unit_issues,
        overdue_issues=list(
            issues.filter(overdue_on_q(as_of))
            .select_related("project", "unit")
            .order_by("deadline", "project__code", "id")
        ),
        issued_by=current_office_settings().issuing_body,
    )


@dataclass(frozen=True)
class CardReads:
    """What a project's card reads besides the project: its figures of the report month (``today``'s last
    complete month), its plan steps, open problems and commitments."""

    year: int
    month: int
    figures: ProjectMonth
    steps: list[PlanStep]  # in the plan's order
    open_issues: list[ProjectIssue]  # by deadline, with their units
    commitments: list[Obligation]  # the standard-parcel commitments, by parcel, with their parcels
    issued_by: str  # the issuing body the project office configured


def card_reads(project: Project, today: dt.date) -> CardReads:
    year, month = lights.report_month(today)
    return CardReads(
        year=year,
        month=month,
        figures=project_month(project, year, month),
        steps=list(PlanStep.objects.filter(project=project).order_by("sort_order", "id")),
        open_issues=list(
            ProjectIssue.objects.filter(project=project, status=IssueStatus.OPEN)
            .select_related("unit")
            .order_by("deadline", "id")
        ),
        commitments=list(
            Obligation.objects.filter(project=project, standard_parcel=True)
            .select_related("parcel")
            .order_by("parcel_id", "id")
        ),
        issued_by=current_office_settings().issuing_body,
    )

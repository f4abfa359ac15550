"""What the plan tab shows: the steps with their latest dates and the forward projection from what is done (late
and at-risk steps flagged), the approvals with their clocks and the statutory groups (最多90天: 60 + 30), and
the data of the Gantt-like timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from gaoxin.core.calendar_services import current_calendar, estimated_years, missing_year_text
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import MissingYearError
from gaoxin.projects import phrases, scheduling
from gaoxin.projects.models import ApprovalItem, ClockStop, PlanStep, Project
from gaoxin.projects.plan_templates import plan_from_steps, standard_template

ONE_DAY = dt.timedelta(days=1)
COLOURS = {"late": "#b91c1c", "at_risk": "#d97706", "on_track": "#1d4ed8", "done": "#15803d"}
ACTUAL_COLOUR = "#374151"  # the actual bars, whatever the state
KIND_COLOUR = (
    "#6b7280"  # the legend's samples of the bar kinds (outline, light), which take the state's colour
)


@dataclass(frozen=True)
class StepRow:
    step: PlanStep
    after: list[str]  # names of the predecessors, with their lags
    projected: scheduling.ProjectedStep | None

    as_of: dt.date

    @property
    def state(self) -> str:
        """done, late, at_risk or on_track. Without a projection (a calendar year missing) a step is still late
        by its stored latest dates, as the projection would judge it; at risk cannot be told then."""
        step = self.step
        if step.actual_finish is not None:
            return "done"
        if self.projected is not None:
            return "late" if self.projected.late else "at_risk" if self.projected.at_risk else "on_track"
        not_started_in_time = (
            step.actual_start is None and step.latest_start is not None and self.as_of >= step.latest_start
        )
        not_finished_in_time = step.latest_finish is not None and self.as_of >= step.latest_finish
        return "late" if not_started_in_time or not_finished_in_time else "on_track"


@dataclass(frozen=True)
class ApprovalRow:
    item: ApprovalItem
    clock: scheduling.ApprovalClock | None
    problem: str = ""


@dataclass(frozen=True)
class LimitGroup:
    """A statutory limit over several approvals (e.g. 立项、规划许可、施工许可最多60天) against the days used."""

    name: str
    limit: int
    used: int
    items: list[str]

    @property
    def over(self) -> bool:
        return self.used > self.limit


@dataclass(frozen=True)
class PlanPage:
    project: Project
    as_of: dt.date
    steps: list[StepRow]
    approvals: list[ApprovalRow]
    groups: list[LimitGroup]
    projection: scheduling.Projection | None
    problems: list[str] = field(default_factory=list)
    missing_years: list[int] = field(default_factory=list)  # said once, above everything that needs them
    estimated_years: list[int] = field(
        default_factory=list
    )  # years of an estimated arrangement the dates use

    @property
    def missing_year_notices(self) -> list[str]:
        return [missing_year_text(year) for year in self.missing_years]

    @property
    def late(self) -> int:
        return sum(row.state == "late" for row in self.steps)

    @property
    def at_risk(self) -> int:
        return sum(row.state == "at_risk" for row in self.steps)

    @property
    def completion_days_late(self) -> int | None:
        """Days the expected completion lies after the target (negative: before it)."""
        return None if self.projection is None else -self.projection.completion_float_days

    @property
    def template_name(self) -> str:
        template = standard_template(self.project.plan_template)
        if template is not None:
            return template.name
        return _("Custom plan") if self.project.plan_template else ""

    def chart(self) -> dict[str, Any]:
        return gantt_data(self)


def plan_projection(
    project: Project, steps: Sequence[PlanStep], *, as_of: dt.date, missing: set[int] | None = None
) -> tuple[scheduling.Projection | None, list[str]]:
    """The forward projection of the plan from the steps' actual dates known at the end of ``as_of``, or None
    with the reasons it cannot be made (no target, a calendar year missing, contradictory dates). A missing
    year is added to ``missing`` (the page says so once) rather than spelled out here."""
    if not steps:
        return None, []
    if project.plan_target_on is None:
        return None, [_("Set the target date to schedule the plan.")]
    try:
        plan = plan_from_steps(project, steps)
        projection = scheduling.project_forward(
            plan,
            current_calendar(),
            target=project.plan_target_on,
            as_of=as_of,
            progress={
                step.key: scheduling.StepProgress(step.actual_start, step.actual_finish)
                for step in steps
                if step.actual_start is not None
            },
        )
    except ValidationError as error:
        return None, list(error.messages)
    except MissingYearError as error:
        if missing is not None:
            missing.add(error.year)
        scheduled = all(step.latest_start is not None for step in steps)
        message = (
            _("The expected dates cannot be projected until the working days of %(year)s are entered.")
            if scheduled
            else _("The plan cannot be scheduled until the working days of %(year)s are entered.")
        )
        return None, [message % {"year": error.year}]
    except scheduling.SchedulingError as error:
        return None, [translated(problem) for problem in error.problems]
    return projection, []


def _approval_rows(items: Sequence[ApprovalItem], as_of: dt.date, missing: set[int]) -> list[ApprovalRow]:
    """Each approval with its clock; one whose days fall in a year without an arrangement keeps its dates and
    says only which year is missing (the page explains it once)."""
    calendar = current_calendar()
    rows = []
    for item in items:
        if item.started_on is None:
            rows.append(ApprovalRow(item, None))
            continue
        try:
            clock = scheduling.approval_clock(
                calendar,
                limit=item.legal_limit,
                start=item.started_on,
                end=item.finished_on,
                as_of=max(as_of, item.started_on),
                stops=[scheduling.ClockStop(stop.starts_on, stop.ends_on) for stop in item.clock_stops.all()],
            )
        except MissingYearError as error:
            missing.add(error.year)
            rows.append(
                ApprovalRow(item, None, _("working days of %(year)s not entered") % {"year": error.year})
            )
        except scheduling.SchedulingError as error:
            rows.append(ApprovalRow(item, None, "；".join(translated(p) for p in error.problems)))
        else:
            rows.append(ApprovalRow(item, clock))
    return rows


def _groups(project: Project, rows: Sequence[ApprovalRow]) -> list[LimitGroup]:
    template = standard_template(project.plan_template)
    if template is None:
        return []
    groups = []
    for limit in template.approval_limits:
        members = [row for row in rows if row.item.plan_step and row.item.plan_step.key in limit.steps]
        groups.append(
            LimitGroup(
                name=limit.name,
                limit=limit.limit,
                used=sum(row.clock.used for row in members if row.clock is not None),
                items=[row.item.name for row in members],
            )
        )
    return groups


def plan_page(project: Project, *, as_of: dt.date) -> PlanPage:
    steps = list(PlanStep.objects.filter(project=project).order_by("sort_order", "id"))
    names = {step.key: step.name for step in steps}
    missing: set[int] = set()
    projection, problems = plan_projection(project, steps, as_of=as_of, missing=missing)
    by_key = {s.key: s for s in projection.steps} if projection else {}
    items = list(
        ApprovalItem.objects.filter(project=project)
        .select_related("plan_step")
        .prefetch_related("clock_stops")
    )
    approvals = _approval_rows(items, as_of, missing)
    return PlanPage(
        project=project,
        as_of=as_of,
        steps=[
            StepRow(
                step=step,
                after=[_edge_text(names, edge) for edge in step.predecessors],
                projected=by_key.get(step.key),
                as_of=as_of,
            )
            for step in steps
        ],
        approvals=approvals,
        groups=_groups(project, approvals),
        projection=projection,
        problems=problems,
        missing_years=sorted(missing),
        estimated_years=_estimated_years(project, projection, approvals, as_of),
    )


def _estimated_years(
    project: Project,
    projection: scheduling.Projection | None,
    approvals: Sequence[ApprovalRow],
    as_of: dt.date,
) -> list[int]:
    """The years of an estimated arrangement that the shown dates were counted on: those of the stored schedule,
    and those the projection and the approval clocks span."""
    estimated = estimated_years()
    spans = [(as_of, projection.expected_completion)] if projection is not None else []
    spans += [
        (row.item.started_on, max(row.clock.due, row.item.finished_on or as_of))
        for row in approvals
        if row.clock is not None and row.item.started_on is not None
    ]
    spanned = {
        year for first, last in spans for year in range(first.year, last.year + 1) if year in estimated
    }
    return sorted(spanned | set(project.plan_estimated_years))


def _edge_text(names: dict[str, str], edge: dict[str, Any]) -> str:
    name = names.get(edge["step"], edge["step"])
    lag = int(edge.get("lag", 0))
    return translated(phrases.after_predecessor(name, lag)) if lag else name


def _span(start: dt.date, finish: dt.date) -> list[str]:
    """A bar from the start of ``start`` to the end of ``finish`` (dates are inclusive)."""
    return [start.isoformat(), (finish + ONE_DAY).isoformat()]


def gantt_data(page: PlanPage) -> dict[str, Any]:
    """The rows of the timeline for ``projects/plan_timeline.js``: per step its latest, actual and projected
    bars (a milestone is a diamond on its date), coloured by state, with the status date and the target."""
    rows = []
    for row in page.steps:
        step, projected = row.step, row.projected
        latest = (
            _span(step.latest_start, step.latest_finish)
            if step.latest_start is not None and step.latest_finish is not None
            else None
        )
        actual = None
        if step.actual_start is not None:
            actual = _span(step.actual_start, step.actual_finish or max(page.as_of, step.actual_start))
        expected = None
        if projected is not None and step.actual_finish is None:
            expected = _span(projected.expected_start, projected.expected_finish)
        rows.append(
            {
                "name": step.name,
                "milestone": step.is_milestone,
                "state": row.state,
                "colour": COLOURS[row.state],
                "latest": latest,
                "actual": actual,
                "projected": expected,
            }
        )
    project = page.project
    return {
        "rows": rows,
        "height": 80 + 30 * len(rows),
        "today": page.as_of.isoformat(),
        "target": project.plan_target_on.isoformat() if project.plan_target_on else None,
        "actual_colour": ACTUAL_COLOUR,
        "kind_colour": KIND_COLOUR,
        "states": [{"name": name, "colour": COLOURS[state]} for state, name in _state_names().items()],
        "labels": {
            "latest": _("Latest start → latest finish"),
            "actual": _("Actual"),
            "projected": _("Projected"),
            "today": _("Today"),
            "target": _("Target"),
        },
    }


def _state_names() -> dict[str, str]:
    return {"late": _("Late"), "at_risk": _("At risk"), "on_track": _("On track"), "done": _("Done")}


def plan_steps(project: Project) -> list[PlanStep]:
    """The steps of the project's plan."""
    return list(PlanStep.objects.filter(project=project))


def plan_step(project: Project, pk: int) -> PlanStep:
    """One step of the project's plan; Http404 when it has no such step."""
    return get_object_or_404(PlanStep.objects, project=project, pk=pk)


def approval(project: Project, pk: int) -> ApprovalItem:
    """One approval of the project; Http404 when it has no such approval."""
    return get_object_or_404(ApprovalItem.objects, project=project, pk=pk)


def clock_stop(project: Project, pk: int) -> ClockStop:
    """One clock stop of one of the project's approvals; Http404 otherwise."""
    return get_object_or_404(ClockStop.objects, approval__project=project, pk=pk)

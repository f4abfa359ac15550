"""Plans (倒排计划) and approvals: applying a standard template, editing, adding and removing steps, approval items
and their clock stops. Every change re-runs the backward schedule on the working-day calendar of the database and
stores each step's latest start and finish.

A plan's steps are rows (``PlanStep``); the scheduling core works on a ``Plan`` built from them with
``plan_from_steps``. When the calendar lacks a year the schedule needs, the change is still saved and the latest
dates are cleared: the plan page says which year to enter (``plan_recompute`` returns it).

The project keeps which arrangements (year → revision) its stored schedule used and which of them were estimates
(the plan is marked "按预估节假日安排计算" until the official arrangement is entered). When arrangements change,
``plans_recompute_for_years`` (run in the background on ``arrangements_changed``) recomputes the plans that used
them, or could not be computed for want of them, and logs what moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.calendar_services import current_calendar, year_versions
from gaoxin.core.message_text import translated
from gaoxin.core.models import ChangeAction
from gaoxin.core.workcalendar import MissingYearError
from gaoxin.projects import permissions
from gaoxin.projects.models import ApprovalItem, ClockStop, PlanStep, Project
from gaoxin.projects.plan_templates import CUSTOM_TEMPLATE, plan_from_steps, standard_template
from gaoxin.projects.scheduling import (
    DayUnit,
    StepProgress,
    backward_schedule,
    progress_problems,
)

STEP_FIELDS = (
    "name",
    "duration",
    "unit",
    "owner",
    "legal_limit",
    "actual_start",
    "actual_finish",
    "predecessors",
)
APPROVAL_FIELDS = ("name", "authority", "legal_limit", "plan_step", "started_on", "finished_on", "sort_order")
CLOCK_STOP_FIELDS = ("starts_on", "ends_on", "party", "reason")


def _require_edit(project: Project, by: User) -> None:
    if not permissions.may_edit(by, project):
        raise PermissionDenied


def _steps(project: Project) -> list[PlanStep]:
    return list(PlanStep.objects.filter(project=project).order_by("sort_order", "id"))


def plan_recompute(*, project: Project, note: str = "") -> int | None:
    """Store the latest start and finish of every step from the project's target date, and which calendar years
    (and which of them estimates) they were computed on. Returns the year missing from the working-day calendar
    (the dates are then cleared), or None. With a ``note`` (a recompute no one asked for: the calendar changed)
    the moved dates and the changed mark are written to the change log under it, by no user."""
    steps = _steps(project)
    dates: dict[str, tuple[dt.date | None, dt.date | None]] = {step.key: (None, None) for step in steps}
    missing: int | None = None
    used: dict[str, int] = {}
    estimated: list[int] = []
    target = project.plan_target_on
    if steps and target is not None:
        plan = plan_from_steps(project, steps)
        try:
            schedule = backward_schedule(plan, current_calendar(), target)
        except MissingYearError as error:
            missing = error.year
        else:
            dates = {s.key: (s.latest_start, s.latest_finish) for s in schedule.steps}
            first = min([target, *(s.latest_start for s in schedule.steps)])
            versions = year_versions(first.year, target.year)
            used = {str(year): version.revision for year, version in sorted(versions.items())}
            estimated = [year for year, version in sorted(versions.items()) if version.estimated]
    changed = []
    log = []
    for step in steps:
        latest = dates[step.key]
        if (step.latest_start, step.latest_finish) != latest:
            moved = changelog.diff(
                {
                    "latest_start": changelog.json_value(step.latest_start),
                    "latest_finish": changelog.json_value(step.latest_finish),
                },
                {
                    "latest_start": changelog.json_value(latest[0]),
                    "latest_finish": changelog.json_value(latest[1]),
                },
            )
            log.append(changelog.Change.of(step, ChangeAction.UPDATE, moved, note))
            step.latest_start, step.latest_finish = latest
            changed.append(step)
    PlanStep.objects.bulk_update(changed, ["latest_start", "latest_finish"])
    if (project.plan_calendar, project.plan_estimated_years) != (used, estimated):
        mark = {"plan_estimated_years": [project.plan_estimated_years, estimated]}
        if project.plan_estimated_years != estimated:
            log.append(changelog.Change.of(project, ChangeAction.UPDATE, mark, note))
        project.plan_calendar, project.plan_estimated_years = used, estimated
        project.save(update_fields=["plan_calendar", "plan_estimated_years"])
    if note:  # derived dates, written in bulk past the signals: logged through the mechanism's bulk entry
        changelog.record(log, by=None)
    return missing


def plans_recompute_for_years(years: Sequence[int]) -> int:
    """Recompute the plans whose stored schedule used one of ``years`` of the calendar, or that have a target
    but no dates (a year was missing); returns how many plans were recomputed."""
    note = _("Recomputed on the changed working-day arrangement of %(years)s") % {
        "years": "、".join(str(year) for year in sorted(years))
    }
    wanted = {str(year) for year in years}
    candidates = Project.objects.filter(plan_target_on__isnull=False, plan_steps__isnull=False).distinct()
    count = 0
    for project in candidates:
        unscheduled = PlanStep.objects.filter(project=project, latest_start__isnull=True).exists()
        if not (wanted & project.plan_calendar.keys() or unscheduled):
            continue
        try:
            with transaction.atomic():
                plan_recompute(project=Project.objects.select_for_update().get(pk=project.pk), note=note)
        except (
            ValidationError
        ):  # a plan that contradicts itself shows its problems on its page; nothing to store
            continue
        count += 1
    return count


def _check_progress(project: Project, steps: Sequence[PlanStep]) -> None:
    plan = plan_from_steps(project, steps)
    progress = {
        step.key: StepProgress(step.actual_start, step.actual_finish)
        for step in steps
        if step.actual_start or step.actual_finish
    }
    problems = progress_problems(plan, progress, timezone.localdate())
    if problems:
        raise ValidationError([translated(problem) for problem in problems])


@transaction.atomic
def plan_apply_template(
    *, project: Project, template_key: str, target_on: dt.date, by: User
) -> list[PlanStep]:
    """Replace the project's steps with those of a standard template, scheduled back from ``target_on``.

    Steps with a legal limit get an approval item unless one is already linked to a step of that key; approval
    items of the replaced steps are linked to the new step of the same key, or kept unlinked. Actual dates of a
    replaced step carry over to the new step of the same key."""
    _require_edit(project, by)
    template = standard_template(template_key)
    if template is None:
        raise ValidationError({"template": _("Choose one of the standard plan templates.")})
    old_steps = _steps(project)
    actuals = {step.key: (step.actual_start, step.actual_finish, step.owner) for step in old_steps}
    linked: dict[str, list[ApprovalItem]] = {}
    for approval in ApprovalItem.objects.filter(project=project, plan_step__isnull=False).select_related(
        "plan_step"
    ):
        assert approval.plan_step is not None
        linked.setdefault(approval.plan_step.key, []).append(approval)
    with changelog.acting(by=by, note=_("Replaced by a plan template")):
        PlanStep.objects.filter(project=project).delete()

    project.plan_template = template.key
    project.plan_target_on = target_on
    with changelog.acting(by=by):
        project.save(update_fields=["plan_template", "plan_target_on", "updated_at"])

    steps = []
    for order, spec in enumerate(template.steps, start=1):
        actual_start, actual_finish, owner = actuals.get(spec.key, (None, None, ""))
        steps.append(
            PlanStep(
                project=project,
                key=spec.key,
                name=spec.name,
                sort_order=order * 10,
                duration=spec.duration,
                unit=spec.unit.value,
                predecessors=[{"step": d.predecessor, "lag": d.lag} for d in spec.after],
                legal_limit=spec.legal_limit,
                owner=owner,
                actual_start=actual_start,
                actual_finish=actual_finish,
            )
        )
    PlanStep.objects.bulk_create(steps)
    steps = _steps(project)
    changelog.record(  # created in bulk, past the signals: logged through the mechanism's bulk entry
        [
            changelog.Change.of(
                step,
                ChangeAction.CREATE,
                {k: [None, v] for k, v in changelog.snapshot(step).items() if v not in (None, "", [])},
                _("From the template %(template)s") % {"template": template.name},
            )
            for step in steps
        ],
        by=by,
    )
    _check_progress(project, steps)
    by_key = {step.key: step for step in steps}
    for key, approvals in linked.items():
        for approval in approvals:
            approval.plan_step = by_key.get(key)
            with changelog.acting(by=by):
                approval.save(update_fields=["plan_step", "updated_at"])
    existing = ApprovalItem.objects.filter(project=project).count()
    for step in steps:
        if step.legal_limit is not None and step.key not in linked:
            existing += 1
            with changelog.acting(by=by, note=_("From the plan template")):
                approval = ApprovalItem.objects.create(
                    project=project,
                    name=step.name,
                    legal_limit=step.legal_limit,
                    plan_step=step,
                    sort_order=existing * 10,
                )
    plan_recompute(project=project)
    return _steps(project)


@transaction.atomic
def plan_set_target(*, project: Project, target_on: dt.date | None, by: User) -> Project:
    """Change the date the plan works back from, and reschedule."""
    _require_edit(project, by)
    project.plan_target_on = target_on
    with changelog.acting(by=by):
        project.save(update_fields=["plan_target_on", "updated_at"])
    plan_recompute(project=project)
    return project


def _predecessors(value: Any) -> list[dict[str, Any]]:
    return [{"step": str(edge["step"]), "lag": int(edge.get("lag", 0))} for edge in value or []]


def _save_steps(project: Project, steps: Sequence[PlanStep], by: User) -> None:
    """Validate the plan the steps make, then save the changed ones with their log entries."""
    _check_progress(project, steps)
    for step in steps:
        step.full_clean(exclude=["project"], validate_unique=False)
        if changelog.unsaved_changes(step):
            with changelog.acting(by=by):
                step.save()


@transaction.atomic
def plan_step_update(*, step: PlanStep, data: Mapping[str, Any], by: User) -> PlanStep:
    """Change a step's name, duration, unit, owner, legal limit, actual dates or predecessors
    (``[{"step": key, "lag": days}]``), and reschedule."""
    project = step.project
    _require_edit(project, by)
    steps = _steps(project)
    target = next(s for s in steps if s.pk == step.pk)
    for name, value in data.items():
        if name not in STEP_FIELDS:
            raise ValueError(name)
        setattr(target, name, _predecessors(value) if name == "predecessors" else value)
    _save_steps(project, steps, by)
    plan_recompute(project=project)
    step.refresh_from_db()
    return step


def _free_key(steps: Sequence[PlanStep]) -> str:
    keys = {step.key for step in steps}
    return next(key for n in range(1, len(keys) + 2) if (key := f"step-{n}") not in keys)


@transaction.atomic
def plan_step_add(
    *,
    project: Project,
    name: str,
    duration: int,
    unit: str = DayUnit.CALENDAR.value,
    after: Sequence[Mapping[str, Any]] = (),
    before: Sequence[str] = (),
    owner: str = "",
    legal_limit: int | None = None,
    key: str = "",
    by: User,
) -> PlanStep:
    """Add a step after the ``after`` steps (``[{"step": key, "lag": days}]``) and before the ``before`` steps
    (which then also wait for it, without lag), and reschedule."""
    _require_edit(project, by)
    steps = _steps(project)
    key = key or _free_key(steps)
    if any(step.key == key for step in steps):
        raise ValidationError({"key": _("The plan already has a step with the key %(key)s.") % {"key": key}})
    step = PlanStep(
        project=project,
        key=key,
        name=name,
        duration=duration,
        unit=unit,
        predecessors=_predecessors(after),
        owner=owner,
        legal_limit=legal_limit,
        sort_order=max((s.sort_order for s in steps), default=0) + 10,
    )
    unknown = set(before) - {s.key for s in steps}
    if unknown:
        raise ValidationError(
            {"before": _("%(step)s is not a step of the plan.") % {"step": ", ".join(sorted(unknown))}}
        )
    for successor in steps:
        if successor.key in before:
            successor.predecessors = [*successor.predecessors, {"step": key, "lag": 0}]
    if not project.plan_template:
        project.plan_template = CUSTOM_TEMPLATE
        with changelog.acting(by=by):
            project.save(update_fields=["plan_template", "updated_at"])
    _save_steps(project, [*steps, step], by)
    plan_recompute(project=project)
    step.refresh_from_db()
    return step


@transaction.atomic
def plan_step_delete(*, step: PlanStep, by: User) -> None:
    """Remove a step. Its successors inherit its predecessors (the lags added up), so they keep their place in
    the chain; approval items linked to it stay, unlinked."""
    project = step.project
    _require_edit(project, by)
    steps = [s for s in _steps(project) if s.pk != step.pk]
    for successor in steps:
        edges = successor.predecessors
        through = [edge for edge in edges if edge["step"] == step.key]
        if not through:
            continue
        kept = {edge["step"]: int(edge.get("lag", 0)) for edge in edges if edge["step"] != step.key}
        for edge in through:
            for inherited in step.predecessors:
                lag = int(inherited.get("lag", 0)) + int(edge.get("lag", 0))
                kept[inherited["step"]] = max(lag, kept.get(inherited["step"], lag))
        successor.predecessors = [{"step": k, "lag": lag} for k, lag in kept.items()]
    _save_steps(
        project, steps, by
    )  # while the step exists, so that their log names it (change_display.Terms)
    with changelog.acting(by=by):
        step.delete()
    plan_recompute(project=project)


def _require_date_not_after_today(value: dt.date | None, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: _("This date lies in the future.")})


@transaction.atomic
def approval_save(
    *, project: Project, approval: ApprovalItem | None = None, data: Mapping[str, Any], by: User
) -> ApprovalItem:
    """Create or change an approval item (name, authority, legal limit, plan step, start, finish)."""
    _require_edit(project, by)
    if approval is not None and approval.project_id != project.pk:
        raise PermissionDenied
    unknown = set(data) - set(APPROVAL_FIELDS)
    if unknown:
        raise ValueError(sorted(unknown))
    item = approval or ApprovalItem(
        project=project,
        sort_order=(ApprovalItem.objects.filter(project=project).count() + 1) * 10,
    )
    started = data.get("started_on", item.started_on)
    finished = data.get("finished_on", item.finished_on)
    step = data.get("plan_step", item.plan_step)
    if step is not None and step.project_id != project.pk:
        raise ValidationError({"plan_step": _("The step belongs to another project's plan.")})
    _require_date_not_after_today(started, "started_on")
    _require_date_not_after_today(finished, "finished_on")
    if finished is not None and started is None:
        raise ValidationError({"started_on": _("An approval that has finished must have a start date.")})
    if started is not None and finished is not None and finished < started:
        raise ValidationError({"finished_on": _("The approval cannot finish before it starts.")})
    if item.pk is not None and started is not None:
        stops = ClockStop.objects.filter(approval=item)
        if stops.filter(starts_on__lte=started).exists() or (
            finished is not None and stops.filter(ends_on__gt=finished).exists()
        ):
            raise ValidationError(_("A clock stop of this approval lies outside its new dates."))
    return changelog.save_as(item, dict(data), by=by)


@transaction.atomic
def approval_delete(*, approval: ApprovalItem, by: User) -> None:
    _require_edit(approval.project, by)
    with changelog.acting(by=by):
        approval.delete()  # with its clock stops, each logged


@transaction.atomic
def clock_stop_save(
    *, approval: ApprovalItem, stop: ClockStop | None = None, data: Mapping[str, Any], by: User
) -> ClockStop:
    """Record (or correct) a period the approval's clock stood still: the owner's or an intermediary's time.
    It starts after the day the approval started and ends by its finish (an open stop has no end yet)."""
    _require_edit(approval.project, by)
    if stop is not None and stop.approval_id != approval.pk:
        raise PermissionDenied
    unknown = set(data) - set(CLOCK_STOP_FIELDS)
    if unknown:
        raise ValueError(sorted(unknown))
    item = stop or ClockStop(approval=approval)
    starts = data.get("starts_on", item.starts_on)
    ends = data.get("ends_on", item.ends_on)
    if approval.started_on is None:
        raise ValidationError(_("The clock can only stop once the approval has started."))
    if starts is not None and starts <= approval.started_on:
        message = _("A clock stop starts after the day the approval started (%(date)s).")
        raise ValidationError({"starts_on": message % {"date": approval.started_on.isoformat()}})
    if starts is not None and ends is not None and ends < starts:
        raise ValidationError({"ends_on": _("A clock stop cannot end before it starts.")})
    last = approval.finished_on or timezone.localdate()
    if (starts is not None and starts > last) or (ends is not None and ends > last):
        raise ValidationError(
            _("A clock stop must lie within the approval's time, up to %(date)s.")
            % {"date": last.isoformat()}
        )
    return changelog.save_as(item, dict(data), by=by)


def clock_stop_resume(*, stop: ClockStop, on: dt.date, by: User) -> ClockStop:
    """Restart the approval's clock: the open stop ends on ``on`` (checked as any stop's end is)."""
    if stop.ends_on is not None:
        raise ValidationError(
            {"ends_on": _("The clock already runs again since %(date)s.") % {"date": stop.ends_on}}
        )
    return clock_stop_save(approval=stop.approval, stop=stop, data={"ends_on": on}, by=by)


@transaction.atomic
def clock_stop_delete(*, stop: ClockStop, by: User) -> None:
    _require_edit(stop.approval.project, by)
    with changelog.acting(by=by):
        stop.delete()

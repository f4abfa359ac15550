"""倒排计划: from a target date, the latest start and finish of every step — for one project or many at once.

Going backward, a step must finish by the day before its earliest-starting successor may start (less the lag);
a step without successors must finish by the target. A step counted in working days finishes on the last
working day on or before that date and starts ``duration − 1`` working days earlier; a step counted in
calendar days finishes on that date; a milestone (0 days) falls on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.core.workcalendar.calendar import EPOCH_ORDINAL, Ordinals
from gaoxin.projects.scheduling.errors import InvalidTemplateError
from gaoxin.projects.scheduling.forward import forward_pass
from gaoxin.projects.scheduling.template import DayUnit, Plan, Step

Dates = npt.NDArray[np.datetime64]


@dataclass(frozen=True)
class BackwardSchedules:
    """Backward schedules of many projects on one plan: row p is project p, column j is ``plan.keys[j]``."""

    plan: Plan
    targets: Dates
    latest_start: Dates
    latest_finish: Dates


@dataclass(frozen=True)
class ScheduledStep:
    key: str
    name: str
    duration: int
    unit: DayUnit
    latest_start: dt.date
    latest_finish: dt.date
    float_days: int  # latest start minus early start (the early schedule starts at the first latest start)
    critical: bool  # no float; a weekend between a step and a calendar-day successor gives it a day of float


@dataclass(frozen=True)
class BackwardSchedule:
    target: dt.date
    steps: tuple[ScheduledStep, ...]

    def step(self, key: str) -> ScheduledStep:
        return next(step for step in self.steps if step.key == key)


def backward_schedules(
    plan: Plan,
    calendar: WorkCalendar,
    targets: Dates | Sequence[dt.date],
    durations: Mapping[str, npt.ArrayLike] | None = None,
) -> BackwardSchedules:
    """The latest dates of every step of every project; ``durations`` overrides a step's standard duration,
    per project (an array as long as ``targets``) or for all (a number)."""
    target_days = np.asarray(targets, dtype="datetime64[D]")
    ordinals = target_days.astype(np.int64) + EPOCH_ORDINAL
    columns = step_durations(plan, durations, len(ordinals))
    starts, finishes = latest_dates(plan, calendar, ordinals, columns)
    return BackwardSchedules(
        plan=plan,
        targets=target_days,
        latest_start=_as_dates(np.stack(starts, axis=1)),  # a plan has at least one step
        latest_finish=_as_dates(np.stack(finishes, axis=1)),
    )


def backward_schedule(
    plan: Plan, calendar: WorkCalendar, target: dt.date, durations: Mapping[str, int] | None = None
) -> BackwardSchedule:
    """The latest start and finish of every step of one project, with its critical steps."""
    columns = step_durations(plan, durations, 1)
    starts, finishes = latest_dates(plan, calendar, np.array([target.toordinal()], dtype=np.int64), columns)
    latest_starts = [int(start[0]) for start in starts]
    lengths = [int(column[0]) for column in columns]
    # The early schedule from the first latest start: a step whose early start is its latest start has no float.
    early_starts, _ = forward_pass(plan, calendar, lengths, not_before=min(latest_starts), actual={})
    return BackwardSchedule(
        target=target,
        steps=tuple(
            ScheduledStep(
                key=step.key,
                name=step.name,
                duration=lengths[i],
                unit=step.unit,
                latest_start=dt.date.fromordinal(latest_starts[i]),
                latest_finish=dt.date.fromordinal(int(finishes[i][0])),
                float_days=latest_starts[i] - early_starts[i],
                critical=early_starts[i] == latest_starts[i],
            )
            for i, step in enumerate(plan.steps)
        ),
    )


def step_durations(plan: Plan, overrides: Mapping[str, npt.ArrayLike] | None, n: int) -> list[Ordinals]:
    """Each step's duration for each of ``n`` projects, in plan order; unknown keys and negative durations
    raise ``InvalidTemplateError``."""
    overrides = overrides or {}
    problems = [
        Message(
            gettext_noop("A duration is given for %(step)s, which is not a step of the plan."), {"step": key}
        )
        for key in overrides
        if key not in plan.index
    ]
    columns = [
        np.broadcast_to(np.asarray(overrides.get(step.key, step.duration), dtype=np.int64), (n,))
        for step in plan.steps
    ]
    problems.extend(
        Message(
            gettext_noop("The duration of step %(step)s must not be negative (%(duration)s)."),
            {"step": step.key, "duration": int(column.min())},
        )
        for step, column in zip(plan.steps, columns, strict=True)
        if n and column.min() < 0
    )
    if problems:
        raise InvalidTemplateError(problems)
    return columns


def latest_dates(
    plan: Plan, calendar: WorkCalendar, targets: Ordinals, durations: Sequence[Ordinals]
) -> tuple[list[Ordinals], list[Ordinals]]:
    """Latest starts and finishes (date ordinals) per step in plan order, each an array over projects."""
    starts: list[Ordinals] = [targets] * len(plan.steps)
    finishes: list[Ordinals] = [targets] * len(plan.steps)
    for i in reversed(range(len(plan.steps))):
        edges = plan.successors[i]
        required = np.minimum.reduce([starts[s] - 1 - lag for s, lag in edges]) if edges else targets
        starts[i], finishes[i] = _latest(plan.steps[i], calendar, required, durations[i])
    return starts, finishes


def _latest(
    step: Step, calendar: WorkCalendar, required: Ordinals, duration: Ordinals
) -> tuple[Ordinals, Ordinals]:
    if step.unit is DayUnit.CALENDAR:
        return required - np.maximum(duration - 1, 0), required
    finish = required.copy()
    start = required.copy()
    work = duration > 0
    if work.any():
        finish[work] = calendar.workdays_on_or_before(required[work])
        start[work] = calendar.shift_workdays(finish[work], -(duration[work] - 1))
    return start, finish


def _as_dates(ordinals: Ordinals) -> Dates:
    dates: Dates = (ordinals - EPOCH_ORDINAL).astype("datetime64[D]")
    return dates

"""Forward projection: from the actual dates of finished and running steps, as of a date, the expected dates
of the rest and the expected completion, each step measured against its latest dates (倒排计划).

A step not finished is ``late`` when it should have started (not started by its latest start) or finished
(not finished by its latest finish) by the status date; otherwise it is ``at_risk`` when its float — latest
finish minus expected finish, in calendar days — is below ``risk_float_days`` (negative float: it is
expected to finish after its latest finish).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.projects.scheduling.backward import backward_schedule
from gaoxin.projects.scheduling.errors import InvalidProgressError
from gaoxin.projects.scheduling.forward import forward_pass
from gaoxin.projects.scheduling.template import Plan


class Status(enum.StrEnum):
    DONE = "done"
    RUNNING = "running"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class StepProgress:
    started: dt.date | None = None
    finished: dt.date | None = None


@dataclass(frozen=True)
class ProjectedStep:
    key: str
    name: str
    status: Status
    expected_start: dt.date
    expected_finish: dt.date
    latest_start: dt.date
    latest_finish: dt.date
    float_days: int
    late: bool
    at_risk: bool


@dataclass(frozen=True)
class Projection:
    as_of: dt.date
    target: dt.date
    expected_completion: dt.date
    completion_float_days: int  # target minus expected completion; negative: the target will be missed
    steps: tuple[ProjectedStep, ...]

    def step(self, key: str) -> ProjectedStep:
        return next(step for step in self.steps if step.key == key)


def project_forward(
    plan: Plan,
    calendar: WorkCalendar,
    *,
    target: dt.date,
    as_of: dt.date,
    progress: Mapping[str, StepProgress],
    durations: Mapping[str, int] | None = None,
    risk_float_days: int = 5,
) -> Projection:
    """Project the rest of the plan from ``progress`` known at the end of ``as_of``."""
    problems = progress_problems(plan, progress, as_of)
    if problems:
        raise InvalidProgressError(problems)
    schedule = backward_schedule(plan, calendar, target, durations)
    actual = {
        plan.index[key]: (
            reported.started.toordinal(),
            None if reported.finished is None else reported.finished.toordinal(),
        )
        for key, reported in progress.items()
        if reported.started is not None
    }
    starts, finishes = forward_pass(
        plan,
        calendar,
        [step.duration for step in schedule.steps],
        not_before=as_of.toordinal() + 1,
        actual=actual,
    )
    steps = []
    for i, scheduled in enumerate(schedule.steps):
        reported = progress.get(scheduled.key, StepProgress())
        status = (
            Status.NOT_STARTED
            if reported.started is None
            else Status.RUNNING
            if reported.finished is None
            else Status.DONE
        )
        expected_finish = dt.date.fromordinal(finishes[i])
        float_days = (scheduled.latest_finish - expected_finish).days
        late = status is not Status.DONE and (
            (status is Status.NOT_STARTED and as_of >= scheduled.latest_start)
            or as_of >= scheduled.latest_finish
        )
        steps.append(
            ProjectedStep(
                key=scheduled.key,
                name=scheduled.name,
                status=status,
                expected_start=dt.date.fromordinal(starts[i]),
                expected_finish=expected_finish,
                latest_start=scheduled.latest_start,
                latest_finish=scheduled.latest_finish,
                float_days=float_days,
                late=late,
                at_risk=status is not Status.DONE and not late and float_days < risk_float_days,
            )
        )
    completion = dt.date.fromordinal(max(finishes))
    return Projection(
        as_of=as_of,
        target=target,
        expected_completion=completion,
        completion_float_days=(target - completion).days,
        steps=tuple(steps),
    )


def progress_problems(plan: Plan, progress: Mapping[str, StepProgress], as_of: dt.date) -> list[Message]:
    """Every problem of the reported progress, as translatable messages; empty when it makes sense."""
    problems: list[Message] = []
    for key, reported in progress.items():
        if key not in plan.index:
            problems.append(
                Message(
                    gettext_noop("Progress is reported for %(step)s, which is not a step of the plan."),
                    {"step": key},
                )
            )
        if reported.finished is not None and reported.started is None:
            problems.append(
                Message(gettext_noop("Step %(step)s has a finish date but no start date."), {"step": key})
            )
        if (
            reported.started is not None
            and reported.finished is not None
            and reported.finished < reported.started
        ):
            problems.append(
                Message(
                    gettext_noop("Step %(step)s finishes (%(finished)s) before it starts (%(started)s)."),
                    {
                        "step": key,
                        "started": reported.started.isoformat(),
                        "finished": reported.finished.isoformat(),
                    },
                )
            )
        problems.extend(
            Message(
                gettext_noop("Step %(step)s is reported on %(date)s, after the status date %(as_of)s."),
                {"step": key, "date": day.isoformat(), "as_of": as_of.isoformat()},
            )
            for day in (reported.started, reported.finished)
            if day is not None and day > as_of
        )
    return problems

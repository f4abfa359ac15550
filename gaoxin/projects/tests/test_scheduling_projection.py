"""Forward projection worked out by hand around National Day 2025 (10-01..10-08 off, Sun 09-28 and Sat 10-11
make-up workdays)."""

import datetime as dt

import pytest

from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.projects.scheduling import (
    DayUnit,
    Dependency,
    InvalidProgressError,
    Plan,
    Status,
    Step,
    StepProgress,
    Template,
    project_forward,
)

D = dt.date
W = DayUnit.WORKING
TARGET = D(2025, 10, 12)  # latest dates: a 09-25..09-30, b 10-09..10-11
PLAN = Plan.from_template(
    Template(key="t", name="t", steps=(Step("a", "A", 5, W), Step("b", "B", 3, W, after=(Dependency("a"),))))
)


def project(calendar: WorkCalendar, as_of: D, **progress: StepProgress):  # type: ignore[no-untyped-def]
    return project_forward(PLAN, calendar, target=TARGET, as_of=as_of, progress=progress)


def test_a_step_started_a_day_late_runs_into_the_holiday(calendar: WorkCalendar) -> None:
    projection = project(calendar, D(2025, 9, 29), a=StepProgress(started=D(2025, 9, 26)))
    a, b = projection.steps
    # a: 09-26, 09-28, 09-29, 09-30, 10-09 → 10-09, nine days after its latest finish 09-30.
    assert (a.status, a.expected_start, a.expected_finish, a.float_days) == (
        Status.RUNNING,
        D(2025, 9, 26),
        D(2025, 10, 9),
        -9,
    )
    assert (a.late, a.at_risk) == (False, True)  # not yet due on 09-29
    # b: from 10-10: 10-10, 10-11 (Sat, make-up), 10-13 → two days after its latest finish 10-11.
    assert (b.status, b.expected_start, b.expected_finish, b.float_days) == (
        Status.NOT_STARTED,
        D(2025, 10, 10),
        D(2025, 10, 13),
        -2,
    )
    assert (b.late, b.at_risk) == (False, True)
    assert (projection.expected_completion, projection.completion_float_days) == (D(2025, 10, 13), -1)


def test_steps_not_done_by_their_latest_dates_are_late(calendar: WorkCalendar) -> None:
    projection = project(calendar, D(2025, 10, 9), a=StepProgress(started=D(2025, 9, 26)))
    a, b = projection.steps
    # a is still running after its latest finish: it can finish at the earliest the next working day, 10-10.
    assert (a.expected_finish, a.late, a.at_risk) == (D(2025, 10, 10), True, False)
    # b has not started on its latest start 10-09: 10-11, 10-13, 10-14.
    assert (b.expected_start, b.expected_finish, b.late, b.at_risk) == (
        D(2025, 10, 11),
        D(2025, 10, 14),
        True,
        False,
    )
    assert [step.key for step in projection.steps if step.late] == ["a", "b"]


def test_on_time_steps_with_little_float_are_at_risk_by_the_threshold(calendar: WorkCalendar) -> None:
    done = StepProgress(started=D(2025, 9, 25), finished=D(2025, 9, 30))
    projection = project(calendar, D(2025, 9, 30), a=done)
    a, b = projection.steps
    assert (a.status, a.expected_start, a.expected_finish, a.float_days, a.late, a.at_risk) == (
        Status.DONE,
        D(2025, 9, 25),
        D(2025, 9, 30),
        0,
        False,
        False,
    )
    # b after the holiday: 10-09, 10-10, 10-11 — exactly its latest dates, no float.
    assert (b.expected_start, b.expected_finish, b.float_days, b.at_risk) == (
        D(2025, 10, 9),
        D(2025, 10, 11),
        0,
        True,
    )
    relaxed = project_forward(
        PLAN, calendar, target=TARGET, as_of=D(2025, 9, 30), progress={"a": done}, risk_float_days=0
    )
    assert not relaxed.step("b").at_risk
    assert relaxed.completion_float_days == 1  # finishes Sat 10-11, target Sun 10-12


def test_nothing_started_yet_starts_the_day_after_the_status_date(calendar: WorkCalendar) -> None:
    projection = project(calendar, D(2025, 9, 26))  # Friday: a from Sun 09-28 (make-up) to 10-10
    assert (projection.step("a").expected_start, projection.step("a").expected_finish) == (
        D(2025, 9, 28),
        D(2025, 10, 10),
    )
    assert projection.step("a").late  # its latest start was 09-25


def test_bad_progress_lists_every_problem(calendar: WorkCalendar) -> None:
    with pytest.raises(InvalidProgressError) as raised:
        project(
            calendar,
            D(2025, 9, 29),
            a=StepProgress(started=D(2025, 9, 28), finished=D(2025, 9, 27)),
            b=StepProgress(finished=D(2025, 10, 1)),
            zz=StepProgress(started=D(2025, 9, 1)),
        )
    assert [problem.text() for problem in raised.value.problems] == [
        "Step a finishes (2025-09-27) before it starts (2025-09-28).",
        "Step b has a finish date but no start date.",
        "Step b is reported on 2025-10-01, after the status date 2025-09-29.",
        "Progress is reported for zz, which is not a step of the plan.",
    ]

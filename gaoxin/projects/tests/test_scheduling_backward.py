"""Backward schedules worked out by hand on the 2025/2026 State Council arrangements.

National Day 2025: 10-01 (Wed) to 10-08 off; make-up workdays Sun 09-28 and Sat 10-11.
Spring Festival 2026: 02-15 (Sun) to 02-23 off; make-up workdays Sat 02-14 and Sat 02-28.
"""

import datetime as dt

import numpy as np
import pytest

from gaoxin.core.workcalendar import MissingYearError, WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.projects.scheduling import (
    DayUnit,
    Dependency,
    InvalidTemplateError,
    Plan,
    Step,
    Template,
    backward_schedule,
    backward_schedules,
)

D = dt.date
W = DayUnit.WORKING


def plan(*steps: Step) -> Plan:
    return Plan.from_template(Template(key="t", name="t", steps=steps))


def dates(schedule, key):  # type: ignore[no-untyped-def]
    step = schedule.step(key)
    return step.latest_start, step.latest_finish


def test_working_days_across_national_day_2025(calendar: WorkCalendar) -> None:
    p = plan(Step("a", "A", 5, W), Step("b", "B", 3, W, after=(Dependency("a"),)))
    schedule = backward_schedule(p, calendar, D(2025, 10, 12))
    # b must finish by Sun 10-12 (off): Sat 10-11 is a make-up workday; 3 working days: 10-09, 10-10, 10-11.
    assert dates(schedule, "b") == (D(2025, 10, 9), D(2025, 10, 11))
    # a must finish by 10-08 (holiday): last working day 09-30; 5 working days 09-25, 26, 28 (Sun), 29, 30.
    assert dates(schedule, "a") == (D(2025, 9, 25), D(2025, 9, 30))
    assert all(step.critical for step in schedule.steps)


def test_working_and_calendar_days_across_spring_festival_2026(calendar: WorkCalendar) -> None:
    working = plan(
        Step("a", "A", 4),
        Step("b", "B", 4, W, after=(Dependency("a"),)),
        Step("m", "M", 0, W, after=(Dependency("b"),)),
    )
    schedule = backward_schedule(working, calendar, D(2026, 2, 25))
    assert dates(schedule, "m") == (D(2026, 2, 25), D(2026, 2, 25))  # a milestone falls on its date
    # b by 02-24 (Tue, first day back): 02-24, Sat 02-14 (make-up), 02-13, 02-12.
    assert dates(schedule, "b") == (D(2026, 2, 12), D(2026, 2, 24))
    assert dates(schedule, "a") == (D(2026, 2, 8), D(2026, 2, 11))  # 4 calendar days 02-08..02-11
    calendar_only = plan(
        Step("a", "A", 4),
        Step("b", "B", 4, after=(Dependency("a"),)),
        Step("m", "M", 0, W, after=(Dependency("b"),)),
    )
    schedule = backward_schedule(calendar_only, calendar, D(2026, 2, 25))
    assert dates(schedule, "b") == (D(2026, 2, 21), D(2026, 2, 24))  # holidays count as calendar days
    assert dates(schedule, "a") == (D(2026, 2, 17), D(2026, 2, 20))


def test_negative_lags_several_predecessors_and_float(calendar: WorkCalendar) -> None:
    p = plan(
        Step("d", "D", 2),
        Step("a", "A", 10, after=(Dependency("d"),)),
        Step("b", "B", 4, after=(Dependency("d"),)),
        Step("c", "C", 6, after=(Dependency("a", lag=-3), Dependency("b", lag=2))),
    )
    schedule = backward_schedule(p, calendar, D(2025, 3, 31))
    assert dates(schedule, "c") == (D(2025, 3, 26), D(2025, 3, 31))
    # c may start 3 days before a finishes: a by 03-26 − 1 + 3 = 03-28.
    assert dates(schedule, "a") == (D(2025, 3, 19), D(2025, 3, 28))
    # c starts 2 days after the day after b finishes: b by 03-26 − 1 − 2 = 03-23.
    assert dates(schedule, "b") == (D(2025, 3, 20), D(2025, 3, 23))
    # d by the day before the earlier of a (03-19) and b (03-20).
    assert dates(schedule, "d") == (D(2025, 3, 17), D(2025, 3, 18))
    # Early schedule from 03-17: a starts 03-19 (its latest), b 03-19 (one day early), c 03-26.
    assert {step.key: (step.critical, step.float_days) for step in schedule.steps} == {
        "d": (True, 0),
        "a": (True, 0),
        "b": (False, 1),
        "c": (True, 0),
    }


def test_a_weekend_before_a_calendar_day_successor_is_float(calendar: WorkCalendar) -> None:
    p = plan(Step("a", "A", 1, W), Step("b", "B", 2, after=(Dependency("a"),)))
    schedule = backward_schedule(p, calendar, D(2025, 3, 10))  # b: Sun 03-09 .. Mon 03-10
    assert dates(schedule, "b") == (D(2025, 3, 9), D(2025, 3, 10))
    assert dates(schedule, "a") == (D(2025, 3, 7), D(2025, 3, 7))  # by Sat 03-08: Friday
    assert [(step.critical, step.float_days) for step in schedule.steps] == [(True, 0), (False, 1)]


def test_durations_overridden_per_project(calendar: WorkCalendar) -> None:
    p = plan(Step("a", "A", 5, W), Step("b", "B", 3, W, after=(Dependency("a"),)))
    schedule = backward_schedule(p, calendar, D(2025, 10, 12), durations={"a": 1})
    assert dates(schedule, "a") == (D(2025, 9, 30), D(2025, 9, 30))
    assert schedule.step("a").duration == 1


def test_many_projects_at_once_match_one_at_a_time(calendar: WorkCalendar) -> None:
    p = plan(
        Step("a", "A", 5, W),
        Step("b", "B", 3, W, after=(Dependency("a", lag=-1),)),
        Step("c", "C", 7, after=(Dependency("a"),)),
    )
    targets = [D(2025, 10, 12), D(2026, 2, 25), D(2026, 2, 28)]
    durations = {"a": np.array([5, 0, 12]), "c": 2}
    many = backward_schedules(p, calendar, targets, durations)
    assert many.latest_start.shape == (3, 3)
    for row, target in enumerate(targets):
        one = backward_schedule(p, calendar, target, {"a": int(durations["a"][row]), "c": 2})
        assert [str(day) for day in many.latest_start[row]] == [s.latest_start.isoformat() for s in one.steps]
        assert [str(day) for day in many.latest_finish[row]] == [
            s.latest_finish.isoformat() for s in one.steps
        ]


def test_bad_duration_overrides(calendar: WorkCalendar) -> None:
    p = plan(Step("a", "A", 5, W))
    with pytest.raises(InvalidTemplateError) as raised:
        backward_schedules(p, calendar, [D(2025, 5, 6)], {"a": np.array([-2]), "zz": 1})
    assert [problem.text() for problem in raised.value.problems] == [
        "A duration is given for zz, which is not a step of the plan.",
        "The duration of step a must not be negative (-2).",
    ]
    assert backward_schedules(p, calendar, [], {"a": np.array([], dtype=np.int64)}).latest_start.shape == (
        0,
        1,
    )


def test_a_missing_year_is_named_never_guessed() -> None:
    only_2025 = WorkCalendar([arrangement_from_chinesecalendar(2025)])
    p = plan(Step("a", "A", 5, W))
    with pytest.raises(MissingYearError) as raised:
        backward_schedule(p, only_2025, D(2025, 1, 3))  # 5 working days back reach 2024
    assert raised.value.year == 2024
    with pytest.raises(MissingYearError) as raised:
        backward_schedule(p, only_2025, D(2023, 6, 1))
    assert raised.value.year == 2023
    gap = WorkCalendar([arrangement_from_chinesecalendar(2024), arrangement_from_chinesecalendar(2026)])
    with pytest.raises(MissingYearError) as raised:
        backward_schedule(p, gap, D(2026, 1, 6))  # 01-01 is off: the fifth working day back lies in 2025
    assert raised.value.year == 2025

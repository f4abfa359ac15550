"""Properties of backward schedules and forward projections over random plans and the real 2020–2026 calendar."""

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gaoxin.core.workcalendar import WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.projects.scheduling import (
    DayUnit,
    Dependency,
    Plan,
    Step,
    StepProgress,
    Template,
    backward_schedule,
    backward_schedules,
    project_forward,
)
from gaoxin.projects.scheduling.forward import forward_pass

CALENDAR = WorkCalendar(arrangement_from_chinesecalendar(year) for year in range(2020, 2027))
targets = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Up to 8 steps, each after some earlier ones, listed in a shuffled order."""
    count = draw(st.integers(min_value=1, max_value=8))
    steps = []
    for i in range(count):
        predecessors = draw(st.sets(st.integers(min_value=0, max_value=i - 1), max_size=3)) if i else set()
        steps.append(
            Step(
                key=f"s{i}",
                name=f"s{i}",
                duration=draw(st.integers(min_value=0, max_value=30)),
                unit=draw(st.sampled_from(DayUnit)),
                after=tuple(
                    Dependency(f"s{p}", lag=draw(st.integers(min_value=-5, max_value=10)))
                    for p in sorted(predecessors)
                ),
            )
        )
    return Plan.from_template(Template(key="t", name="t", steps=tuple(draw(st.permutations(steps)))))


def last_workday_on_or_before(day: dt.date) -> dt.date:
    while not CALENDAR.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


@settings(max_examples=150, deadline=None)
@given(plan=plans(), target=targets)
def test_run_forward_from_its_latest_starts_a_backward_schedule_meets_the_target(
    plan: Plan, target: dt.date
) -> None:
    schedule = backward_schedule(plan, CALENDAR, target)
    starts = [step.latest_start.toordinal() for step in schedule.steps]
    durations = [step.duration for step in schedule.steps]
    _, finishes = forward_pass(
        plan,
        CALENDAR,
        durations,
        not_before=min(starts),
        actual={i: (start, None) for i, start in enumerate(starts)},
    )
    assert finishes == [step.latest_finish.toordinal() for step in schedule.steps]
    for i, step in enumerate(plan.steps):
        for successor, lag in plan.successors[i]:  # every successor may start on its latest start
            assert finishes[i] + 1 + lag <= starts[successor]
        if not plan.successors[i]:  # and the last steps finish on the target (its last working day before)
            exact = step.unit is DayUnit.WORKING and step.duration > 0
            assert schedule.steps[i].latest_finish == (last_workday_on_or_before(target) if exact else target)


@settings(max_examples=150, deadline=None)
@given(plan=plans(), target=targets, data=st.data())
def test_lengthening_a_step_never_makes_any_latest_start_later(
    plan: Plan, target: dt.date, data: st.DataObject
) -> None:
    step = data.draw(st.sampled_from(plan.steps))
    longer = {step.key: step.duration + data.draw(st.integers(min_value=1, max_value=20))}
    before = backward_schedule(plan, CALENDAR, target)
    after = backward_schedule(plan, CALENDAR, target, longer)
    for old, new in zip(before.steps, after.steps, strict=True):
        assert new.latest_start <= old.latest_start
        assert new.latest_finish <= old.latest_finish


@settings(max_examples=150, deadline=None)
@given(plan=plans(), target=targets, data=st.data())
def test_on_its_latest_dates_no_critical_step_is_projected_to_finish_early(
    plan: Plan, target: dt.date, data: st.DataObject
) -> None:
    schedule = backward_schedule(plan, CALENDAR, target)
    first = min(step.latest_start for step in schedule.steps)
    as_of = data.draw(st.dates(min_value=first - dt.timedelta(days=1), max_value=target))
    progress = {
        step.key: StepProgress(
            started=step.latest_start, finished=step.latest_finish if step.latest_finish <= as_of else None
        )
        for step in schedule.steps
        if step.latest_start <= as_of
    }
    projection = project_forward(plan, CALENDAR, target=target, as_of=as_of, progress=progress)
    for scheduled, projected in zip(schedule.steps, projection.steps, strict=True):
        if scheduled.critical:
            assert projected.expected_finish >= scheduled.latest_finish
        assert not projected.late  # every step is on its latest dates, so none is behind them


@settings(max_examples=60, deadline=None)
@given(plan=plans(), chosen=st.lists(targets, min_size=1, max_size=5))
def test_many_at_once_equals_one_at_a_time(plan: Plan, chosen: list[dt.date]) -> None:
    many = backward_schedules(plan, CALENDAR, chosen)
    for row, target in enumerate(chosen):
        one = backward_schedule(plan, CALENDAR, target)
        assert list(many.latest_start[row]) == [np.datetime64(step.latest_start) for step in one.steps]
        assert list(many.latest_finish[row]) == [np.datetime64(step.latest_finish) for step in one.steps]

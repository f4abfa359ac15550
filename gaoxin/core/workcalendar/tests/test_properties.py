"""Invariants over every year chinesecalendar knows, checked against a naive day-by-day loop."""

import datetime as dt

import chinese_calendar
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.workcalendar import Conventions, WorkCalendar, YearArrangement

D = dt.date
T = dt.datetime
ONE_DAY = dt.timedelta(days=1)

# Early enough in 2026 that 40 working days later still fall in 2026; late enough in 2004 that a working day
# before the first due date (receipts) and 40 working days before (days) are still in 2004.
receipts = st.datetimes(min_value=T(2004, 1, 15), max_value=T(2026, 10, 15, 23, 59))
days = st.dates(min_value=D(2004, 4, 1), max_value=D(2026, 10, 15))
limits = st.integers(min_value=1, max_value=40)
steps = st.integers(min_value=-40, max_value=40)


@pytest.fixture(scope="module", params=[False, True], ids=["civil-code", "from-receipt-day"])
def calendar(request: pytest.FixtureRequest, arrangements: dict[int, YearArrangement]) -> WorkCalendar:
    return WorkCalendar(arrangements.values(), Conventions(count_receipt_day=request.param))


def naive_due_date(received: T, n: int, count_receipt_day: bool) -> D:
    day = received.date()
    if received.time() > dt.time(17, 30):
        day += ONE_DAY
    while not chinese_calendar.is_workday(day):
        day += ONE_DAY
    remaining = n - 1 if count_receipt_day else n
    while remaining:
        day += ONE_DAY
        if chinese_calendar.is_workday(day):
            remaining -= 1
    return day


@given(day=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)))
def test_is_workday_agrees_with_chinesecalendar(calendar: WorkCalendar, day: D) -> None:
    assert calendar.is_workday(day) == chinese_calendar.is_workday(day)


@given(received=receipts, n=limits)
def test_due_date_agrees_with_a_day_by_day_loop(calendar: WorkCalendar, received: T, n: int) -> None:
    expected = naive_due_date(received, n, calendar.conventions.count_receipt_day)

    assert calendar.due_date(received, n) == expected


@given(received=receipts, n=limits)
def test_at_the_due_date_exactly_n_working_days_are_used(calendar: WorkCalendar, received: T, n: int) -> None:
    due = calendar.due_date(received, n)
    day_before = calendar.add_workdays(due, -1)

    assert calendar.elapsed_workdays(received, T.combine(due, dt.time(23, 59, 59))) == n
    assert calendar.elapsed_workdays(received, T.combine(due, dt.time(0, 0))) == n
    assert calendar.elapsed_workdays(received, T.combine(day_before, dt.time(23, 59))) == n - 1


@given(received=receipts, n=st.integers(min_value=1, max_value=39))
def test_due_dates_never_move_backwards_as_n_grows(calendar: WorkCalendar, received: T, n: int) -> None:
    assert calendar.due_date(received, n + 1) > calendar.due_date(received, n)


@given(day=days, n=steps)
def test_adding_then_subtracting_returns_to_a_working_day(calendar: WorkCalendar, day: D, n: int) -> None:
    start = day if calendar.is_workday(day) else calendar.add_workdays(day, 1)
    moved = calendar.add_workdays(start, n)

    assert calendar.add_workdays(moved, -n) == start
    assert calendar.workdays_between(start, moved) == n
    assert n == 0 or calendar.is_workday(moved)


@given(first=days, second=days, third=days)
def test_workdays_between_is_additive_and_antisymmetric(
    calendar: WorkCalendar, first: D, second: D, third: D
) -> None:
    between = calendar.workdays_between

    assert between(first, second) + between(second, third) == between(first, third)
    assert between(first, second) == -between(second, first)
    naive = sum(chinese_calendar.is_workday(first + k * ONE_DAY) for k in range(1, (second - first).days + 1))
    assert between(first, second) == naive or second < first


@given(pairs=st.lists(st.tuples(receipts, limits), max_size=20))
def test_vectorised_due_dates_agree_with_one_by_one(
    calendar: WorkCalendar, pairs: list[tuple[T, int]]
) -> None:
    received = [r for r, _ in pairs]
    n = [k for _, k in pairs]

    assert calendar.due_dates(received, n).tolist() == [calendar.due_date(r, k) for r, k in pairs]


@given(
    received=receipts,
    hours=st.floats(min_value=0.01, max_value=60),
    more=st.floats(min_value=0, max_value=10),
)
def test_work_hours_end_in_office_hours_and_grow_with_the_limit(
    calendar: WorkCalendar, received: T, hours: float, more: float
) -> None:
    end = calendar.add_work_hours(received, hours)

    assert calendar.is_workday(end.date())
    assert dt.time(8, 30) < end.time() <= dt.time(12) or dt.time(13, 30) < end.time() <= dt.time(17, 30)
    assert calendar.add_work_hours(received, hours + more) >= end


def ordinals(*dates: D) -> np.ndarray:
    return np.array([day.toordinal() for day in dates], dtype=np.int64)


@given(dates=st.lists(days, max_size=20), n=steps)
def test_vectorised_snapping_and_shifting_agree_with_one_by_one(
    calendar: WorkCalendar, dates: list[D], n: int
) -> None:
    after = [day if calendar.is_workday(day) else calendar.add_workdays(day, 1) for day in dates]
    before = [day if calendar.is_workday(day) else calendar.add_workdays(day, -1) for day in dates]

    assert calendar.workdays_on_or_after(ordinals(*dates)).tolist() == ordinals(*after).tolist()
    assert calendar.workdays_on_or_before(ordinals(*dates)).tolist() == ordinals(*before).tolist()
    shifted = [calendar.add_workdays(day, n) for day in after]
    assert calendar.shift_workdays(ordinals(*after), n).tolist() == ordinals(*shifted).tolist()

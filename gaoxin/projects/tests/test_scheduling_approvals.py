"""The approval clock, worked out by hand across National Day 2025 and Spring Festival 2026."""

import datetime as dt

import pytest

from gaoxin.core.workcalendar import WorkCalendar
from gaoxin.projects.scheduling import ClockStop, InvalidApprovalError, approval_clock

D = dt.date


def test_open_item_with_a_clock_stop_across_national_day(calendar: WorkCalendar) -> None:
    # Accepted Fri 09-26 (not counted). Working days to 10-31: 09-28 (Sun), 09-29, 09-30, 10-09, 10-10,
    # 10-11 (Sat) = 6, then four full weeks 10-13..10-31 = 20: 26 in all, less the stopped week 10-13..10-17.
    clock = approval_clock(
        calendar,
        limit=20,
        start=D(2025, 9, 26),
        end=None,
        as_of=D(2025, 10, 31),
        stops=[ClockStop(D(2025, 10, 13), D(2025, 10, 17))],
    )
    assert (clock.used, clock.stopped, clock.remaining, clock.overdue) == (21 - 5, 5, 4, False)
    # Counted days: 6 by 10-11, 7..11 10-20..24, 12..16 10-27..31, 17..20 11-03..06.
    assert clock.due == D(2025, 11, 6)


def test_due_date_without_stops(calendar: WorkCalendar) -> None:
    clock = approval_clock(calendar, limit=20, start=D(2025, 9, 26), end=None, as_of=D(2025, 9, 26))
    assert (clock.used, clock.due) == (0, D(2025, 10, 30))  # 6 by 10-11, 7..11, 12..16, 17..20 10-27..30


def test_closed_item_over_spring_festival_is_overdue(calendar: WorkCalendar) -> None:
    # Accepted 02-10; counted 02-11, 02-12, 02-13, 02-14 (Sat, make-up), 02-24, 02-25.
    clock = approval_clock(calendar, limit=5, start=D(2026, 2, 10), end=D(2026, 2, 25), as_of=D(2026, 3, 31))
    assert (clock.used, clock.overdue, clock.due, clock.remaining) == (6, True, D(2026, 2, 24), -1)


def test_overlapping_stops_count_once_and_stops_before_acceptance_are_clipped(calendar: WorkCalendar) -> None:
    clock = approval_clock(
        calendar,
        limit=5,
        start=D(2026, 2, 10),
        end=D(2026, 2, 25),
        as_of=D(2026, 2, 25),
        stops=[
            ClockStop(D(2026, 2, 13), D(2026, 2, 14)),
            ClockStop(D(2026, 2, 1), D(2026, 2, 11)),  # only 02-11 is after acceptance
            ClockStop(D(2026, 2, 12), D(2026, 2, 13)),
        ],
    )
    # Stopped 02-11..02-14: 4 working days; counted 02-24, 02-25.
    assert (clock.stopped, clock.used, clock.overdue) == (4, 2, False)
    # Counted days 02-24, 02-25, 02-26, 02-27 and Sat 02-28 (make-up workday) is the fifth.
    assert clock.due == D(2026, 2, 28)


def test_a_running_stop_lasts_to_the_status_date(calendar: WorkCalendar) -> None:
    clock = approval_clock(
        calendar,
        limit=3,
        start=D(2025, 9, 26),
        end=None,
        as_of=D(2025, 10, 10),
        stops=[ClockStop(D(2025, 9, 29)), ClockStop(D(2025, 11, 3), D(2025, 11, 4))],
    )
    # Counted: 09-28 only; stopped 09-29, 09-30, 10-09, 10-10; the later stop is beyond the status date.
    assert (clock.used, clock.stopped, clock.overdue) == (1, 4, False)
    # The clock runs again after the status date: 10-11 (Sat, make-up) and 10-13 are days 2 and 3.
    assert clock.due == D(2025, 10, 13)


def test_bad_items(calendar: WorkCalendar) -> None:
    with pytest.raises(InvalidApprovalError) as raised:
        approval_clock(
            calendar,
            limit=0,
            start=D(2025, 9, 26),
            end=D(2025, 9, 25),
            as_of=D(2025, 9, 30),
            stops=[ClockStop(D(2025, 9, 29), D(2025, 9, 28))],
        )
    assert [problem.text() for problem in raised.value.problems] == [
        "A legal limit must be at least 1 working day, not 0.",
        "The approval ends (2025-09-25) before it starts (2025-09-26).",
        "A clock stop ends (2025-09-28) before it starts (2025-09-29).",
    ]

"""The array working-day index against the calendar it is built from, and its missing-year errors."""

import datetime as dt

import numpy as np
import pytest

from gaoxin.core.workcalendar import MissingYearError, WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.projects.scheduling.workdays import WorkdayIndex

D = dt.date


def ordinals(*days: D) -> np.ndarray:
    return np.array([day.toordinal() for day in days], dtype=np.int64)


def test_the_index_holds_exactly_the_calendars_working_days(calendar: WorkCalendar) -> None:
    index = WorkdayIndex(calendar)
    first, last = D(2020, 1, 1).toordinal(), D(2026, 12, 31).toordinal()
    expected = [day for day in range(first, last + 1) if calendar.is_workday(D.fromordinal(day))]
    assert index.workdays.tolist() == expected


def test_snapping_and_shifting_across_national_day_2025(calendar: WorkCalendar) -> None:
    index = WorkdayIndex(calendar)
    holiday = ordinals(D(2025, 10, 3))
    assert index.on_or_after(holiday).tolist() == ordinals(D(2025, 10, 9)).tolist()
    assert index.on_or_before(holiday).tolist() == ordinals(D(2025, 9, 30)).tolist()
    # Three working days after 09-30: 10-09, 10-10 and Sat 10-11 (make-up).
    assert index.shift(ordinals(D(2025, 9, 30)), 3).tolist() == ordinals(D(2025, 10, 11)).tolist()
    # Two working days before 09-29: Sun 09-28 (make-up), then Fri 09-26.
    assert index.shift(ordinals(D(2025, 9, 29)), -2).tolist() == ordinals(D(2025, 9, 26)).tolist()


def test_running_off_the_loaded_years_names_the_missing_year() -> None:
    index = WorkdayIndex(WorkCalendar([arrangement_from_chinesecalendar(2025)]))
    with pytest.raises(MissingYearError) as raised:
        index.on_or_before(ordinals(D(2025, 1, 1)))  # New Year's Day is off: the day before lies in 2024
    assert raised.value.year == 2024
    with pytest.raises(MissingYearError) as raised:
        index.shift(ordinals(D(2025, 12, 31)), 1)
    assert raised.value.year == 2026
    with pytest.raises(MissingYearError) as raised:
        index.on_or_after(ordinals(D(2027, 3, 1)))
    assert raised.value.year == 2027

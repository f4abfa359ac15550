"""Seed year arrangements from the ``chinesecalendar`` package (which knows 2004 to its last release year)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from gaoxin.core.workcalendar.arrangement import YearArrangement, is_weekend
from gaoxin.core.workcalendar.errors import MissingYearError

# The package's English holiday names, in the form the State Council notices use.
CHINESE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def chinesecalendar_years() -> range:
    """The years the installed ``chinesecalendar`` has data for."""
    return range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def arrangement_from_chinesecalendar(year: int) -> YearArrangement:
    """The arrangement of ``year`` as ``chinesecalendar`` records it, with Chinese holiday names."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError as error:
        raise MissingYearError(year) from error
    days_off = {day: name for day, name in chinese_calendar.holidays.items() if day.year == year}
    makeup_workdays = {day: name for day, name in chinese_calendar.workdays.items() if day.year == year}
    return YearArrangement(
        year=year,
        holidays=frozenset(day for day in days_off if not is_weekend(day)),
        makeup_workdays=frozenset(makeup_workdays),
        holiday_names={day: _chinese_name(name) for day, name in (days_off | makeup_workdays).items()},
    )


def _chinese_name(english: str) -> str:
    """Special one-off holidays (e.g. the 2015 victory day) fall back to the package's own Chinese name."""
    return CHINESE_HOLIDAY_NAMES.get(english) or chinese_calendar.Holiday(english).chinese

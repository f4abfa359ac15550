"""One year's official arrangement of days off and make-up workdays (放假调休安排).

The State Council publishes the next year's arrangement each November. A day is a working day when it is a
Monday to Friday not listed in ``holidays``, or a Saturday or Sunday listed in ``makeup_workdays``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.workcalendar.errors import InvalidArrangementError

SATURDAY = 5


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= SATURDAY


@dataclass(frozen=True)
class YearArrangement:
    """The days off and make-up workdays of one calendar year.

    ``holidays``: official days off that would otherwise be working days (Monday to Friday), in-lieu days
    off (调休休息) included. ``makeup_workdays``: Saturdays and Sundays that are working days (调休上班).
    ``holiday_names``: optional display names (e.g. 国庆节) for days off of a holiday period, weekends inside it
    included, and for make-up workdays (named after the holiday they make up for).

    Creating an arrangement that contradicts itself raises ``InvalidArrangementError`` listing every problem.
    """

    year: int
    holidays: frozenset[dt.date]
    makeup_workdays: frozenset[dt.date]
    holiday_names: Mapping[dt.date, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "makeup_workdays", frozenset(self.makeup_workdays))
        object.__setattr__(self, "holiday_names", MappingProxyType(dict(self.holiday_names)))
        problems = self.problems()
        if problems:
            raise InvalidArrangementError(self.year, problems)

    def problems(self) -> list[Message]:
        """Every contradiction in this arrangement, in date order, as translatable messages."""
        found: list[tuple[dt.date, Message]] = []

        def report(day: dt.date, msgid: str) -> None:
            found.append((day, Message(msgid, {"date": day.isoformat(), "year": self.year})))

        for day in self.holidays | self.makeup_workdays | self.holiday_names.keys():
            if day.year != self.year:
                report(day, gettext_noop("%(date)s lies outside the year %(year)s."))
        for day in self.holidays & self.makeup_workdays:
            report(day, gettext_noop("%(date)s is listed both as a holiday and as a make-up workday."))
        for day in self.holidays:
            if is_weekend(day):
                report(day, gettext_noop("%(date)s falls on a weekend, so it cannot be listed as a holiday."))
        for day in self.makeup_workdays:
            if not is_weekend(day):
                report(day, gettext_noop("%(date)s is a weekday, so it cannot be a make-up workday."))
        for day, name in self.holiday_names.items():
            if not name.strip():
                report(day, gettext_noop("The holiday name for %(date)s is empty."))
            if not is_weekend(day) and day not in self.holidays:
                report(day, gettext_noop("%(date)s has a holiday name but is an ordinary working day."))
        return [message for _, message in sorted(found, key=lambda item: item[0])]

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` (which must lie in this year) is a working day."""
        if is_weekend(day):
            return day in self.makeup_workdays
        return day not in self.holidays

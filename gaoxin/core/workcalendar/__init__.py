"""The working-day calendar: pure, no Django. See DOMAIN.md §5.3."""

from gaoxin.core.workcalendar.arrangement import YearArrangement
from gaoxin.core.workcalendar.calendar import WorkCalendar
from gaoxin.core.workcalendar.conventions import Conventions
from gaoxin.core.workcalendar.errors import (
    InvalidArrangementError,
    InvalidConventionsError,
    MissingYearError,
    WorkCalendarError,
)
from gaoxin.core.workcalendar.seed import arrangement_from_chinesecalendar, chinesecalendar_years

__all__ = [
    "Conventions",
    "InvalidArrangementError",
    "InvalidConventionsError",
    "MissingYearError",
    "WorkCalendar",
    "WorkCalendarError",
    "YearArrangement",
    "arrangement_from_chinesecalendar",
    "chinesecalendar_years",
]

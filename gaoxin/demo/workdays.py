"""The demo zone's working-day calendar: the two years behind (the service desk's history, the published
evaluation's publicity), this year and the next, so that every deadline and plan can be computed."""

from __future__ import annotations

import datetime as dt

from gaoxin.accounts.models import User
from gaoxin.core import calendar_services
from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.core.workcalendar import MissingYearError

# An estimate for a year whose State Council notice the demo cannot know: statutory days only, no 调休.
ESTIMATED_2027_HOLIDAYS = (
    (dt.date(2027, 1, 1), "元旦"),
    *((dt.date(2027, 2, d), "春节") for d in (5, 6, 7, 8)),
    (dt.date(2027, 4, 5), "清明节"),
    (dt.date(2027, 5, 1), "劳动节"),
    (dt.date(2027, 5, 2), "劳动节"),
    (dt.date(2027, 6, 9), "端午节"),
    (dt.date(2027, 9, 15), "中秋节"),
    *((dt.date(2027, 10, d), "国庆节") for d in (1, 2, 3)),
)


def ensure_calendar(today: dt.date, by: User) -> None:
    """Deadlines and plans reach from two years back into next year: the demo enters the arrangements of those
    years from the package, or an estimate of next year's when the package lacks it (marked as such), before the
    service desk, the projects and the evaluation compute on them. Years already entered are left alone."""
    for year in range(today.year - 2, today.year + 2):
        if WorkdayArrangement.objects.filter(year=year).exists():
            continue
        try:
            calendar_services.arrangement_seed(year=year, by=by)
        except MissingYearError:  # the package has no data for the year: store the estimate if there is one
            if year != 2027:
                continue
            calendar_services.arrangement_save(
                year=year,
                holidays=[day for day, _name in ESTIMATED_2027_HOLIDAYS if day.weekday() < 5],
                makeup_workdays=[],
                holiday_names={day: name for day, name in ESTIMATED_2027_HOLIDAYS if day.weekday() < 5},
                note="尚无国务院办公厅通知（示例数据估算，仅含法定节假日，未含调休）",
                estimated=True,
                by=by,
            )

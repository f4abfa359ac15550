"""investment.pipeline: time in stage in working days, stale leads, the funnel and the lost reasons."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.workcalendar import MissingYearError, WorkCalendar, arrangement_from_chinesecalendar
from gaoxin.investment.pipeline import LeadPath, Move, funnel, lost_reasons, staleness

STAGES = ("lead", "contact", "visit", "negotiation", "admission", "signed")


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar(arrangement_from_chinesecalendar(year) for year in (2025, 2026))


def d(month: int, day: int) -> dt.date:
    return dt.date(2026, month, day)


def test_a_lead_is_stale_once_its_working_days_pass_the_expected_time(calendar: WorkCalendar) -> None:
    # entered on Monday 2026-09-28; the National Day holiday (10-01 to 10-07) does not run, Saturday 10-10 works
    fresh = staleness(d(9, 28), d(10, 9), 5, calendar)
    assert (fresh.workdays_in_stage, fresh.due_on, fresh.stale) == (4, d(10, 10), False)
    stale = staleness(d(9, 28), d(10, 14), 5, calendar)
    assert (stale.workdays_in_stage, stale.stale, stale.overdue_workdays) == (8, True, 3)


def test_a_stage_without_an_expected_time_is_never_stale(calendar: WorkCalendar) -> None:
    assert staleness(d(1, 5), d(12, 1), None, calendar).stale is False
    assert staleness(d(3, 2), d(3, 1), 5, calendar).workdays_in_stage == 0  # a day before entering: none


def test_a_year_without_an_arrangement_is_the_calendars_error(calendar: WorkCalendar) -> None:
    with pytest.raises(MissingYearError):
        staleness(d(12, 1), dt.date(2027, 1, 4), 5, calendar)


def test_the_funnel_counts_reached_converted_current_and_median_time(calendar: WorkCalendar) -> None:
    paths = [
        LeadPath(
            1, (Move("lead", d(3, 2)), Move("contact", d(3, 9)), Move("negotiation", d(3, 16)))
        ),  # skipped
        LeadPath(2, (Move("lead", d(3, 2)), Move("contact", d(3, 4))), open=False, lost_reason="选址他处"),
        LeadPath(3, (Move("lead", d(3, 2)),)),
        LeadPath(4, (Move("unknown", d(3, 2)),)),  # a stage the order no longer has: ignored
    ]
    rows = {row.stage: row for row in funnel(paths, STAGES, calendar)}
    assert [(rows[s].reached, rows[s].converted, rows[s].current) for s in STAGES] == [
        (3, 2, 1),
        (2, 1, 0),
        (1, 1, 0),  # lead 1 skipped 考察: passed
        (1, 0, 1),
        (0, 0, 0),
        (0, 0, 0),
    ]
    assert rows["lead"].conversion == Decimal("0.6667")
    assert rows["admission"].conversion is None
    assert rows["signed"].conversion is None  # nothing follows the last stage
    assert rows["lead"].median_workdays == 3.5  # 5 and 2 working days
    assert rows["negotiation"].median_workdays is None


def test_lost_reasons_most_frequent_first_with_the_cumulative_share() -> None:
    ended = [
        LeadPath(n, (), open=False, lost_reason=r)
        for n, r in enumerate(["资金不足", "选址他处", "选址他处", "不符合准入"])
    ]
    rows = lost_reasons([*ended, LeadPath(9, (), open=True, lost_reason="选址他处")])
    assert [(r.reason, r.count, r.cumulative_share) for r in rows] == [
        ("选址他处", 2, Decimal("0.5000")),
        ("不符合准入", 1, Decimal("0.7500")),
        ("资金不足", 1, Decimal("1.0000")),
    ]


@given(st.lists(st.lists(st.integers(0, len(STAGES) - 1), min_size=1, max_size=5), max_size=20))
def test_the_funnel_never_grows_along_the_stages(paths: list[list[int]]) -> None:
    class Flat:
        def workdays_between(self, start: dt.date, end: dt.date) -> int:
            return (end - start).days

        def add_workdays(self, day: dt.date, n: int) -> dt.date:
            return day + dt.timedelta(days=n)

    leads = [
        LeadPath(n, tuple(Move(STAGES[s], d(1, 1 + i)) for i, s in enumerate(p))) for n, p in enumerate(paths)
    ]
    rows = funnel(leads, STAGES, Flat())
    assert rows[0].reached == len(leads)
    assert all(a.reached >= b.reached for a, b in itertools.pairwise(rows))
    assert sum(row.current for row in rows) == len(leads)

"""Deadlines on the real calendar: National Day 2025, Spring Festival 2026, make-up weekends, missing years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.core.workcalendar import (
    WorkCalendar,
    arrangement_from_chinesecalendar,
)
from gaoxin.servicedesk import deadlines as dl
from gaoxin.servicedesk import workflow as wf

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
CALENDAR = WorkCalendar([arrangement_from_chinesecalendar(y) for y in (2024, 2025, 2026)])


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=SHANGHAI)


def local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(SHANGHAI) if moment else None


class TestNationalDay2025:
    """1–8 October 2025 off; Sunday 28 September and Saturday 11 October worked."""

    facts = dl.Facts(
        state=wf.IN_PROGRESS,
        received_at=at(2025, 9, 25, 9, 0),
        accepted_at=at(2025, 9, 25, 11, 0),
        dispatched_at=at(2025, 9, 26, 10, 0),  # a Friday
        signed_at=at(
            2025, 9, 30, 17, 0
        ),  # the last working day before the holiday, 30 minutes before closing
    )

    def test_each_deadline(self):
        values = dl.compute(self.facts, dl.NORMAL_LIMITS, CALENDAR).values
        assert values["sign"] == end_of(dt.date(2025, 9, 28))  # the make-up Sunday is the next working day
        assert values["return"] == end_of(dt.date(2025, 9, 29))
        # 28, 29, 30 Sep, 9, 10, 11 (Saturday, worked), 13, 14, 15, 16 Oct
        assert values["resolve"] == end_of(dt.date(2025, 10, 16))
        # half an hour on 30 September, the other half from 8:30 on 9 October
        assert local(values["contact"]) == at(2025, 10, 9, 9, 0)
        assert values["interim"] == end_of(dt.date(2025, 10, 11))
        assert values["dispatch"] == end_of(dt.date(2025, 9, 26))

    def test_the_nearest_pending_limit_is_active(self):
        result = dl.compute(self.facts, dl.NORMAL_LIMITS, CALENDAR)
        assert result.active == "contact"
        contacted = dl.compute(
            dl.Facts(**{**self.facts.__dict__, "contacted_at": at(2025, 10, 9, 8, 45)}),
            dl.NORMAL_LIMITS,
            CALENDAR,
        )
        assert contacted.active == "interim"


class TestSpringFestival2026:
    """15–23 February 2026 off; Saturdays 14 and 28 February worked."""

    def test_sign_resolve_and_extension(self):
        facts = dl.Facts(
            state=wf.DISPATCHED, received_at=at(2026, 2, 12, 9), dispatched_at=at(2026, 2, 13, 16)
        )
        simple = dl.Limits(**{**dl.NORMAL_LIMITS.__dict__, "resolve": dl.Limit(5)})
        values = dl.compute(facts, simple, CALENDAR).values
        assert values["sign"] == end_of(dt.date(2026, 2, 14))
        assert values["resolve"] == end_of(dt.date(2026, 2, 27))  # 14, 24, 25, 26, 27 February
        ten = dl.compute(facts, dl.NORMAL_LIMITS, CALENDAR).values
        assert ten["resolve"] == end_of(dt.date(2026, 3, 5))  # … 28 Feb (Saturday), 2, 3, 4, 5 March
        extended = dl.compute(dl.Facts(**{**facts.__dict__, "extension_days": 5}), dl.NORMAL_LIMITS, CALENDAR)
        assert extended.values["resolve"] == end_of(dt.date(2026, 3, 12))  # 6, 9, 10, 11, 12 March

    def test_urgent_sign_in_office_hours_runs_into_the_makeup_saturday(self):
        facts = dl.Facts(
            state=wf.DISPATCHED, received_at=at(2026, 2, 13, 16), dispatched_at=at(2026, 2, 13, 16, 45)
        )
        result = dl.compute(facts, dl.URGENT_LIMITS, CALENDAR)
        assert result.active == "sign"
        # 45 minutes on Friday; 1 h 15 on Saturday 14 February from 8:30
        assert local(result.active_due) == at(2026, 2, 14, 9, 45)

    def test_received_after_the_cutoff_on_a_holiday_eve(self):
        facts = dl.Facts(
            state=wf.SUBMITTED, received_at=at(2026, 2, 14, 18, 0)
        )  # the make-up Saturday, 18:00
        result = dl.compute(facts, dl.NORMAL_LIMITS, CALENDAR)
        # counts as received on 24 February (the next working day); the day of receipt does not count
        assert result.values["accept"] == end_of(dt.date(2026, 2, 25))


def test_a_missing_year_leaves_the_deadline_empty_and_names_the_year():
    facts = dl.Facts(
        state=wf.IN_PROGRESS,
        received_at=at(2026, 12, 21, 9),
        dispatched_at=at(2026, 12, 24, 9),
        signed_at=at(2026, 12, 24, 10),
        contacted_at=at(2026, 12, 24, 10, 30),
        interim_at=at(2026, 12, 25, 10),
    )
    result = dl.compute(facts, dl.NORMAL_LIMITS, CALENDAR)
    assert result.values["sign"] == end_of(dt.date(2026, 12, 25))
    assert result.values["resolve"] is None
    assert result.missing_year == 2027
    assert result.active == "resolve"
    assert result.active_due is None


def test_an_unknown_deadline_is_not_hidden_behind_a_known_one():
    facts = dl.Facts(
        state=wf.IN_PROGRESS,
        received_at=at(2026, 12, 21, 9),
        dispatched_at=at(2026, 12, 21, 9),
        signed_at=at(2026, 12, 30, 9),
    )
    result = dl.compute(facts, dl.NORMAL_LIMITS, CALENDAR)
    assert result.values["contact"] == at(2026, 12, 30, 10)
    # resolve (10 working days from 21 December) and interim (3 from 30 December) both need 2027
    assert result.active in {"resolve", "interim"}
    assert result.active_due is None


def test_closed_and_called_back_requests_work_against_nothing():
    closed = dl.Facts(state=wf.CLOSED, received_at=at(2025, 3, 3, 9))
    assert dl.compute(closed, dl.NORMAL_LIMITS, CALENDAR).active == ""
    called = dl.Facts(
        state=wf.AWAITING_CALLBACK,
        received_at=at(2025, 3, 3, 9),
        reviewed_at=at(2025, 3, 10, 9),
        callback_at=at(2025, 3, 10, 15),
    )
    assert dl.compute(called, dl.NORMAL_LIMITS, CALENDAR).active == ""


def test_limits_round_trip_through_json():
    assert dl.Limits.from_json(dl.URGENT_LIMITS.as_json()) == dl.URGENT_LIMITS


def test_a_limit_is_positive_in_a_known_unit():
    with pytest.raises(ValueError, match="at least 1"):
        dl.Limit(0)
    with pytest.raises(ValueError, match="unit"):
        dl.Limit(3, "weeks")


MOMENTS = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 10, 31)).map(
    lambda d: d.replace(tzinfo=SHANGHAI)
)


@given(MOMENTS, st.integers(1, 24))
def test_due_dates_never_move_backwards_as_n_grows(start, n):
    for unit in (dl.DAYS, dl.HOURS):
        shorter, longer = dl.Limit(n, unit).due(CALENDAR, start), dl.Limit(n + 1, unit).due(CALENDAR, start)
        assert start < shorter < longer


@given(MOMENTS, st.integers(1, 25))
def test_counting_back_the_working_days_gives_n(start, n):
    due = dl.Limit(n).due(CALENDAR, start)
    assert CALENDAR.elapsed_workdays(start, due) == n
    assert CALENDAR.is_workday(due.date())


@given(MOMENTS, st.integers(1, 15), st.integers(0, 10))
def test_an_extension_adds_exactly_its_working_days(start, n, extra):
    base = dl.Limit(n).due(CALENDAR, start)
    extended = dl.Limit(n).due(CALENDAR, start, extra)
    assert CALENDAR.workdays_between(base.date(), extended.date()) == extra


def test_an_extension_of_an_hours_limit_adds_whole_working_days_of_hours():
    # 30 September 2025 is the last working day before the National Day holiday (1–8 October)
    start = at(2025, 10, 13, 9, 0)  # a Monday
    limit = dl.Limit(2, dl.HOURS)
    assert local(limit.due(CALENDAR, start)) == at(2025, 10, 13, 11, 0)
    assert local(limit.due(CALENDAR, start, extra_days=1)) == at(2025, 10, 14, 11, 0)  # one working day later
    assert local(limit.due(CALENDAR, at(2025, 9, 30, 9, 0), extra_days=1)) == at(2025, 10, 9, 11, 0)


@pytest.mark.parametrize(
    ("state", "active"),
    [
        (wf.SUBMITTED, "accept"),
        (wf.ACCEPTED, "dispatch"),
        (wf.DISPATCHED, "sign"),
        (wf.REPLIED, "review"),
        (wf.AWAITING_CALLBACK, "callback"),
    ],
)
def test_each_state_works_against_its_own_deadline(state, active):
    facts = dl.Facts(state=state, received_at=at(2025, 3, 3, 9))
    assert dl.compute(facts, dl.NORMAL_LIMITS, CALENDAR).active == active


@pytest.mark.parametrize(
    ("action", "note", "data", "entry"),
    [
        ("create", "事项", {}, wf.PublicEntry("create", "事项")),
        ("accept", "内部备注", {}, wf.PublicEntry("accept", "")),
        ("approve_reply", "", {"reply": "已办结"}, wf.PublicEntry("reply", "已办结")),
        ("approve_reply", "", {}, wf.PublicEntry("reply", "")),
        ("contribute", "内部意见", {}, None),
        ("an_unknown_step", "x", {}, None),
    ],
)
def test_what_the_enterprise_sees_of_each_step(action, note, data, entry):
    assert wf.disclose(action, note, data) == entry


def test_only_a_reviewed_reply_is_published():
    assert [state for state in wf.STATES if wf.published_reply(state)] == [wf.AWAITING_CALLBACK, wf.CLOSED]


def test_a_refusal_says_why():
    wf.check_refusal(reason="不属于受理范围")
    with pytest.raises(wf.WorkflowError):
        wf.check_refusal(reason="  ")

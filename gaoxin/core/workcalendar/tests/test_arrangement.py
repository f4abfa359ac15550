import datetime as dt

import pytest

from gaoxin.core.workcalendar import InvalidArrangementError, YearArrangement

D = dt.date


def test_weekdays_work_unless_holidays_and_weekends_rest_unless_makeup() -> None:
    arrangement = YearArrangement(
        year=2025,
        holidays=frozenset({D(2025, 10, 8)}),  # Wednesday
        makeup_workdays=frozenset({D(2025, 10, 11)}),  # Saturday
    )

    assert arrangement.is_workday(D(2025, 10, 9))  # ordinary Thursday
    assert not arrangement.is_workday(D(2025, 10, 8))
    assert arrangement.is_workday(D(2025, 10, 11))
    assert not arrangement.is_workday(D(2025, 10, 12))  # ordinary Sunday


def test_fields_are_frozen_copies_of_what_was_given() -> None:
    names = {D(2025, 10, 8): "国庆节"}
    arrangement = YearArrangement(
        year=2025,
        holidays={D(2025, 10, 8)},  # type: ignore[arg-type]
        makeup_workdays=set(),  # type: ignore[arg-type]
        holiday_names=names,
    )
    names[D(2025, 10, 9)] = "changed afterwards"

    assert isinstance(arrangement.holidays, frozenset)
    assert isinstance(arrangement.makeup_workdays, frozenset)
    assert dict(arrangement.holiday_names) == {D(2025, 10, 8): "国庆节"}
    with pytest.raises(TypeError):
        arrangement.holiday_names[D(2025, 1, 1)] = "元旦"  # type: ignore[index]
    assert hash(arrangement) == hash(YearArrangement(2025, frozenset({D(2025, 10, 8)}), frozenset()))


def test_every_contradiction_is_reported_in_date_order() -> None:
    with pytest.raises(InvalidArrangementError) as raised:
        YearArrangement(
            year=2025,
            holidays=frozenset({D(2024, 12, 31), D(2025, 10, 4), D(2025, 10, 11)}),
            makeup_workdays=frozenset({D(2025, 10, 11), D(2025, 9, 29)}),
            holiday_names={D(2025, 3, 3): "元旦", D(2025, 5, 3): " "},
        )

    error = raised.value
    assert error.year == 2025
    assert [(p.msgid % p.params) for p in error.problems] == [
        "2024-12-31 lies outside the year 2025.",
        "2025-03-03 has a holiday name but is an ordinary working day.",
        "The holiday name for 2025-05-03 is empty.",
        "2025-09-29 is a weekday, so it cannot be a make-up workday.",
        "2025-10-04 falls on a weekend, so it cannot be listed as a holiday.",
        "2025-10-11 is listed both as a holiday and as a make-up workday.",
        "2025-10-11 falls on a weekend, so it cannot be listed as a holiday.",
    ]
    assert str(error).splitlines() == [
        "The working-day arrangement for 2025 is not valid.",
        *(p.text() for p in error.problems),
    ]


def test_dates_outside_the_year_are_caught_in_every_field() -> None:
    with pytest.raises(InvalidArrangementError) as raised:
        YearArrangement(
            year=2026,
            holidays=frozenset(),
            makeup_workdays=frozenset({D(2025, 10, 11)}),
            holiday_names={D(2027, 1, 1): "元旦"},
        )

    assert [p.params["date"] for p in raised.value.problems] == ["2025-10-11", "2027-01-01", "2027-01-01"]
    assert raised.value.problems[0].msgid == "%(date)s lies outside the year %(year)s."

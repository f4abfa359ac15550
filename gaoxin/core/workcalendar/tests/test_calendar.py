"""Hand-checked cases. 2025: 国庆/中秋 10/1–10/8 off, Sun 9/28 and Sat 10/11 worked. 2026 (国办发明电〔2025〕7号):
元旦 1/1–1/3 off, Sun 1/4 worked; 春节 2/15–2/23 off, Sat 2/14 and Sat 2/28 worked."""

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from gaoxin.core.workcalendar import (
    Conventions,
    MissingYearError,
    WorkCalendar,
    YearArrangement,
    arrangement_from_chinesecalendar,
)

D = dt.date
T = dt.datetime


@pytest.fixture(scope="module")
def from_receipt_day(arrangements: dict[int, YearArrangement]) -> WorkCalendar:
    return WorkCalendar(arrangements.values(), Conventions(count_receipt_day=True))


@pytest.fixture(scope="module")
def without_2025(arrangements: dict[int, YearArrangement]) -> WorkCalendar:
    return WorkCalendar([arrangements[2024], arrangements[2026]])


class TestIsWorkday:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2025, 9, 26), True),  # Friday
            (D(2025, 9, 27), False),  # Saturday
            (D(2025, 9, 28), True),  # make-up Sunday
            (D(2025, 10, 6), False),  # 中秋, Monday
            (D(2025, 10, 8), False),  # in-lieu day off, Wednesday
            (D(2025, 10, 11), True),  # make-up Saturday
            (D(2026, 2, 14), True),  # make-up Saturday before 春节
            (D(2026, 2, 23), False),  # in-lieu Monday
            (D(2026, 2, 28), True),  # make-up Saturday after 春节
        ],
    )
    def test_follows_the_arrangement(self, china: WorkCalendar, day: D, expected: bool) -> None:
        assert china.is_workday(day) is expected

    def test_a_year_without_arrangement_is_refused(self, china: WorkCalendar) -> None:
        with pytest.raises(MissingYearError) as raised:
            china.is_workday(D(2027, 1, 4))

        assert raised.value.year == 2027
        assert raised.value.message.msgid.startswith(
            "The working-day arrangement for %(year)s has not been entered"
        )
        assert "The working-day arrangement for 2027 has not been entered" in str(raised.value)

    def test_lists_its_years_and_arrangements(self, china: WorkCalendar) -> None:
        assert china.years == list(range(2004, 2027))
        assert china.arrangement(2026) == arrangement_from_chinesecalendar(2026)


class TestEffectiveReceiptDate:
    @pytest.mark.parametrize(
        ("received", "expected"),
        [
            (T(2025, 9, 30, 9), D(2025, 9, 30)),
            (T(2025, 9, 30, 17, 30), D(2025, 9, 30)),  # at the cut-off is not after it
            (T(2025, 9, 30, 17, 30, 1), D(2025, 10, 9)),  # after the cut-off, over National Day
            (T(2025, 10, 3, 10), D(2025, 10, 9)),  # on a holiday
            (T(2025, 9, 27, 10), D(2025, 9, 28)),  # Saturday before a make-up Sunday
            (T(2025, 9, 26, 18), D(2025, 9, 28)),  # Friday evening before a make-up Sunday
            (T(2025, 11, 15, 10), D(2025, 11, 17)),  # ordinary Saturday
            (T(2025, 12, 31, 18), D(2026, 1, 4)),  # over New Year to the make-up Sunday
        ],
    )
    def test_moves_to_the_next_working_day(self, china: WorkCalendar, received: T, expected: D) -> None:
        assert china.effective_receipt_date(received) == expected

    def test_aware_datetimes_are_read_in_shanghai_time(self, china: WorkCalendar) -> None:
        # 09:00 UTC is 17:00 in Shanghai (before the cut-off); 10:00 UTC is 18:00 (after it).
        assert china.effective_receipt_date(T(2025, 9, 30, 9, tzinfo=dt.UTC)) == D(2025, 9, 30)
        assert china.effective_receipt_date(T(2025, 9, 30, 10, tzinfo=dt.UTC)) == D(2025, 10, 9)
        # 20:00 UTC on 9/29 is already 04:00 on 9/30 in Shanghai.
        assert china.effective_receipt_date(T(2025, 9, 29, 20, tzinfo=dt.UTC)) == D(2025, 9, 30)


class TestDueDate:
    @pytest.mark.parametrize(
        ("received", "n", "expected"),
        [
            # DOMAIN §5.3: 9/28 (Sun, worked), 9/29, 9/30, 10/9, 10/10.
            (T(2025, 9, 26, 10), 5, D(2025, 10, 10)),
            (T(2025, 9, 26, 10), 1, D(2025, 9, 28)),
            (T(2025, 9, 30, 9), 1, D(2025, 10, 9)),
            (T(2025, 9, 30, 9), 3, D(2025, 10, 11)),  # 10/9, 10/10, make-up Saturday 10/11
            (T(2025, 10, 3, 10), 1, D(2025, 10, 10)),  # received on a holiday: counts from 10/9
            (T(2025, 10, 3, 10), 2, D(2025, 10, 11)),
            (T(2025, 10, 3, 10), 3, D(2025, 10, 13)),
            (T(2025, 9, 26, 18), 5, D(2025, 10, 11)),  # after cut-off: from 9/28, then 9/29 … 10/11
            (T(2025, 11, 15, 10), 1, D(2025, 11, 18)),  # Saturday: from Monday 11/17
            # Spring Festival 2026.
            (T(2026, 2, 13, 10), 1, D(2026, 2, 14)),
            (T(2026, 2, 13, 10), 2, D(2026, 2, 24)),
            (T(2026, 2, 13, 10), 5, D(2026, 2, 27)),  # 2/14, 2/24, 2/25, 2/26, 2/27
            (T(2026, 2, 13, 10), 6, D(2026, 2, 28)),  # the make-up Saturday after the break
            (T(2026, 2, 13, 10), 7, D(2026, 3, 2)),
            (T(2026, 2, 14, 18), 1, D(2026, 2, 25)),  # make-up Saturday after cut-off: from 2/24
            (T(2026, 2, 18, 10), 1, D(2026, 2, 25)),  # during the break
            # Across New Year 2026.
            (T(2025, 12, 31, 10), 1, D(2026, 1, 4)),
            (T(2025, 12, 31, 10), 2, D(2026, 1, 5)),
        ],
    )
    def test_counts_working_days_after_the_day_of_receipt(
        self, china: WorkCalendar, received: T, n: int, expected: D
    ) -> None:
        assert china.due_date(received, n) == expected

    @pytest.mark.parametrize(
        ("received", "n", "expected"),
        [
            (T(2025, 9, 26, 10), 1, D(2025, 9, 26)),
            (T(2025, 9, 26, 10), 5, D(2025, 10, 9)),  # 9/26, 9/28, 9/29, 9/30, 10/9
            (T(2025, 9, 27, 10), 1, D(2025, 9, 28)),
            (T(2025, 9, 27, 10), 2, D(2025, 9, 29)),
            (T(2026, 2, 14, 18), 1, D(2026, 2, 24)),
        ],
    )
    def test_from_the_day_of_receipt_the_receipt_day_is_day_one(
        self, from_receipt_day: WorkCalendar, received: T, n: int, expected: D
    ) -> None:
        assert from_receipt_day.due_date(received, n) == expected

    def test_a_limit_below_one_day_is_a_programming_error(self, china: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            china.due_date(T(2025, 9, 26, 10), 0)

    def test_a_due_date_in_a_missing_year_is_refused(self, china: WorkCalendar) -> None:
        # 12/28, 12/29, 12/30, 12/31 are the last four working days of 2026.
        assert china.due_date(T(2026, 12, 25, 10), 4) == D(2026, 12, 31)
        with pytest.raises(MissingYearError) as raised:
            china.due_date(T(2026, 12, 25, 10), 5)
        assert raised.value.year == 2027

    def test_a_receipt_after_the_last_loaded_working_day_is_refused(self, china: WorkCalendar) -> None:
        with pytest.raises(MissingYearError) as raised:
            china.effective_receipt_date(T(2026, 12, 31, 18))
        assert raised.value.year == 2027


class TestAddWorkdays:
    @pytest.mark.parametrize(
        ("day", "n", "expected"),
        [
            (D(2025, 9, 26), 0, D(2025, 9, 26)),
            (D(2025, 9, 27), 0, D(2025, 9, 27)),
            (D(2025, 9, 26), 1, D(2025, 9, 28)),
            (D(2025, 10, 4), 1, D(2025, 10, 9)),  # from a holiday
            (D(2025, 10, 9), -1, D(2025, 9, 30)),
            (D(2025, 10, 9), -3, D(2025, 9, 28)),  # 9/30, 9/29, make-up Sunday 9/28
            (D(2025, 10, 4), -1, D(2025, 9, 30)),  # from a holiday, backwards
            (D(2026, 3, 2), -2, D(2026, 2, 27)),  # 2/28 (make-up Saturday), 2/27
            (D(2026, 2, 24), -1, D(2026, 2, 14)),  # back over the Spring Festival break
            (D(2026, 1, 5), -1, D(2026, 1, 4)),
            (D(2026, 1, 5), -2, D(2025, 12, 31)),
        ],
    )
    def test_moves_by_working_days(self, china: WorkCalendar, day: D, n: int, expected: D) -> None:
        assert china.add_workdays(day, n) == expected

    def test_running_before_the_first_loaded_year_is_refused(self) -> None:
        only_2025 = WorkCalendar([arrangement_from_chinesecalendar(2025)])

        assert only_2025.add_workdays(D(2025, 1, 3), -1) == D(2025, 1, 2)
        with pytest.raises(MissingYearError) as raised:
            only_2025.add_workdays(D(2025, 1, 2), -1)  # 2025-01-01 is New Year's Day
        assert raised.value.year == 2024


class TestGapsBetweenLoadedYears:
    def test_counting_across_the_gap_is_refused(self, without_2025: WorkCalendar) -> None:
        assert without_2025.add_workdays(D(2024, 12, 30), 1) == D(2024, 12, 31)
        for question in (
            lambda: without_2025.add_workdays(D(2024, 12, 31), 1),
            lambda: without_2025.add_workdays(D(2026, 1, 5), -2),
            lambda: without_2025.workdays_between(D(2024, 6, 3), D(2026, 6, 1)),
            lambda: without_2025.due_date(T(2024, 12, 31, 18), 1),
            lambda: without_2025.is_workday(D(2025, 6, 3)),
            lambda: without_2025.due_dates(np.array(["2024-12-31T18:00"], dtype="datetime64[m]"), 1),
        ):
            with pytest.raises(MissingYearError) as raised:
                question()
            assert raised.value.year == 2025

    def test_counting_past_the_last_year_names_the_first_missing_year_after(
        self, without_2025: WorkCalendar
    ) -> None:
        with pytest.raises(MissingYearError) as raised:
            without_2025.add_workdays(D(2024, 12, 31), 300)
        assert raised.value.year == 2025

    def test_an_empty_calendar_knows_no_year(self) -> None:
        empty = WorkCalendar([])

        assert empty.years == []
        with pytest.raises(MissingYearError):
            empty.due_date(T(2025, 9, 26, 10), 1)
        with pytest.raises(MissingYearError):
            empty.due_dates([T(2025, 9, 26, 10)], 1)

    def test_two_arrangements_for_one_year_are_refused(self) -> None:
        with pytest.raises(ValueError, match="2025"):
            WorkCalendar([arrangement_from_chinesecalendar(2025), arrangement_from_chinesecalendar(2025)])


class TestWorkdaysBetweenAndElapsed:
    def test_counts_working_days_after_start_up_to_end(self, china: WorkCalendar) -> None:
        assert china.workdays_between(D(2025, 9, 26), D(2025, 10, 10)) == 5
        assert china.workdays_between(D(2025, 10, 10), D(2025, 9, 26)) == -5
        assert china.workdays_between(D(2025, 9, 26), D(2025, 9, 26)) == 0
        assert china.workdays_between(D(2025, 12, 31), D(2026, 1, 5)) == 2  # 1/4 (make-up Sunday), 1/5

    @pytest.mark.parametrize(
        ("now", "expected"),
        [
            (T(2025, 9, 25, 10), 0),  # before receipt
            (T(2025, 9, 26, 16), 0),  # the day of receipt does not count
            (T(2025, 9, 27, 12), 0),
            (T(2025, 9, 28, 9), 1),
            (T(2025, 10, 8, 12), 3),  # 9/28, 9/29, 9/30
            (T(2025, 10, 10, 23, 59), 5),  # the end of the due date
            (T(2025, 10, 11, 9), 6),
        ],
    )
    def test_elapsed_working_days(self, china: WorkCalendar, now: T, expected: int) -> None:
        assert china.elapsed_workdays(T(2025, 9, 26, 10), now) == expected

    @pytest.mark.parametrize(
        ("now", "expected"), [(T(2025, 9, 25, 10), 0), (T(2025, 9, 26, 16), 1), (T(2025, 10, 9, 18), 5)]
    )
    def test_elapsed_from_the_day_of_receipt(
        self, from_receipt_day: WorkCalendar, now: T, expected: int
    ) -> None:
        assert from_receipt_day.elapsed_workdays(T(2025, 9, 26, 10), now) == expected


class TestAddWorkHours:
    """Default office hours 08:30–12:00 and 13:30–17:30: 7.5 working hours a day."""

    @pytest.mark.parametrize(
        ("received", "hours", "expected"),
        [
            (T(2025, 11, 17, 10), 2, T(2025, 11, 17, 12)),  # ends exactly at lunch
            (T(2025, 11, 17, 11), 2, T(2025, 11, 17, 14, 30)),  # across lunch
            (T(2025, 11, 17, 12, 30), 2, T(2025, 11, 17, 15, 30)),  # received during lunch
            (T(2025, 11, 17, 15, 30), 2, T(2025, 11, 17, 17, 30)),  # ends exactly at closing
            (T(2025, 11, 17, 17), 2, T(2025, 11, 18, 10)),  # across the evening
            (T(2025, 11, 17, 19), 2, T(2025, 11, 18, 10, 30)),  # received in the evening
            (T(2025, 11, 17, 7), 2, T(2025, 11, 17, 10, 30)),  # received before opening
            (T(2025, 11, 17, 7), 0, T(2025, 11, 17, 8, 30)),
            (T(2025, 11, 17, 8, 30), 15, T(2025, 11, 18, 17, 30)),  # exactly two working days
            (T(2025, 11, 17, 8, 30), 7.75, T(2025, 11, 18, 8, 45)),
            (T(2025, 9, 30, 16, 30), 2, T(2025, 10, 9, 9, 30)),  # across National Day
            (T(2025, 10, 3, 10), 2, T(2025, 10, 9, 10, 30)),  # received on a holiday
            (T(2025, 9, 27, 16), 1, T(2025, 9, 28, 9, 30)),  # Saturday, to the make-up Sunday
            (T(2026, 2, 13, 17), 1, T(2026, 2, 14, 9)),  # into the make-up Saturday before 春节
        ],
    )
    def test_runs_only_in_office_hours_of_working_days(
        self, china: WorkCalendar, received: T, hours: float, expected: T
    ) -> None:
        assert china.add_work_hours(received, hours) == expected

    def test_aware_in_aware_out(self, china: WorkCalendar) -> None:
        shanghai = ZoneInfo("Asia/Shanghai")
        result = china.add_work_hours(T(2025, 11, 17, 2, tzinfo=dt.UTC), 2)  # 10:00 in Shanghai

        assert result == T(2025, 11, 17, 12, tzinfo=shanghai)
        assert result.tzinfo is shanghai

    def test_without_a_lunch_break(self, arrangements: dict[int, YearArrangement]) -> None:
        calendar = WorkCalendar(
            [arrangements[2025]],
            Conventions(office_start=dt.time(9), office_end=dt.time(17), lunch_start=None, lunch_end=None),
        )

        assert calendar.add_work_hours(T(2025, 11, 17, 11), 2) == T(2025, 11, 17, 13)
        assert calendar.add_work_hours(T(2025, 11, 17, 16), 2) == T(2025, 11, 18, 10)

    def test_negative_hours_are_a_programming_error(self, china: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="negative"):
            china.add_work_hours(T(2025, 11, 17, 10), -1)


class TestDueDates:
    def test_agrees_with_the_hand_checked_due_dates(self, china: WorkCalendar) -> None:
        received = np.array(
            [
                "2025-09-26T10:00",
                "2025-09-26T18:00",
                "2025-10-03T10:00",
                "2026-02-13T10:00",
                "2025-09-30T17:30",
            ],
            dtype="datetime64[m]",
        )
        n = np.array([5, 5, 3, 6, 1])

        assert china.due_dates(received, n).tolist() == [
            D(2025, 10, 10),
            D(2025, 10, 11),
            D(2025, 10, 13),
            D(2026, 2, 28),
            D(2025, 10, 9),
        ]

    def test_accepts_datetimes_and_a_scalar_n(self, china: WorkCalendar) -> None:
        # 10:00 UTC is 18:00 in Shanghai: after the cut-off.
        received = [T(2025, 9, 26, 10), T(2025, 9, 26, 10, tzinfo=dt.UTC)]

        assert china.due_dates(received, 5).tolist() == [D(2025, 10, 10), D(2025, 10, 11)]

    def test_from_the_day_of_receipt(self, from_receipt_day: WorkCalendar) -> None:
        received = np.array(["2025-09-26T10:00", "2026-02-14T18:00"], dtype="datetime64[m]")

        assert from_receipt_day.due_dates(received, [5, 1]).tolist() == [D(2025, 10, 9), D(2026, 2, 24)]

    def test_empty_in_empty_out(self, china: WorkCalendar) -> None:
        result = china.due_dates(np.array([], dtype="datetime64[m]"), np.array([], dtype=np.int64))

        assert result.shape == (0,)
        assert result.dtype == np.dtype("datetime64[D]")

    def test_refuses_n_below_one(self, china: WorkCalendar) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            china.due_dates([T(2025, 9, 26, 10), T(2025, 9, 26, 10)], [1, 0])

    @pytest.mark.parametrize("received", ["2026-12-25T10:00", "2026-12-31T18:00", "2027-01-04T10:00"])
    def test_refuses_answers_in_a_missing_year(self, china: WorkCalendar, received: str) -> None:
        ok = np.datetime64("2025-09-26T10:00")
        with pytest.raises(MissingYearError) as raised:
            china.due_dates(np.array([ok, np.datetime64(received)]), 5)
        assert raised.value.year == 2027


def ordinals(*days: D) -> np.ndarray:
    return np.array([day.toordinal() for day in days], dtype=np.int64)


class TestManyDatesAtOnce:
    """The vectorised questions on date ordinals that schedules of many projects ask."""

    def test_snapping_and_shifting_across_national_day_2025(self, china: WorkCalendar) -> None:
        holiday = ordinals(D(2025, 10, 3))
        assert china.workdays_on_or_after(holiday).tolist() == ordinals(D(2025, 10, 9)).tolist()
        assert china.workdays_on_or_before(holiday).tolist() == ordinals(D(2025, 9, 30)).tolist()
        # Three working days after 09-30: 10-09, 10-10 and Sat 10-11 (make-up).
        assert (
            china.shift_workdays(ordinals(D(2025, 9, 30)), 3).tolist() == ordinals(D(2025, 10, 11)).tolist()
        )
        # Two working days before 09-29: Sun 09-28 (make-up), then Fri 09-26.
        assert (
            china.shift_workdays(ordinals(D(2025, 9, 29)), -2).tolist() == ordinals(D(2025, 9, 26)).tolist()
        )
        # one shift per date
        shifted = china.shift_workdays(ordinals(D(2025, 9, 30), D(2025, 9, 29)), np.array([3, -2]))
        assert shifted.tolist() == ordinals(D(2025, 10, 11), D(2025, 9, 26)).tolist()

    def test_running_off_the_loaded_years_names_the_missing_year(self) -> None:
        calendar = WorkCalendar([arrangement_from_chinesecalendar(2025)])
        with pytest.raises(MissingYearError) as raised:
            calendar.workdays_on_or_before(
                ordinals(D(2025, 1, 1))
            )  # New Year's Day is off: the day before is 2024
        assert raised.value.year == 2024
        with pytest.raises(MissingYearError) as raised:
            calendar.shift_workdays(ordinals(D(2025, 12, 31)), 1)
        assert raised.value.year == 2026
        with pytest.raises(MissingYearError) as raised:
            calendar.workdays_on_or_after(ordinals(D(2027, 3, 1)))
        assert raised.value.year == 2027

    def test_an_answer_across_a_year_not_loaded_names_that_year(self, without_2025: WorkCalendar) -> None:
        with pytest.raises(MissingYearError) as raised:  # the next working day after 2024-12-31 lies in 2026
            without_2025.shift_workdays(ordinals(D(2024, 12, 31)), 1)
        assert raised.value.year == 2025
        with pytest.raises(MissingYearError) as raised:
            without_2025.workdays_on_or_after(ordinals(D(2025, 6, 1)))
        assert raised.value.year == 2025

    def test_no_dates_no_answers(self, china: WorkCalendar) -> None:
        assert china.workdays_on_or_after(ordinals()).tolist() == []

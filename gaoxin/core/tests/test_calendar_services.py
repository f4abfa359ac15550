"""The working-day calendar on the database: seeded years, the cache, edits, settings and the command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gaoxin.core import calendar_services, changelog
from gaoxin.core.calendar_models import ArrangementSource, WorkdayArrangement
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import MissingYearError, chinesecalendar_years

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def run(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_the_migration_seeds_every_year_the_package_knows():
    years = calendar_services.stored_years()
    assert years == list(chinesecalendar_years())
    assert {2024, 2025, 2026} <= set(years)
    row = WorkdayArrangement.objects.get(year=2025)
    assert row.source == ArrangementSource.CHINESECALENDAR
    assert "2025-10-08" in row.holidays  # National Day: 1–8 October
    assert "2025-09-28" in row.makeup_workdays
    assert "2025-10-11" in row.makeup_workdays


def test_national_day_2025_example_of_the_domain():
    calendar = calendar_services.current_calendar()
    assert calendar.due_date(dt.datetime(2025, 9, 26, 10, 0, tzinfo=SHANGHAI), 5) == dt.date(2025, 10, 10)


def test_a_missing_year_is_an_error_not_a_guess():
    WorkdayArrangement.objects.filter(year=2026).delete()
    with pytest.raises(MissingYearError) as caught:
        calendar_services.current_calendar().due_date(dt.datetime(2025, 12, 25, 10, tzinfo=SHANGHAI), 10)
    assert caught.value.year == 2026
    with translation.override("zh-hans"):
        assert translated(caught.value.message).startswith("2026 年的工作日安排尚未录入")


def test_the_cache_sees_a_change_and_rebuilds_only_then(django_assert_num_queries):
    first = calendar_services.current_calendar()
    with django_assert_num_queries(1):  # the fingerprint only
        assert calendar_services.current_calendar() is first
    arrangement = WorkdayArrangement.objects.get(year=2026).to_arrangement()
    extra = dt.date(2026, 12, 31)  # a Thursday made a day off
    calendar_services.arrangement_save(
        year=2026,
        holidays=arrangement.holidays | {extra},
        makeup_workdays=arrangement.makeup_workdays,
        holiday_names=arrangement.holiday_names,
        by=None,
    )
    second = calendar_services.current_calendar()
    assert second is not first
    assert first.is_workday(extra)
    assert not second.is_workday(extra)


def test_a_change_made_elsewhere_is_seen_too():
    """Another process edits the table directly: the fingerprint changes, the calendar follows."""
    calendar_services.current_calendar()
    WorkdayArrangement.objects.filter(year=2026).update(
        holidays=["2026-12-31"], makeup_workdays=[], holiday_names={}, revision=7
    )
    calendar = calendar_services.current_calendar()
    assert calendar.is_workday(dt.date(2026, 10, 1))  # no longer National Day
    assert not calendar.is_workday(dt.date(2026, 12, 31))


def test_entering_a_new_year_records_the_change_and_tells_listeners(
    django_capture_on_commit_callbacks, admin_user
):
    received: list[list[int]] = []

    def listener(sender, years, **kwargs):
        received.append(years)

    calendar_services.arrangements_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            row = calendar_services.arrangement_save(
                year=2027,
                holidays={dt.date(2027, 1, 1)},
                makeup_workdays=set(),
                holiday_names={dt.date(2027, 1, 1): "元旦"},
                note="国办发明电〔2026〕1号",
                by=admin_user,
            )
    finally:
        calendar_services.arrangements_changed.disconnect(listener)
    assert received == [[2027]]
    assert row.updated_by == admin_user
    entry = changelog.history(row).get()
    assert entry.action == "create"
    assert entry.changes["holidays"] == [None, ["2027-01-01"]]
    calendar = calendar_services.current_calendar()
    assert calendar.add_workdays(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_saving_the_same_arrangement_again_changes_nothing():
    row = WorkdayArrangement.objects.get(year=2025)
    arrangement = row.to_arrangement()
    calendar_services.arrangement_save(
        year=2025,
        holidays=arrangement.holidays,
        makeup_workdays=arrangement.makeup_workdays,
        holiday_names=arrangement.holiday_names,
        source=row.source,
        by=None,
    )
    row.refresh_from_db()
    assert row.revision == 1
    assert not changelog.history(row).exists()


def test_contradictions_are_refused_with_every_problem_in_chinese():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        calendar_services.arrangement_save(
            year=2027,
            holidays={dt.date(2027, 1, 2), dt.date(2026, 12, 31)},  # a Saturday; last year
            makeup_workdays={dt.date(2027, 1, 4)},  # a Monday
            by=None,
        )
    assert caught.value.messages == [
        "2026-12-31 不在 2027 年内。",
        "2027-01-02 是周末，不能列为放假日。",
        "2027-01-04 是周一至周五的工作日，不能列为调休上班日。",
    ]
    assert not WorkdayArrangement.objects.filter(year=2027).exists()


def test_conventions_come_from_settings(settings):
    assert calendar_services.conventions_from_settings().cutoff == dt.time(17, 30)
    settings.GAOXIN_WORKDAY_CUTOFF = "16:00"
    settings.GAOXIN_WORKDAY_COUNT_RECEIPT_DAY = True
    conventions = calendar_services.conventions_from_settings()
    assert conventions.cutoff == dt.time(16, 0)
    assert conventions.count_receipt_day
    calendar = calendar_services.current_calendar()
    # received Friday 16:30, after the 16:00 cut-off: counts from Sunday 28 September (a make-up workday),
    # which is day 1 when the receipt day counts: 28, 29, 30 September, 9 and 10 October.
    assert calendar.due_date(dt.datetime(2025, 9, 26, 16, 30, tzinfo=SHANGHAI), 5) == dt.date(2025, 10, 10)


def test_years_to_enter_asks_for_next_year_from_november():
    assert calendar_services.years_to_enter(dt.date(2026, 10, 31)) == []
    assert calendar_services.years_to_enter(dt.date(2026, 11, 1)) == [2027]


class TestCommand:
    def test_due_prints_the_domain_example(self):
        assert run("due", "2025-09-26", "5").strip() == "2025-10-10"

    def test_due_after_the_cutoff_and_in_hours(self):
        # Friday 18:00 counts from Sunday 28 September; the fifth working day after is Saturday 11 October.
        assert run("due", "2025-09-26T18:00", "5").strip() == "2025-10-11"
        # two office hours from Tuesday 30 September 16:30: one hour that day, one on 9 October (8:30–9:30)
        assert run("due", "2025-09-30T16:30", "2", "--hours").strip() == "2025-10-09 09:30"

    def test_show_lists_holidays_and_makeup_days(self):
        output = run("show", "2026")
        assert "春节  2026-02-15 – 2026-02-23  9 days off  make-up workdays: 2026-02-14, 2026-02-28" in output
        assert "国庆节  2026-10-01 – 2026-10-07" in output

    def test_a_missing_year_is_a_clear_error(self):
        with pytest.raises(CommandError, match="2027"):
            run("show", "2027")
        with pytest.raises(CommandError, match="2027"):
            run("due", "2026-12-25", "10")

    def test_bad_input(self):
        with pytest.raises(CommandError, match="not a date"):
            run("due", "26/09/2025", "5")
        with pytest.raises(CommandError, match="at least 1"):
            run("due", "2025-09-26", "0")

    def test_seed_stores_missing_years(self):
        WorkdayArrangement.objects.filter(year__in=[2024, 2025]).delete()
        output = run("seed")
        assert "2024" in output
        assert "2025" in output
        assert calendar_services.stored_years() == list(chinesecalendar_years())


def test_an_emptied_table_is_seeded_on_first_use():
    WorkdayArrangement.objects.all().delete()
    calendar = calendar_services.current_calendar()
    assert calendar.years == list(chinesecalendar_years())
    assert calendar_services.seed_if_empty() == 0  # only once

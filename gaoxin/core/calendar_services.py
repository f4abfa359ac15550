"""The working-day calendar on the database: conventions from settings, arrangements from the stored rows.

``current_calendar()`` builds a ``WorkCalendar`` from the ``WorkdayArrangement`` rows and keeps it in memory. Each
call checks a fingerprint of the table (one aggregate query), so a change made by another process — the web
server, the worker, a command — is seen at once; no process ever counts with a stale calendar.

Settings (with the DOMAIN §5.3 defaults): ``GAOXIN_WORKDAY_CUTOFF`` ("17:30"), ``GAOXIN_WORKDAY_COUNT_RECEIPT_DAY``
(False), ``GAOXIN_OFFICE_HOURS`` (("08:30", "17:30")), ``GAOXIN_LUNCH_BREAK`` (("12:00", "13:30"), or None).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.dispatch import Signal
from django.utils.translation import gettext as _

from gaoxin.core import changelog
from gaoxin.core.calendar_models import ArrangementSource, WorkdayArrangement
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import (
    Conventions,
    InvalidArrangementError,
    WorkCalendar,
    YearArrangement,
    arrangement_from_chinesecalendar,
    chinesecalendar_years,
)
from gaoxin.core.workcalendar.conventions import DEFAULT_CONVENTIONS

if TYPE_CHECKING:  # the user model is the accounts app's, above this layer: named for the types only
    from gaoxin.accounts.models import User

# Sent (after commit) with ``years`` when arrangements were created or changed (an estimate replaced by the
# official arrangement included); apps whose stored deadlines or plans depend on the calendar recompute them.
arrangements_changed = Signal()

_lock = threading.Lock()
_cache: dict[tuple[Any, ...], WorkCalendar] = {}


def _time(value: Any) -> dt.time:
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def conventions_from_settings() -> Conventions:
    """The counting conventions configured in settings, defaulting to DOMAIN §5.3."""
    d = DEFAULT_CONVENTIONS
    office = getattr(settings, "GAOXIN_OFFICE_HOURS", (d.office_start, d.office_end))
    lunch = getattr(settings, "GAOXIN_LUNCH_BREAK", (d.lunch_start, d.lunch_end))
    return Conventions(
        count_receipt_day=bool(getattr(settings, "GAOXIN_WORKDAY_COUNT_RECEIPT_DAY", d.count_receipt_day)),
        cutoff=_time(getattr(settings, "GAOXIN_WORKDAY_CUTOFF", d.cutoff)),
        office_start=_time(office[0]),
        office_end=_time(office[1]),
        lunch_start=_time(lunch[0]) if lunch else None,
        lunch_end=_time(lunch[1]) if lunch else None,
    )


def _fingerprint() -> tuple[Any, ...]:
    stats = WorkdayArrangement.objects.aggregate(
        n=Count("id"), revisions=Sum("revision"), last=Max("updated_at"), years=Sum("year")
    )
    return (stats["n"], stats["revisions"], stats["last"], stats["years"])


def seed_if_empty() -> int:
    """On first use of an empty table (a database flushed or built without migrations' data), store the years
    the ``chinesecalendar`` package knows, as the data migration does. Returns how many years were stored."""
    rows = [
        WorkdayArrangement(
            year=year, source=ArrangementSource.CHINESECALENDAR, **WorkdayArrangement.fields_from(arrangement)
        )
        for year in chinesecalendar_years()
        for arrangement in [arrangement_from_chinesecalendar(year)]
    ]
    with transaction.atomic():
        if WorkdayArrangement.objects.exists():
            return 0
        WorkdayArrangement.objects.bulk_create(rows, ignore_conflicts=True)
        stored = WorkdayArrangement.objects.filter(year__in=[row.year for row in rows])
        changelog.record([changelog.Change.created(row) for row in stored], by=None)  # past the signals
    return len(rows)


def current_calendar() -> WorkCalendar:
    """The calendar of every stored year under the configured conventions (rebuilt only after a change)."""
    conventions = conventions_from_settings()
    fingerprint = _fingerprint()
    if fingerprint[0] == 0 and seed_if_empty():
        fingerprint = _fingerprint()
    key = (*fingerprint, conventions)
    with _lock:
        calendar = _cache.get(key)
    if calendar is None:
        calendar = WorkCalendar(
            (row.to_arrangement() for row in WorkdayArrangement.objects.all()), conventions
        )
        with _lock:
            _cache.clear()
            _cache[key] = calendar
    return calendar


def missing_year_text(year: int) -> str:
    """What is shown instead of a date that cannot be computed: "2027 年工作日安排尚未录入"."""
    return _("Working days of %(year)s have not been entered") % {"year": year}


class YearVersion(NamedTuple):
    """Which version of a year's arrangement a computation used: its revision, and whether it is an estimate."""

    revision: int
    estimated: bool


def year_versions(first: int, last: int) -> dict[int, YearVersion]:
    """The stored years from ``first`` to ``last`` with the version of their arrangement."""
    rows = WorkdayArrangement.objects.filter(year__range=(first, last)).values_list(
        "year", "revision", "estimated"
    )
    return {year: YearVersion(revision, estimated) for year, revision, estimated in rows}


def estimated_years() -> set[int]:
    """The years whose stored arrangement is an estimate awaiting the State Council notice."""
    return set(WorkdayArrangement.objects.filter(estimated=True).values_list("year", flat=True))


def stored_years() -> list[int]:
    return list(WorkdayArrangement.objects.values_list("year", flat=True))


def years_to_enter(today: dt.date) -> list[int]:
    """Years missing that are needed soon: this year, and next year once its notice is due (from November)."""
    needed = [today.year, *([today.year + 1] if today.month >= 11 else [])]
    have = set(stored_years())
    return [year for year in needed if year not in have]


def _validated(
    year: int,
    holidays: Iterable[dt.date],
    makeup_workdays: Iterable[dt.date],
    holiday_names: Mapping[dt.date, str],
) -> YearArrangement:
    try:
        return YearArrangement(
            year=year,
            holidays=frozenset(holidays),
            makeup_workdays=frozenset(makeup_workdays),
            holiday_names=dict(holiday_names),
        )
    except InvalidArrangementError as error:
        raise ValidationError([translated(problem) for problem in error.problems]) from error


def _changed(years: Sequence[int]) -> None:
    transaction.on_commit(lambda: arrangements_changed.send(sender=WorkdayArrangement, years=list(years)))


@transaction.atomic
def arrangement_save(
    *,
    year: int,
    holidays: Iterable[dt.date],
    makeup_workdays: Iterable[dt.date],
    holiday_names: Mapping[dt.date, str] | None = None,
    note: str = "",
    source: str = ArrangementSource.ADMINISTRATOR,
    estimated: bool = False,
    by: User | None,
) -> WorkdayArrangement:
    """Create or replace one year's arrangement. Contradictions raise ``ValidationError`` listing each one.
    ``estimated``: the days are a guess made before the State Council notice (saving without it makes the
    year official)."""
    arrangement = _validated(year, holidays, makeup_workdays, holiday_names or {})
    row = WorkdayArrangement.objects.select_for_update().filter(year=year).first()
    creating = row is None
    row = row or WorkdayArrangement(year=year)
    for name, value in WorkdayArrangement.fields_from(arrangement).items():
        setattr(row, name, value)
    row.note = note
    row.source = source
    row.estimated = estimated
    row.updated_by = by
    if not creating:
        if not changelog.unsaved_changes(row):
            return row
        row.revision += 1
    with changelog.acting(by=by):
        row.save()
    _changed([year])
    return row


def arrangement_seed(*, year: int, by: User | None) -> WorkdayArrangement:
    """Store ``year`` as the ``chinesecalendar`` package has it; raises MissingYearError if it does not."""
    arrangement = arrangement_from_chinesecalendar(year)
    return arrangement_save(
        year=year,
        holidays=arrangement.holidays,
        makeup_workdays=arrangement.makeup_workdays,
        holiday_names=arrangement.holiday_names,
        source=ArrangementSource.CHINESECALENDAR,
        by=by,
    )


def arrangement_confirm(*, year: int, note: str = "", by: User | None) -> WorkdayArrangement:
    """The State Council notice gives the same days as the stored estimate: mark the year official as it is.
    Raises ``ValidationError`` if the year is not stored."""
    row = WorkdayArrangement.objects.filter(year=year).first()
    if row is None:
        raise ValidationError(missing_year_text(year))
    arrangement = row.to_arrangement()
    return arrangement_save(
        year=year,
        holidays=arrangement.holidays,
        makeup_workdays=arrangement.makeup_workdays,
        holiday_names=arrangement.holiday_names,
        note=note or row.note,
        source=row.source,
        by=by,
    )

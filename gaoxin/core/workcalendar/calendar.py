"""Answer working-day questions from the entered year arrangements, in O(log n) per question.

All loaded working days are kept as one sorted array of date ordinals. A question is answered by binary search
(``numpy.searchsorted``) and index arithmetic: "the Nth working day after d" is the element N places after
d's position. Loaded years need not be contiguous; any answer whose span of dates touches a year that was not
loaded raises ``MissingYearError`` — never a silent Monday-to-Friday guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import count
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from gaoxin.core.workcalendar.arrangement import YearArrangement
from gaoxin.core.workcalendar.conventions import DEFAULT_CONVENTIONS, Conventions, since_midnight
from gaoxin.core.workcalendar.errors import MissingYearError

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
MIDNIGHT = dt.time()

Ordinals = npt.NDArray[np.int64]  # dates as ``dt.date.toordinal()``


class WorkCalendar:
    """Working days of the loaded years under one set of counting conventions."""

    def __init__(
        self, arrangements: Iterable[YearArrangement], conventions: Conventions = DEFAULT_CONVENTIONS
    ) -> None:
        by_year: dict[int, YearArrangement] = {}
        for arrangement in arrangements:
            if arrangement.year in by_year:
                raise ValueError(f"two arrangements given for {arrangement.year}")
            by_year[arrangement.year] = arrangement
        self.conventions = conventions
        self._arrangements: Mapping[int, YearArrangement] = MappingProxyType(by_year)
        self._workdays = np.array(
            [
                day.toordinal()
                for year in sorted(by_year)
                for day in _days_of(year)
                if by_year[year].is_workday(day)
            ],
            dtype=np.int64,
        )
        self._first_year = min(by_year, default=0)
        self._last_year = max(by_year, default=-1)
        # _loaded_count[k] = how many years in [first_year, first_year + k) are loaded.
        self._loaded_count = np.cumsum(
            [0, *(year in by_year for year in range(self._first_year, self._last_year + 1))], dtype=np.int64
        )
        self._periods = conventions.work_periods()
        self._day_length = sum((end - start for start, end in self._periods), dt.timedelta())

    @property
    def years(self) -> list[int]:
        """The loaded years, in order."""
        return sorted(self._arrangements)

    def arrangement(self, year: int) -> YearArrangement:
        self._require_years(year, year)
        return self._arrangements[year]

    def is_workday(self, day: dt.date) -> bool:
        return self.arrangement(day.year).is_workday(day)

    def effective_receipt_date(self, received: dt.datetime) -> dt.date:
        """The working day a request counts as received: the next one if received off-day or after cut-off."""
        local = self._local(received)
        day = local.date()
        self._require_years(day.year, day.year)
        if local.time() > self.conventions.cutoff:
            day += dt.timedelta(days=1)
        index = int(np.searchsorted(self._workdays, day.toordinal(), side="left"))
        return self._workday_at(index, local.date())

    def due_date(self, received: dt.datetime, n: int) -> dt.date:
        """The day at whose end a limit of ``n`` working days from ``received`` runs out."""
        if n < 1:
            raise ValueError(f"a limit must be at least 1 working day, got {n}")
        start = self.effective_receipt_date(received)
        return self.add_workdays(start, n - 1 if self.conventions.count_receipt_day else n)

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The nth working day after ``day`` (n > 0), before it (n < 0), or ``day`` itself (n == 0)."""
        self._require_years(day.year, day.year)
        if n == 0:
            return day
        if n > 0:
            index = int(np.searchsorted(self._workdays, day.toordinal(), side="right")) + n - 1
        else:
            index = int(np.searchsorted(self._workdays, day.toordinal(), side="left")) + n
        return self._workday_at(index, day)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; negative (the same count) when end is before start."""
        self._require_years(min(start.year, end.year), max(start.year, end.year))
        return self._rank(end) - self._rank(start)

    def elapsed_workdays(self, received: dt.datetime, now: dt.datetime) -> int:
        """Working days used by ``now`` under the same convention as ``due_date``; the due date itself is
        day n, so ``elapsed_workdays(received, due_date(received, n) at any time) == n``."""
        start = self.effective_receipt_date(received)
        used = self.workdays_between(start, self._local(now).date())
        return max(0, (used + 1) if self.conventions.count_receipt_day else used)

    def add_work_hours(self, received: dt.datetime, hours: float) -> dt.datetime:
        """The moment ``hours`` office hours after ``received``; time off-hours, at lunch and on non-working
        days does not run. A limit that runs out exactly at the end of a period ends there (e.g. 17:30)."""
        if hours < 0:
            raise ValueError(f"hours must not be negative, got {hours}")
        local = self._local(received)
        day = local.date()
        if self.is_workday(day):
            worked = self._worked_by(local - dt.datetime.combine(day, MIDNIGHT))
        else:
            day = self.add_workdays(day, 1)
            worked = dt.timedelta()
        days_ahead, rest = divmod(worked + dt.timedelta(hours=hours), self._day_length)
        if not rest and days_ahead:
            days_ahead, rest = days_ahead - 1, self._day_length
        moment = dt.datetime.combine(self.add_workdays(day, days_ahead), MIDNIGHT) + self._clock_at(rest)
        if received.tzinfo is None:
            return moment
        return moment.replace(tzinfo=self.conventions.timezone)

    def due_dates(
        self,
        received: npt.NDArray[np.datetime64] | Sequence[dt.datetime],
        n: npt.ArrayLike,
    ) -> npt.NDArray[np.datetime64]:
        """``due_date`` for many requests at once: ``received`` as a datetime64 array of local wall-clock
        times (or a sequence of datetimes), ``n`` an integer array or scalar; returns datetime64[D]."""
        moments, counts = np.broadcast_arrays(
            self._as_local_datetime64(received), np.asarray(n, dtype=np.int64)
        )
        if counts.size and counts.min() < 1:
            raise ValueError("every n must be at least 1")
        days = moments.astype("datetime64[D]")
        cutoff = np.timedelta64(since_midnight(self.conventions.cutoff), "us")
        start = days.astype(np.int64) + EPOCH_ORDINAL + ((moments - days) > cutoff)
        received_years = _years_of(days)
        self._require_spans(received_years, received_years)
        target = np.searchsorted(self._workdays, start, side="left") + counts
        if self.conventions.count_receipt_day:
            target -= 1
        beyond = target >= len(self._workdays)
        if beyond.any():
            raise MissingYearError(self._missing_after(int(received_years[np.argmax(beyond)])))
        due: npt.NDArray[np.datetime64] = (self._workdays[target] - EPOCH_ORDINAL).astype("datetime64[D]")
        self._require_spans(received_years, _years_of(due))
        return due

    def workdays_on_or_after(self, days: Ordinals) -> Ordinals:
        """The first working day on or after each of ``days`` (date ordinals), for many dates at once."""
        return self._workdays_at(np.searchsorted(self._workdays, days, side="left"), days)

    def workdays_on_or_before(self, days: Ordinals) -> Ordinals:
        """The last working day on or before each of ``days`` (date ordinals)."""
        return self._workdays_at(np.searchsorted(self._workdays, days, side="right") - 1, days)

    def shift_workdays(self, workdays: Ordinals, n: Ordinals | int) -> Ordinals:
        """The working day ``n`` working days after (n < 0: before) each of ``workdays`` (date ordinals of
        working days)."""
        return self._workdays_at(np.searchsorted(self._workdays, workdays, side="left") + n, workdays)

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            return moment
        return moment.astimezone(self.conventions.timezone).replace(tzinfo=None)

    def _as_local_datetime64(
        self, received: npt.NDArray[np.datetime64] | Sequence[dt.datetime]
    ) -> npt.NDArray[np.datetime64]:
        if isinstance(received, np.ndarray):
            return received.astype("datetime64[us]")
        return np.array([self._local(moment) for moment in received], dtype="datetime64[us]")

    def _rank(self, day: dt.date) -> int:
        """How many loaded working days fall on or before ``day``."""
        return int(np.searchsorted(self._workdays, day.toordinal(), side="right"))

    def _workday_at(self, index: int, origin: dt.date) -> dt.date:
        """The working day at ``index``, reached by counting from ``origin``; running off the loaded days, or
        across a year that was not loaded, means a year is missing."""
        if index >= len(self._workdays):
            raise MissingYearError(self._missing_after(origin.year))
        if index < 0:
            raise MissingYearError(self._missing_before(origin.year))
        day = dt.date.fromordinal(int(self._workdays[index]))
        self._require_years(min(origin.year, day.year), max(origin.year, day.year))
        return day

    def _workdays_at(self, positions: npt.NDArray[np.intp], origins: Ordinals) -> Ordinals:
        """Vectorised ``_workday_at``: the working days at ``positions``, reached by counting from ``origins``."""
        beyond = positions >= len(self._workdays)
        before = positions < 0
        if beyond.any() or before.any():
            bad = int(np.argmax(beyond | before))
            origin = dt.date.fromordinal(int(origins[bad])).year
            self._require_years(origin, origin)
            raise MissingYearError(
                self._missing_after(origin) if beyond[bad] else self._missing_before(origin)
            )
        found: Ordinals = self._workdays[positions]
        self._require_spans(
            _ordinal_years(np.minimum(origins, found)), _ordinal_years(np.maximum(origins, found))
        )
        return found

    def _require_years(self, first: int, last: int) -> None:
        for year in range(first, last + 1):
            if year not in self._arrangements:
                raise MissingYearError(year)

    def _require_spans(self, firsts: npt.NDArray[np.int64], lasts: npt.NDArray[np.int64]) -> None:
        """Vectorised ``_require_years`` over pairs of years (firsts <= lasts)."""
        inside = (firsts >= self._first_year) & (lasts <= self._last_year)
        low = np.where(inside, firsts - self._first_year, 0)
        high = np.where(inside, lasts - self._first_year + 1, 0)
        complete = inside & (self._loaded_count[high] - self._loaded_count[low] == lasts - firsts + 1)
        if not complete.all():
            bad = int(np.argmin(complete))
            self._require_years(int(firsts[bad]), int(lasts[bad]))

    def _missing_after(self, year: int) -> int:
        return next(y for y in count(year + 1) if y not in self._arrangements)

    def _missing_before(self, year: int) -> int:
        return next(y for y in count(year - 1, -1) if y not in self._arrangements)

    def _worked_by(self, clock: dt.timedelta) -> dt.timedelta:
        """Office time of one day that has passed by ``clock`` (time since midnight)."""
        return sum(
            (min(max(clock - start, dt.timedelta()), end - start) for start, end in self._periods),
            dt.timedelta(),
        )

    def _clock_at(self, worked: dt.timedelta) -> dt.timedelta:
        """The time since midnight at which ``worked`` office time of the day has passed."""
        *earlier, (last_start, _) = self._periods
        for start, end in earlier:
            if worked <= end - start:
                return start + worked
            worked -= end - start
        return last_start + worked


def _days_of(year: int) -> Iterable[dt.date]:
    first = dt.date(year, 1, 1)
    return (first + dt.timedelta(days=k) for k in range((dt.date(year + 1, 1, 1) - first).days))


def _years_of(days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.int64]:
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _ordinal_years(ordinals: Ordinals) -> npt.NDArray[np.int64]:
    return _years_of((ordinals - EPOCH_ORDINAL).astype("datetime64[D]"))
